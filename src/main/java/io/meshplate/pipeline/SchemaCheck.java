package io.meshplate.pipeline;

import io.meshplate.Problem;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
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
import java.util.TreeMap;
import java.util.function.Function;

/** Validates every rendered object against the schema set its overlay names ({@code validation.schemas}). */
final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * What the check found.
   *
   * @param problems schema and CRD rule violations, positioned in the output file
   * @param notes what was not checked and why (update-only CRD rules), one line each
   */
  record Result(List<Problem> problems, List<String> notes) {}

  static Result check(RenderedTree tree, OverlayCatalog overlays, Path schemasDir) {
    Map<List<String>, ManifestSchemas> bySet = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (RenderedFile file : tree.files().values()) {
      if (file.template() == null) {
        continue; // kustomization.yaml is Kustomize's input, not a cluster object
      }
      List<String> globs = overlays.chain(file.overlay()).validationSchemas();
      ManifestSchemas schemas = bySet.computeIfAbsent(globs, g -> ManifestSchemas.load(schemasDir, g));
      String shown = "output/" + file.path();
      OutputPositions positions = new OutputPositions(shown, file);
      for (int i = 0; i < file.objects().size(); i++) {
        problems.addAll(schemas.validate(shown, file.objects().get(i), positions.of(i)));
      }
    }
    Map<String, Long> skipped = new TreeMap<>();
    bySet.values().forEach(schemas -> schemas.updateOnlyRules().forEach((rule, n) -> skipped.merge(rule, n, Long::sum)));
    List<String> notes = new ArrayList<>();
    skipped.forEach((rule, n) -> notes.add("update-only CRD rule not evaluated (it compares with the object "
        + "already in the cluster) for " + n + (n == 1 ? " object: " : " objects: ") + rule));
    return new Result(problems, notes);
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
}
