package io.meshplate.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Not a test: measures loading a schema set and validating 15,000 objects (1,000 tenants × 15).
 * Run with {@code java -cp <test classpath> io.meshplate.policy.SchemaBenchmark SHARED_DIR}.
 */
final class SchemaBenchmark {
  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args[0]);
    long start = System.nanoTime();
    ManifestSchemas schemas = ManifestSchemas.load(shared.resolve("schemas"), List.of("istio/istio-api-v1.24.6-*",
        "kubernetes/v1.31/*", "argocd/*", "prometheus-operator/*", "sail-operator/*", "maistra/maistra-istio-operator-2.5.1-*"));
    long loaded = System.nanoTime();
    List<Map<String, Object>> objects = new ArrayList<>();
    String[] blocks = Files.readString(shared.resolve("reference/policy-catalogue.md")).split("```yaml\n");
    for (int i = 1; i < blocks.length; i++) {
      try (MappingIterator<Map<String, Object>> docs = YAMLMapper.builder().build().readerFor(Map.class)
          .readValues(blocks[i].substring(0, blocks[i].indexOf("```")))) {
        while (docs.hasNextValue()) {
          Map<String, Object> object = docs.nextValue();
          if (object != null && object.containsKey("kind") && !"Kustomization".equals(object.get("kind"))) {
            objects.add(object);
          }
        }
      }
    }
    int problems = 0;
    long validating = System.nanoTime();
    for (int i = 0; i < 15_000; i++) {
      problems += schemas.validate("f", objects.get(i % objects.size())).size();
    }
    long done = System.nanoTime();
    System.out.printf(Locale.ROOT, "load %d ms (%d kinds); validate 15000 objects (%d distinct shapes) %d ms; problems %d%n",
        (loaded - start) / 1_000_000, schemas.kinds().size(), objects.size(), (done - validating) / 1_000_000, problems);
  }
}
