package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import io.meshplate.Interned;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How a review reads output files: the fast reader where it can, the strict one where it must. */
class OutputFilesTest {
  private static final Path OUTPUT = Path.of("output").toAbsolutePath();

  private static List<Path> committedManifests() throws Exception {
    try (Stream<Path> files = Files.walk(OUTPUT)) {
      return files.filter(Files::isRegularFile).filter(p -> OutputFiles.isManifest(p.toString()))
          .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
    }
  }

  private static List<Object> strict(String name, byte[] content) {
    return StrictYaml.readAll(name, content, YamlLimits.PLATFORM).stream().map(StrictYaml.Document::root)
        .filter(root -> root instanceof Map<?, ?>).toList();
  }

  @Test
  void everyCommittedFileReadsAsTheStrictReaderReadsIt() throws Exception {
    List<Path> files = committedManifests();
    assertThat(files).hasSizeGreaterThan(100);
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      String path = OUTPUT.relativize(file).toString();
      assertThat(OutputFiles.parse("output/" + path, path, content)).as(path)
          .isEqualTo(strict("output/" + path, content));
    }
  }

  @Test
  void keysAndShortValuesAreSharedAsTheStrictReaderSharesThem() {
    byte[] content = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"a-rather-unusual-name-for-this-test\"\n"
        .getBytes(StandardCharsets.UTF_8);
    Map<String, Object> object = OutputFiles.parse("output/x.yaml", "x.yaml", content).get(0);
    String key = object.keySet().iterator().next();
    assertThat(key).isSameAs(Interned.of(new String("apiVersion")));
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    assertThat(metadata.get("name")).isSameAs(Interned.of(new String("a-rather-unusual-name-for-this-test")));
  }

  @Test
  void aHandEditOutsideWhatMeshplateWritesIsReadStrictlyWithItsPosition() {
    byte[] flow = "apiVersion: v1\nkind: ConfigMap\ndata: {a: \"1\", b: \"2\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(OutputFiles.parse("output/x.yaml", "x.yaml", flow).get(0).get("data"))
        .isEqualTo(Map.of("a", "1", "b", "2"));
    byte[] duplicate = "apiVersion: v1\nkind: ConfigMap\nkind: Secret\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> OutputFiles.parse("HEAD:output/x.yaml", "x.yaml", duplicate))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("HEAD:output/x.yaml:3:1: YAML-DUPLICATE-KEY");
  }

  @Test
  void aBatchFailsOnTheFirstBadFileInOrderWhicheverCoreMeetsABadOneFirst() {
    byte[] good = "apiVersion: v1\nkind: ConfigMap\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "kind: A\nkind: B\n".getBytes(StandardCharsets.UTF_8);
    for (int run = 0; run < 20; run++) {
      TreeMap<String, List<Map<String, Object>>> into = new TreeMap<>();
      OutputFiles.Batch batch = new OutputFiles.Batch(into);
      for (int i = 0; i < 300; i++) {
        String name = String.format("f%03d.yaml", i);
        batch.add("output/" + name, name, i == 150 || i == 299 ? bad : good);
      }
      assertThatThrownBy(batch::finish).hasMessageContaining("output/f150.yaml:2:1");
    }
    TreeMap<String, List<Map<String, Object>>> into = new TreeMap<>();
    OutputFiles.Batch batch = new OutputFiles.Batch(into);
    for (int i = 0; i < 1100; i++) {
      batch.add("output/f" + i + ".yaml", "f" + i + ".yaml", good);
    }
    batch.finish();
    assertThat(into).hasSize(1100).allSatisfy((name, objects) -> assertThat(objects).hasSize(1));
  }
}
