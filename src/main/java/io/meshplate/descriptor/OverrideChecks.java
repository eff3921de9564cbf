package io.meshplate.descriptor;

import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each {@code environmentOverrides.<env>} merged over the spec (the same {@link Trees#deepMerge}
 * the renderer uses) must still be a valid spec. The merged spec goes through the schema and
 * the semantic rules again; each finding is moved onto the override's own lines when the
 * override wrote that node, and otherwise stays on the spec's line, marked with the environment.
 */
final class OverrideChecks {
  private static final String SPEC = "/spec";
  private static final Set<String> OVERRIDABLE =
      Set.of("services", "calls", "egress", "ingress", "telemetry");

  private OverrideChecks() {}

  /**
   * @param alreadyFound findings of the descriptor as written; the same finding on a merged
   *     spec is not repeated
   * @param withSchema false when this content is known to pass the schema with every override
   *     ({@link ContentMemo}): only the Java rules run then
   */
  static List<Finding> check(String tenant, Object descriptor, SemanticChecks semantic, List<Finding> alreadyFound,
      boolean withSchema) {
    Map<String, Object> spec = Nodes.map(Nodes.at(descriptor, SPEC));
    Map<String, Object> overrides = Nodes.map(spec.get("environmentOverrides"));
    if (overrides.isEmpty() || !(descriptor instanceof Map<?, ?>)) {
      return List.of();
    }
    Set<Finding> known = new HashSet<>(alreadyFound);
    Map<String, Object> base = new LinkedHashMap<>(spec);
    base.remove("environmentOverrides");
    List<Finding> findings = new ArrayList<>();
    overrides.forEach((env, value) -> {
      if (!(value instanceof Map<?, ?>)) {
        return; // the schema already reports an override that is not a map
      }
      // Fields an override may not set are reported on the override itself; merging them
      // would only repeat that problem in other words.
      Map<String, Object> override = new LinkedHashMap<>(Nodes.map(value));
      override.keySet().retainAll(OVERRIDABLE);
      Map<String, Object> merged = Trees.deepMerge(base, override);
      Map<String, Object> synthetic = new LinkedHashMap<>(Nodes.map(descriptor));
      synthetic.put("spec", merged);
      List<Finding> raw = new ArrayList<>();
      if (withSchema) {
        DescriptorSchema.validate(synthetic).stream().filter(f -> f.pointer().startsWith(SPEC)).forEach(raw::add);
      }
      semantic.checkSpec(tenant, merged, SPEC, raw);
      String overrideAt = SourceMap.child(SPEC + "/environmentOverrides", env);
      for (Finding finding : raw) {
        String rest = finding.pointer().substring(SPEC.length());
        if (!rest.isEmpty() && Nodes.exists(override, rest)) {
          findings.add(finding.movedTo(overrideAt + rest));
        } else if (!known.contains(finding)) {
          findings.add(new Finding(finding.pointer(), finding.atKey(), finding.rule(),
              finding.message() + " (with the " + Hints.quote(env) + " environment override)", finding.hint()));
        }
      }
    });
    return findings;
  }
}
