package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.BytesIn;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /**
   * Folders name their files within themselves, one shared string per name: 10,000 tenants keep
   * a million stand-ins until the tree checks run. The checks still see every object at its
   * path from {@code output/}, also one placed outside its own folder.
   */
  @Test
  void filesAreNamedWithinTheirFolderAndSeenByTheChecksAtTheirPath() {
    Rendered rendered = Rendered.project();
    KeptObjects.Facts payments = collect(rendered, "payments");
    KeptObjects.Facts storefront = collect(rendered, "storefront");

    KeptObjects.Synced namespace = stand(payments, "Namespace");
    assertThat(namespace.file()).doesNotContain("payments").doesNotStartWith("/");
    assertThat(stand(storefront, "Namespace").file()).isSameAs(namespace.file());
    // Object names that recur in every tenant are one instance too.
    assertThat(stand(payments, "Sidecar").name()).isEqualTo("default")
        .isSameAs(stand(storefront, "Sidecar").name());

    TreeView view = new TreeView(List.of(payments, storefront), rendered.sites()::get);
    assertThat(view.synced("prod/tenants/payments")).isNotEmpty()
        .allSatisfy(placed -> assertThat(placed.file().path()).startsWith("prod/tenants/payments/"))
        .anySatisfy(placed -> assertThat(placed.file().path()).isEqualTo("prod/tenants/payments/" + namespace.file()));
    assertThat(view.folders).contains("prod/tenants/payments", "prod/tenants/storefront");

    RenderedFile astray = new RenderedFile("prod/tenants/storefront/payments-extra.yaml", "prod", "payments", null, "",
        List.of(), List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "extra", "namespace", "storefront-prod"))), Map.of());
    KeptObjects.Facts misplaced = KeptObjects.INSTANCE.collect(
        new FolderObjects(new FolderId("prod", "payments"), List.of(astray), Map.of(), Set.of("payments-prod"), Set.of()));
    TreeView seen = new TreeView(List.of(misplaced), rendered.sites()::get);
    assertThat(seen.folders).containsExactly("prod/tenants/storefront");
    assertThat(seen.synced("prod/tenants/storefront")).singleElement()
        .satisfies(placed -> assertThat(placed.file().path()).isEqualTo("prod/tenants/storefront/payments-extra.yaml"));
  }

  /**
   * A value kept by one folder and read back for another is one instance whatever order its maps
   * were filled in, down to its nested parts, and lists keep their null items.
   */
  @Test
  void equalNestedValuesAreOneInstanceWhateverTheOrderOfTheirMaps() throws Exception {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("x", Arrays.asList("a", null, 3));
    inner.put("y", Map.of("deep", List.of(Map.of("k", true))));
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("y", Map.of("deep", List.of(Map.of("k", true))));
    reordered.put("x", Arrays.asList("a", null, 3));
    KeptObjects.Facts one = telemetry("one", inner);
    KeptObjects.Facts other = KeptObjects.INSTANCE.read(BytesIn.of(bytes(telemetry("other", reordered))));

    Map<String, Object> spec = spec(one);
    assertThat(spec(other)).isSameAs(spec).isEqualTo(Map.of("selector", inner));
    assertThat(((Map<?, ?>) spec.get("selector")).get("x")).isEqualTo(Arrays.asList("a", null, 3));
    assertThat(spec.hashCode()).isEqualTo(new HashMap<>(Map.of("selector", inner)).hashCode());
  }

  private static KeptObjects.Facts telemetry(String tenant, Map<String, Object> selector) {
    RenderedFile file = new RenderedFile("prod/tenants/" + tenant + "/telemetry.yaml", "prod", tenant, null, "",
        List.of(), List.of(Map.of("apiVersion", "telemetry.istio.io/v1", "kind", "Telemetry",
            "metadata", Map.of("name", "default", "namespace", tenant + "-prod"), "spec", Map.of("selector", selector))),
        Map.of());
    return KeptObjects.INSTANCE.collect(
        new FolderObjects(new FolderId("prod", tenant), List.of(file), Map.of(), Set.of(tenant + "-prod"), Set.of()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(KeptObjects.Facts facts) {
    return (Map<String, Object>) facts.kept().get(0).object().get("spec");
  }

  private static KeptObjects.Facts collect(Rendered rendered, String tenant) {
    List<RenderedFile> files = rendered.tree().files().values().stream()
        .filter(f -> f.overlay().equals("prod") && tenant.equals(f.tenant())).toList();
    return KeptObjects.INSTANCE.collect(
        new FolderObjects(new FolderId("prod", tenant), files, Map.of(), Set.of(tenant + "-prod"), Set.of()));
  }

  private static KeptObjects.Synced stand(KeptObjects.Facts facts, String kind) {
    return facts.synced().get("").stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
  }

  private static byte[] bytes(KeptObjects.Facts facts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KeptObjects.INSTANCE.write(facts, new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
