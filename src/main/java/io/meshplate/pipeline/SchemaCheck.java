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
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Validates every rendered object against the schema set its overlay names ({@code validation.schemas}).
 * An object whose kind no loaded schema describes is an error, unless the overlay lists that kind
 * under {@code validation.kindsWithoutSchema} with a reason: then it is counted into a note naming
 * the kind, the objects, the overlays and the reason, so nothing goes unchecked silently. A kind the
 * loaded set does describe is always validated, listed or not.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * @param problems schema violations and kinds without a schema that are not listed
   * @param notes one line per listed kind that went unchecked, sorted
   */
  record Result(List<Problem> problems, List<String> notes) {}

  /** A listed kind that went unchecked: how many objects, in which overlays. */
  private static final class Unchecked {
    int objects;
    final SortedSet<String> overlays = new TreeSet<>();
  }

  static Result check(RenderedTree tree, OverlayCatalog overlays, Path schemasDir) {
    Map<List<String>, ManifestSchemas> bySet = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    SortedMap<String, Unchecked> unchecked = new TreeMap<>();
    for (RenderedFile file : tree.files().values()) {
      if (file.template() == null) {
        continue; // kustomization.yaml is Kustomize's input, not a cluster object
      }
      Map<String, Object> values = overlays.chain(file.overlay()).values();
      List<String> globs = globs(values);
      ManifestSchemas schemas = bySet.computeIfAbsent(globs, g -> ManifestSchemas.load(schemasDir, g));
      Map<String, String> withoutSchema = kindsWithoutSchema(values);
      for (Map<String, Object> object : file.objects()) {
        String reason = withoutSchema.get(object.get("apiVersion") + " " + object.get("kind"));
        if (reason != null && !schemas.describes(object)) {
          // keyed by kind and reason: an overlay may give its own reason for the same kind
          Unchecked kind = unchecked.computeIfAbsent(object.get("apiVersion") + " " + object.get("kind")
              + ": " + reason, k -> new Unchecked());
          kind.objects++;
          kind.overlays.add(file.overlay());
          continue;
        }
        problems.addAll(schemas.validate("output/" + file.path(), object));
      }
    }
    List<String> notes = new ArrayList<>();
    unchecked.forEach((kindAndReason, u) -> {
      int colon = kindAndReason.indexOf(": ");
      notes.add("note: " + u.objects + " " + kindAndReason.substring(0, colon) + " object" + (u.objects == 1 ? "" : "s")
          + " (" + String.join(", ", u.overlays) + ") not schema-checked, no schema loaded for the kind"
          + " (validation.kindsWithoutSchema): " + kindAndReason.substring(colon + 2));
    });
    return new Result(problems, notes);
  }

  private static List<String> globs(Map<String, Object> values) {
    List<String> globs = new ArrayList<>();
    if (values.get("validation") instanceof Map<?, ?> validation
        && validation.get("schemas") instanceof List<?> list) {
      list.forEach(g -> globs.add(String.valueOf(g)));
    }
    return globs;
  }

  /** {@code "apiVersion kind"} to its reason, from {@code validation.kindsWithoutSchema}. */
  private static Map<String, String> kindsWithoutSchema(Map<String, Object> values) {
    Map<String, String> kinds = new HashMap<>();
    if (values.get("validation") instanceof Map<?, ?> validation
        && validation.get("kindsWithoutSchema") instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof Map<?, ?> m) {
          kinds.put(m.get("apiVersion") + " " + m.get("kind"), String.valueOf(m.get("reason")));
        }
      }
    }
    return kinds;
  }
}
