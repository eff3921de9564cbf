package io.meshplate.pipeline;

import io.meshplate.Problem;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.policy.ManifestSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validates every rendered object against the schema set its overlay names ({@code validation.schemas}). */
final class SchemaCheck {
  private SchemaCheck() {}

  static List<Problem> check(RenderedTree tree, OverlayCatalog overlays, Path schemasDir) {
    Map<List<String>, ManifestSchemas> bySet = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (RenderedFile file : tree.files().values()) {
      if (file.template() == null) {
        continue; // kustomization.yaml is Kustomize's input, not a cluster object
      }
      List<String> globs = globs(overlays.chain(file.overlay()).values());
      ManifestSchemas schemas = bySet.computeIfAbsent(globs, g -> ManifestSchemas.load(schemasDir, g));
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
