package io.meshplate.pipeline;

import io.meshplate.Problem;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedFolder;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.policy.ManifestSchemas;
import io.meshplate.yaml.CanonicalYaml;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Validates every rendered object of a folder against the schema set its overlay names
 * ({@code validation.schemas}); each set is loaded once and shared by the threads that check
 * folders. An object whose kind no loaded schema describes is an error, unless the overlay lists
 * that kind under {@code validation.kindsWithoutSchema} with a reason: then it is counted into a
 * note naming the kind, the objects, the overlays and the reason, so nothing goes unchecked
 * silently. A kind the loaded set does describe is always validated, listed or not.
 */
final class SchemaCheck {
  /** A listed kind that went unchecked: how many objects, in which overlays. */
  private static final class Unchecked {
    int objects;
    final SortedSet<String> overlays = new TreeSet<>();
  }

  private final OverlayCatalog overlays;
  private final Path schemasDir;
  private final Map<List<String>, ManifestSchemas> bySet = new ConcurrentHashMap<>();
  /** Keyed by kind and reason: an overlay may give its own reason for the same kind. */
  private final SortedMap<String, Unchecked> unchecked = new TreeMap<>();

  SchemaCheck(OverlayCatalog overlays, Path schemasDir) {
    this.overlays = overlays;
    this.schemasDir = schemasDir;
  }

  /** Schema and CRD rule violations of one folder, positioned in the output files. Thread-safe. */
  List<Problem> check(RenderedFolder folder) {
    List<Problem> problems = new ArrayList<>();
    var chain = overlays.chain(folder.id().overlay());
    List<IstioSchemaSets.Set> sets = IstioSchemaSets.of(chain.validationSchemas(), overlays.meshVersions());
    ManifestSchemas schemas = bySet.computeIfAbsent(sets.get(0).globs(), g -> ManifestSchemas.load(schemasDir, g));
    Map<String, String> withoutSchema = kindsWithoutSchema(chain.values());
    for (RenderedFile file : folder.files()) {
      if (file.template() == null) {
        continue; // kustomization.yaml is Kustomize's input, not a cluster object
      }
      String shown = "output/" + file.path();
      OutputPositions positions = new OutputPositions(shown, file);
      for (int i = 0; i < file.objects().size(); i++) {
        Map<String, Object> object = file.objects().get(i);
        String reason = withoutSchema.get(object.get("apiVersion") + " " + object.get("kind"));
        if (reason != null && !schemas.describes(object)) {
          synchronized (unchecked) {
            Unchecked kind = unchecked.computeIfAbsent(object.get("apiVersion") + " " + object.get("kind")
                + ": " + reason, k -> new Unchecked());
            kind.objects++;
            kind.overlays.add(file.overlay());
          }
          continue;
        }
        if (sets.size() == 1 || !IstioSchemaSets.isIstioKind(object)) {
          problems.addAll(schemas.validate(shown, object, positions.of(i)));
          continue;
        }
        // Two control planes read this object: it must be valid for each one's Istio CRDs.
        for (IstioSchemaSets.Set set : sets) {
          ManifestSchemas each = bySet.computeIfAbsent(set.globs(), g -> ManifestSchemas.load(schemasDir, g));
          each.validate(shown, object, positions.of(i)).forEach(p -> problems.add(new Problem(p.file(), p.line(), p.column(),
              p.rule(), "Istio " + set.minor() + " CRDs: " + p.message(), p.hint())));
        }
      }
    }
    return problems;
  }

  /**
   * What went unchecked over every folder checked so far (listed kinds without a schema,
   * update-only CRD rules), one line each, sorted.
   */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    synchronized (unchecked) {
      unchecked.forEach((kindAndReason, u) -> {
        int colon = kindAndReason.indexOf(": ");
        notes.add(u.objects + " " + kindAndReason.substring(0, colon) + " object" + (u.objects == 1 ? "" : "s")
            + " (" + String.join(", ", u.overlays) + ") not schema-checked, no schema loaded for the kind"
            + " (validation.kindsWithoutSchema): " + kindAndReason.substring(colon + 2));
      });
    }
    Map<String, Long> skipped = new TreeMap<>();
    bySet.values().forEach(schemas -> schemas.updateOnlyRules().forEach((rule, n) -> skipped.merge(rule, n, Long::sum)));
    skipped.forEach((rule, n) -> notes.add("update-only CRD rule not evaluated (it compares with the object "
        + "already in the cluster) for " + n + (n == 1 ? " object: " : " objects: ") + rule));
    return notes;
  }

  /**
   * Lines and columns in the file {@code output/} will hold: worked out from the canonical text
   * only when a problem needs them, so a clean check never writes or parses anything extra.
   */
  private static final class OutputPositions {
    private final String shown;
    private final RenderedFile file;
    private List<StrictYaml.Document> documents;

    OutputPositions(String shown, RenderedFile file) {
      this.shown = shown;
      this.file = file;
    }

    Function<String, SourceMap.Position> of(int object) {
      return pointer -> {
        if (documents == null) {
          documents = StrictYaml.readAll(shown, CanonicalYaml.write(file), YamlLimits.PLATFORM);
        }
        return object < documents.size() ? documents.get(object).positions().value(pointer) : SourceMap.Position.UNKNOWN;
      };
    }
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
