package io.meshplate.review;

import io.meshplate.descriptor.SpecBinding;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes an output tree in the renderer's layout from the example tenants, with the resource
 * shapes of the policy catalogue, until the real renderer is available to these tests. The
 * {@code templates/} files it writes stand for the platform templates: changing an option
 * changes both the template text and every tenant's output, like a real template change.
 */
final class OutputFixture {
  static final List<String> OVERLAYS = List.of("dev", "stage", "prod");
  static final Path EXAMPLE_TENANTS = Path.of("tenants");

  /** Spec trees by tenant name, editable by a scenario before writing. */
  final Map<String, Map<String, Object>> specs = new TreeMap<>();
  boolean denyAll = true;
  String namespaceLabel = null;

  /** The example tenants of the project. */
  static OutputFixture examples() {
    OutputFixture fixture = new OutputFixture();
    try (Stream<Path> files = Files.list(EXAMPLE_TENANTS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        StrictYaml.Document doc = StrictYaml.read("tenants/" + file.getFileName(), Files.readAllBytes(file),
            YamlLimits.DESCRIPTOR);
        Map<String, Object> root = doc.rootMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) root.get("spec");
        String name = ((Map<?, ?>) root.get("metadata")).get("name").toString();
        fixture.specs.put(name, spec);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fixture;
  }

  /**
   * {@code groups} copies of the examples, the tenants of copy {@code i} named {@code <example>-<i>}
   * and calling each other, so the shape of the organisation repeats at scale.
   */
  static OutputFixture scaled(int groups) {
    OutputFixture examples = examples();
    OutputFixture fixture = new OutputFixture();
    for (int i = 0; i < groups; i++) {
      String suffix = String.format(java.util.Locale.ROOT, "-%04d", i);
      examples.specs.forEach((name, spec) -> fixture.specs.put(name + suffix, renamed(spec, suffix)));
    }
    return fixture;
  }

  @SuppressWarnings("unchecked")
  private static <T> T renamed(T tree, String suffix) {
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(k.toString(), k.equals("tenant") ? v + suffix : renamed(v, suffix)));
      return (T) copy;
    }
    if (tree instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(renamed(v, suffix)));
      return (T) copy;
    }
    return tree;
  }

  OutputFixture edit(String tenant, Consumer<Map<String, Object>> change) {
    change.accept(specs.get(tenant));
    return this;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> tree, String key) {
    return (List<Object>) tree.computeIfAbsent(key, k -> new ArrayList<>());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> service(Map<String, Object> spec, String name) {
    return list(spec, "services").stream().map(s -> (Map<String, Object>) s)
        .filter(s -> s.get("name").equals(name)).findFirst().orElseThrow();
  }

  /** Replaces {@code output/}, {@code templates/} and {@code tenants/} under {@code root}. */
  void writeTo(Path root) {
    try {
      delete(root.resolve("output"));
      delete(root.resolve("templates"));
      delete(root.resolve("tenants"));
      for (String template : List.of("namespace", "service-accounts", "peer-authentication", "authorization-policy",
          "network-policy", "sidecar", "service-entry", "destination-rule", "ingress")) {
        String variant = switch (template) {
          case "authorization-policy" -> denyAll ? "with allow-nothing" : "without allow-nothing";
          case "namespace" -> namespaceLabel == null ? "plain" : "label " + namespaceLabel;
          default -> "v1";
        };
        write(root.resolve("templates/base/tenant/" + template + ".yaml.ftl"),
            "<#-- fixture template " + template + ": " + variant + " -->\n");
      }
      for (var e : specs.entrySet()) {
        write(root.resolve("tenants/" + e.getKey() + ".yaml"), YamlWriter.document(Map.of("spec", e.getValue())));
      }
      for (var file : render().entrySet()) {
        String source = file.getKey().contains("/platform/") ? "platform"
            : "tenants/" + file.getKey().split("/")[2] + ".yaml";
        writeFile(root, file.getKey(), source, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The output tree in memory: path relative to {@code output/} to the file's objects. */
  TreeMap<String, List<Map<String, Object>>> render() {
    TreeMap<String, List<Map<String, Object>>> out = new TreeMap<>();
    for (String overlay : OVERLAYS) {
      out.put(overlay + "/platform/peer-authentication.yaml", List.of(peerAuthentication("istio-system")));
      out.put(overlay + "/platform/kustomization.yaml", List.of(kustomization(List.of("peer-authentication.yaml"))));
      for (var e : specs.entrySet()) {
        TenantSpec spec = SpecBinding.bind(e.getValue());
        if (spec.environments().isEmpty() || spec.environments().contains(overlay)) {
          List<String> files = new ArrayList<>();
          TenantObjects objects = new TenantObjects(e.getKey(), overlay, spec, denyAll, namespaceLabel);
          for (var file : objects.files().entrySet()) {
            if (!file.getValue().isEmpty()) {
              out.put(overlay + "/tenants/" + e.getKey() + "/" + file.getKey() + ".yaml", file.getValue());
              files.add(file.getKey() + ".yaml");
            }
          }
          out.put(overlay + "/tenants/" + e.getKey() + "/kustomization.yaml", List.of(kustomization(files)));
        }
      }
    }
    return out;
  }

  /** The tree as a snapshot, without Git (kustomization files carry no objects, as when read). */
  OutputSnapshot snapshot(String label) {
    TreeMap<String, List<Map<String, Object>>> files = render();
    files.replaceAll((path, objects) -> path.endsWith("/kustomization.yaml") ? List.of() : objects);
    return new OutputSnapshot(label, files, new TreeMap<>());
  }

  private static void writeFile(Path root, String path, String source, List<Map<String, Object>> objects)
      throws IOException {
    StringBuilder sb = new StringBuilder("# Generated by meshplate. Do not edit.\n");
    sb.append("# source: ").append(source).append("; overlay chain: base\n");
    for (Map<String, Object> object : objects) {
      sb.append("---\n").append(YamlWriter.document(object));
    }
    write(root.resolve("output/" + path), sb.toString());
  }

  static Map<String, Object> peerAuthentication(String namespace) {
    return object("security.istio.io/v1", "PeerAuthentication", namespace, "default",
        map("mtls", map("mode", "STRICT")));
  }

  private static Map<String, Object> kustomization(List<String> resources) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    k.put("resources", new ArrayList<Object>(resources));
    return k;
  }

  static Map<String, Object> object(String apiVersion, String kind, String namespace, String name, Object spec) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    o.put("metadata", metadata);
    if (spec != null) {
      o.put("spec", spec);
    }
    return o;
  }

  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
