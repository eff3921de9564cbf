package io.meshplate.pipeline;

import io.meshplate.Problem;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedFolder;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.policy.ManifestSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates every rendered object of a folder against the schema set its overlay names
 * ({@code validation.schemas}); each set is loaded once and shared by the threads.
 */
final class SchemaCheck {
  private final OverlayCatalog overlays;
  private final Path schemasDir;
  private final Map<List<String>, ManifestSchemas> bySet = new ConcurrentHashMap<>();

  SchemaCheck(OverlayCatalog overlays, Path schemasDir) {
    this.overlays = overlays;
    this.schemasDir = schemasDir;
  }

  List<Problem> check(RenderedFolder folder) {
    List<Problem> problems = new ArrayList<>();
    ManifestSchemas schemas = bySet.computeIfAbsent(globs(overlays.chain(folder.id().overlay()).values()),
        globs -> ManifestSchemas.load(schemasDir, globs));
    for (RenderedFile file : folder.files()) {
      if (file.template() == null) {
        continue; // kustomization.yaml is Kustomize's input, not a cluster object
      }
      for (Map<String, Object> object : file.objects()) {
        problems.addAll(schemas.validate("output/" + file.path(), object));
      }
    }
    return problems;
  }

  private static List<String> globs(Map<String, Object> values) {
    List<String> globs = new ArrayList<>();
    if (values.get("validation") instanceof Map<?, ?> validation
        && validation.get("schemas") instanceof List<?> list) {
      list.forEach(g -> globs.add(String.valueOf(g)));
    }
    return globs;
  }
}
