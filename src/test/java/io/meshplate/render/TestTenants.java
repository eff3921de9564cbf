package io.meshplate.render;

import io.meshplate.Workspace;
import io.meshplate.descriptor.SpecBinding;
import io.meshplate.descriptor.Tenant;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads tenants the short way (no schema, no guardrails) until the descriptor loader exists. */
final class TestTenants {
  private TestTenants() {}

  static Workspace project() {
    return new Workspace(Path.of("").toAbsolutePath());
  }

  static List<Tenant> load(Workspace workspace) {
    try (Stream<Path> files = Files.list(workspace.tenants())) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
          .map(f -> read(workspace, f)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Tenant read(Workspace workspace, Path file) {
    try {
      String shown = workspace.display(file);
      StrictYaml.Document document = StrictYaml.read(shown, Files.readAllBytes(file), YamlLimits.DESCRIPTOR);
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) document.rootMap().get("metadata");
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) document.rootMap().get("spec");
      return new Tenant((String) metadata.get("name"), shown, SpecBinding.bind(spec), spec, document.positions());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
