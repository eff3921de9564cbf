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
      for (String overlay : OVERLAYS) {
        writeFile(root, overlay + "/platform/peer-authentication.yaml", "platform",
            List.of(peerAuthentication("istio-system")));
        writeFile(root, overlay + "/platform/kustomization.yaml", "platform", List.of(kustomization(List.of("peer-authentication.yaml"))));
        for (var e : specs.entrySet()) {
          TenantSpec spec = SpecBinding.bind(e.getValue());
          if (spec.environments().isEmpty() || spec.environments().contains(overlay)) {
            writeTenant(root, overlay, e.getKey(), spec);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeTenant(Path root, String overlay, String tenant, TenantSpec spec) throws IOException {
    TenantObjects objects = new TenantObjects(tenant, overlay, spec, denyAll, namespaceLabel);
    List<String> files = new ArrayList<>();
    for (var file : objects.files().entrySet()) {
      if (!file.getValue().isEmpty()) {
        writeFile(root, overlay + "/tenants/" + tenant + "/" + file.getKey() + ".yaml", "tenants/" + tenant + ".yaml",
            file.getValue());
        files.add(file.getKey() + ".yaml");
      }
    }
    writeFile(root, overlay + "/tenants/" + tenant + "/kustomization.yaml", "tenants/" + tenant + ".yaml",
        List.of(kustomization(files)));
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
