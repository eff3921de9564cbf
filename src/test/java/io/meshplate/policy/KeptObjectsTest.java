package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What folders keep for the whole-render checks goes into the render cache: read back, it must
 * be what was collected, so a folder served from the cache is checked exactly like a rendered one.
 */
class KeptObjectsTest {
  @Test
  void factsOfEveryExampleFolderReadBackAsCollected() throws Exception {
    Rendered rendered = Rendered.project();
    Map<FolderId, List<RenderedFile>> folders = new TreeMap<>();
    rendered.tree().files().values().forEach(file ->
        folders.computeIfAbsent(new FolderId(file.overlay(), file.tenant()), f -> new ArrayList<>()).add(file));
    int kept = 0;
    for (Map.Entry<FolderId, List<RenderedFile>> folder : folders.entrySet()) {
      KeptObjects.Facts facts = KeptObjects.INSTANCE.collect(
          new FolderObjects(folder.getKey(), folder.getValue(), Map.of(), Set.of("payments-prod"), Set.of()));
      byte[] bytes = bytes(facts);
      KeptObjects.Facts read = KeptObjects.INSTANCE.read(new DataInputStream(new ByteArrayInputStream(bytes)));
      assertThat(read).as(folder.getKey().path()).isEqualTo(facts);
      // Shared values are encoded once and then copied: the second writing is the same bytes.
      assertThat(bytes(facts)).as(folder.getKey().path()).isEqualTo(bytes);
      kept += facts.kept().size();
    }
    // Argo CD objects of every hub folder, Telemetry, control planes: the tree checks have input.
    assertThat(kept).isGreaterThan(folders.size());
  }

  @Test
  void equalKeptValuesReadFromTheCacheAreOneInstance() throws Exception {
    Rendered rendered = Rendered.project();
    List<RenderedFile> hub = rendered.tree().files().values().stream()
        .filter(f -> f.overlay().equals("prod") && "payments".equals(f.tenant())).toList();
    KeptObjects.Facts facts = KeptObjects.INSTANCE.collect(
        new FolderObjects(new FolderId("prod", "payments"), hub, Map.of(), Set.of("payments-prod"), Set.of()));
    byte[] bytes = bytes(facts);

    KeptObjects.Facts once = KeptObjects.INSTANCE.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    KeptObjects.Facts twice = KeptObjects.INSTANCE.read(new DataInputStream(new ByteArrayInputStream(bytes)));

    assertThat(once.kept()).isNotEmpty();
    for (int i = 0; i < once.kept().size(); i++) {
      // 10,000 folders read from the cache hold one copy of what they have in common.
      assertThat(twice.kept().get(i).object()).isSameAs(once.kept().get(i).object())
          .isSameAs(facts.kept().get(i).object());
    }
  }

  private static byte[] bytes(KeptObjects.Facts facts) throws java.io.IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KeptObjects.INSTANCE.write(facts, new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
