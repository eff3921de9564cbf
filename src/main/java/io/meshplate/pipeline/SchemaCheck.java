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
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Validates every rendered object against the schema set its overlay names
 * ({@code validation.schemas}). Kinds the overlay lists in {@code validation.unvalidatedKinds}
 * ({@code apiVersion Kind}, e.g. {@code kiali.io/v1alpha1 Kiali}: an operator CRD the schema
 * set does not publish) are not checked, and the result says how many objects that skipped.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * @param problems every schema problem
   * @param unvalidated {@code apiVersion Kind} of the objects not checked, with their count
   */
  record Result(List<Problem> problems, SortedMap<String, Integer> unvalidated) {}

  static Result check(RenderedTree tree, OverlayCatalog overlays, Path schemasDir) {
    Map<List<String>, ManifestSchemas> bySet = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    SortedMap<String, Integer> unvalidated = new TreeMap<>();
    for (RenderedFile file : tree.files().values()) {
      if (file.template() == null) {
        continue; // kustomization.yaml is Kustomize's input, not a cluster object
      }
      Map<String, Object> values = overlays.chain(file.overlay()).values();
      List<String> globs = strings(values, "schemas");
      List<String> skipped = strings(values, "unvalidatedKinds");
      ManifestSchemas schemas = bySet.computeIfAbsent(globs, g -> ManifestSchemas.load(schemasDir, g));
      for (Map<String, Object> object : file.objects()) {
        String kind = object.get("apiVersion") + " " + object.get("kind");
        if (skipped.contains(kind)) {
          unvalidated.merge(kind, 1, Integer::sum);
        } else {
          problems.addAll(schemas.validate("output/" + file.path(), object));
        }
      }
    }
    return new Result(problems, unvalidated);
  }

  private static List<String> strings(Map<String, Object> values, String key) {
    List<String> strings = new ArrayList<>();
    if (values.get("validation") instanceof Map<?, ?> validation
        && validation.get(key) instanceof List<?> list) {
      list.forEach(g -> strings.add(String.valueOf(g)));
    }
    return strings;
  }
}
