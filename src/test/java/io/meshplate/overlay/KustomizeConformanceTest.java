package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.meshplate.MeshplateException;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case under {@code src/test/resources/conformance/} is applied twice: by meshplate's
 * {@link PatchEngine}, and by {@code kubectl kustomize} on a kustomization tree built from the
 * same unpatched objects and the same patches (one kustomization per layer, each using the
 * previous one as its base). The resulting objects must be equal as trees.
 *
 * <p>A case is one YAML file: {@code description}, {@code objects} (the rendered objects),
 * {@code layers} (each with {@code patches}, {@code labels}, {@code annotations}, parent first)
 * and optionally {@code expectError: true} (both must refuse it) or {@code meshplateRefuses: RULE}
 * (a documented difference: Kustomize accepts what meshplate rejects with that rule, because
 * Kustomize would silently do something else than the patch says). Adding a case needs no Java.
 */
@Requires(Requirement.KUBECTL)
class KustomizeConformanceTest {
  private static final Path CASES = Paths.get("src/test/resources/conformance");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyCaseEqualsKubectlKustomize() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(CASES)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).as("conformance cases").hasSizeGreaterThanOrEqualTo(30);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  @SuppressWarnings("unchecked")
  private void check(Path file) throws Exception {
    StrictYaml.Document doc =
        StrictYaml.read("conformance/" + file.getFileName(), Files.readAllBytes(file), YamlLimits.PLATFORM);
    Map<String, Object> spec = doc.rootMap();
    List<Map<String, Object>> objects = (List<Map<String, Object>>) spec.get("objects");
    List<Map<String, Object>> layers = (List<Map<String, Object>>) spec.get("layers");
    boolean expectError = Boolean.TRUE.equals(spec.get("expectError"));
    String refusal = (String) spec.get("meshplateRefuses");
    Set<String> kinds = new TreeSet<>();
    objects.forEach(o -> kinds.add((String) o.get("kind")));

    Path dir = writeKustomizeTree(file.getFileName().toString().replace(".yaml", ""), objects, layers);
    Kustomize kustomize = runKustomize(dir);

    PatchResult result;
    try {
      result = PatchEngine.apply(objects, parseLayers(layers, doc.positions(), kinds)).requireAllMatched();
    } catch (MeshplateException e) {
      if (refusal != null) {
        assertThat(e.problems()).extracting(p -> p.rule()).as(e.getMessage()).contains(refusal);
        assertThat(kustomize.exitCode).as("a documented difference: kubectl kustomize accepts this").isZero();
        return;
      }
      assertThat(expectError).as("meshplate refused the case: " + e.getMessage()).isTrue();
      assertThat(kustomize.exitCode).as("kubectl kustomize accepted what meshplate refused").isNotZero();
      return;
    }
    assertThat(expectError).as("meshplate accepted a case marked expectError").isFalse();
    assertThat(refusal).as("meshplate accepted a case it should refuse").isNull();
    assertThat(kustomize.exitCode).as("kubectl kustomize failed: " + kustomize.stderr).isZero();
    assertThat(canonical(result.objects())).isEqualTo(canonical(kustomize.objects));
  }

  @SuppressWarnings("unchecked")
  private static List<PatchLayer> parseLayers(List<Map<String, Object>> layers, SourceMap positions, Set<String> kinds) {
    List<PatchLayer> result = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Map<String, Object> layer = layers.get(i);
      String at = "/layers/" + i;
      result.add(new PatchLayer(
          PatchParser.parsePatches(layer.get("patches"), positions, at + "/patches", kinds),
          PatchParser.parseStringMap(layer.get("labels"), positions, at + "/labels"),
          PatchParser.parseStringMap(layer.get("annotations"), positions, at + "/annotations")));
    }
    return result;
  }

  /** One directory per layer; layer 0 holds the objects, each next layer uses the previous as base. */
  @SuppressWarnings("unchecked")
  private Path writeKustomizeTree(String name, List<Map<String, Object>> objects, List<Map<String, Object>> layers)
      throws IOException {
    Path root = Files.createDirectories(temp.resolve(name));
    StringBuilder resources = new StringBuilder();
    for (Map<String, Object> object : objects) {
      resources.append("---\n").append(JSON.writeValueAsString(object)).append('\n');
    }
    Path dir = root;
    Files.writeString(Files.createDirectories(root.resolve("layer0")).resolve("objects.yaml"), resources,
        StandardCharsets.UTF_8);
    for (int i = 0; i < layers.size(); i++) {
      Map<String, Object> layer = layers.get(i);
      dir = Files.createDirectories(root.resolve("layer" + i));
      Map<String, Object> kustomization = new LinkedHashMap<>();
      kustomization.put("resources", List.of(i == 0 ? "objects.yaml" : "../layer" + (i - 1)));
      if (layer.get("patches") instanceof List<?> patches) {
        List<Object> converted = new ArrayList<>();
        for (Object p : patches) {
          Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) p);
          entry.remove("optional"); // meshplate's extension
          Object body = entry.get("patch");
          if (body != null && !(body instanceof String)) {
            entry.put("patch", JSON.writeValueAsString(body));
          }
          converted.add(entry);
        }
        kustomization.put("patches", converted);
      }
      if (layer.get("labels") instanceof Map<?, ?> labels && !labels.isEmpty()) {
        kustomization.put("labels", List.of(Map.of("pairs", labels, "includeSelectors", false)));
      }
      if (layer.get("annotations") instanceof Map<?, ?> annotations && !annotations.isEmpty()) {
        kustomization.put("commonAnnotations", annotations);
      }
      Files.writeString(dir.resolve("kustomization.yaml"), JSON.writeValueAsString(kustomization));
    }
    if (layers.isEmpty()) {
      dir = root.resolve("layer0");
      Files.writeString(dir.resolve("kustomization.yaml"), "{\"resources\":[\"objects.yaml\"]}");
    }
    return dir;
  }

  private record Kustomize(int exitCode, List<Map<String, Object>> objects, String stderr) {}

  private static Kustomize runKustomize(Path dir) throws Exception {
    Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("kubectl kustomize did not finish");
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    if (process.exitValue() == 0) {
      for (String document : new String(out, StandardCharsets.UTF_8).split("(?m)^---$")) {
        if (!document.isBlank()) {
          objects.add(StrictYaml.read("kustomize-output", document, YamlLimits.PLATFORM).rootMap());
        }
      }
    }
    return new Kustomize(process.exitValue(), objects, err);
  }

  /** Objects by key as canonical JSON (sorted keys), so a failure shows a readable diff. */
  private static Map<String, String> canonical(List<Map<String, Object>> objects) {
    Map<String, String> result = new TreeMap<>();
    for (Map<String, Object> object : objects) {
      result.put(ObjectKey.of(object).display(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object));
    }
    return result;
  }

}
