package io.meshplate.overlay;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Holds each overlay's control plane to what its operator accepts ({@link MeshVersions}):
 * {@code mesh.target} is a known target ({@value #RULE_TARGET}), {@code mesh.version} one of its
 * versions ({@value #RULE_VERSION}), and {@code validation.schemas} selects the Istio CRDs of
 * the Istio minor that version runs, and no other minor's ({@value #RULE_SCHEMAS}). Problems
 * point at the value in the overlay or {@code defaults.yaml} that set it.
 *
 * <p>Every overlay renders a control plane, so one that sets no {@code mesh.target} (an overlay
 * that deletes {@code mesh} with {@code null}, or sets it to a scalar) is refused here, before
 * anything renders. Without the table (a revision from before it existed, rendered by
 * {@code diff --render}) nothing is checked: removing it is a change to platform files that
 * review sees, like any other.
 */
final class MeshVersionCheck {
  static final String RULE_TARGET = "MESH-TARGET-UNKNOWN";
  static final String RULE_VERSION = "MESH-VERSION-UNSUPPORTED";
  static final String RULE_SCHEMAS = "MESH-SCHEMAS-MISMATCH";

  private MeshVersionCheck() {}

  /**
   * @param versions the table
   * @param origins where each value of the chain was set
   */
  static List<Problem> check(OverlayChain chain, MeshVersions versions, ValueLayers.Origins origins) {
    Object target = chain.value("mesh", "target");
    Object version = chain.value("mesh", "version");
    String overlay = "overlay '" + chain.name() + "': ";
    if (target == null) {
      Object mesh = chain.value("mesh");
      return List.of(problem(origins.of(mesh instanceof Map<?, ?> ? "/mesh/target" : "/mesh"), RULE_TARGET,
          overlay + (mesh == null || mesh instanceof Map<?, ?> ? "mesh.target is not set"
              : "mesh is '" + Messages.escape(String.valueOf(mesh)) + "', not a mapping with a target")
              + ": every overlay renders a control plane, and its templates read mesh.target, mesh.version and"
              + " the rest of mesh",
          "set mesh.target to one of " + String.join(", ", versions.targets().keySet())
              + " (templates/base/defaults.yaml sets it for every overlay; an overlay's 'mesh: null' deletes it)"));
    }
    MeshTarget meshTarget = versions.target(target);
    if (meshTarget == null) {
      return List.of(problem(origins.of("/mesh/target"), RULE_TARGET,
          overlay + "mesh.target '" + Messages.escape(String.valueOf(target)) + "' is not a target of " + versions.file(),
          "use one of " + String.join(", ", versions.targets().keySet())));
    }
    Optional<String> minor = version instanceof String v ? meshTarget.istioMinorOf(v) : Optional.empty();
    if (minor.isEmpty()) {
      String shown = Messages.escape(String.valueOf(version));
      List<String> elsewhere = version instanceof String v ? versions.targetsAccepting(v) : List.of();
      return List.of(problem(origins.of(version == null ? "/mesh/target" : "/mesh/version"), RULE_VERSION,
          overlay + "mesh.version '" + shown + "' is not a version the " + meshTarget.name() + " operator accepts (Istio "
              + meshTarget.apiLevel() + "); it accepts " + String.join(", ", meshTarget.versions()),
          "pick one of them" + (elsewhere.isEmpty() ? "" : ", or a target that ships " + shown + ": " + String.join(", ", elsewhere))));
    }
    return schemas(chain, versions, origins, (String) version, minor.get(), overlay, meshTarget);
  }

  private static List<Problem> schemas(OverlayChain chain, MeshVersions versions, ValueLayers.Origins origins,
      String version, String minor, String overlay, MeshTarget meshTarget) {
    List<String> globs = chain.validationSchemas();
    if (globs.stream().noneMatch(versions.istioSchemas()::containsValue)) {
      // No upstream Istio CRD file is named: the set was exported from the cluster itself
      // (meshplate schemas pull), so its CRDs are those of the Istio the cluster runs.
      return List.of();
    }
    // A rollout runs further minors at once (the ServiceMeshControlPlane's, older revisions): every
    // object must then be valid for each of them, so each one's CRDs are selected, and no others.
    SortedSet<String> minors = new TreeSet<>(RolloutCheck.minorsInUse(chain, versions));
    minors.add(minor);
    List<String> others = minors.stream().filter(m -> !m.equals(minor)).toList();
    String runs = overlay + "mesh.version " + Messages.escape(version) + " runs Istio " + minor
        + (others.isEmpty() ? "" : " and its rollout also Istio " + String.join(", ", others));
    List<Problem> problems = new ArrayList<>();
    for (String m : minors) {
      if (!versions.istioSchemas().containsKey(m)) {
        problems.add(problem(origins.of("/mesh/version"), RULE_SCHEMAS,
            runs + ", and " + versions.file() + " names no Istio CRD schemas for Istio " + m
                + " (istioSchemas has " + String.join(", ", versions.istioSchemas().keySet()) + ")",
            "pick a version whose Istio CRDs are available, or add that release's CRD file and list it under istioSchemas"));
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    List<String> expected = minors.stream().map(versions.istioSchemas()::get).toList();
    for (int i = 0; i < globs.size(); i++) {
      String glob = globs.get(i);
      for (Map.Entry<String, String> other : versions.istioSchemas().entrySet()) {
        // A rollout may keep the CRDs of an older minor of its target that no wave runs any more:
        // that revision runs until its last proxy restarted (same API level, so the objects stay
        // valid for it). Not the ServiceMeshControlPlane's: after the cleanup objects are v1.
        boolean left = chain.value("rollout") != null && meshTarget.minorIndex(other.getKey()) >= 0
            && IstioVersions.compare(other.getKey(), minor) < 0;
        if (other.getValue().equals(glob) && !minors.contains(other.getKey()) && !left) {
          problems.add(problem(origins.of(SourceMap.child("/validation/schemas", i)), RULE_SCHEMAS,
              runs + ", but validation.schemas selects the Istio " + other.getKey() + " CRDs ('" + Messages.escape(glob) + "')",
              expected.size() == 1 ? "replace it with '" + expected.get(0) + "'" : "remove it"));
        }
      }
    }
    for (String glob : expected) {
      if (!globs.contains(glob)) {
        problems.add(problem(origins.of("/validation/schemas"), RULE_SCHEMAS,
            runs + ", but validation.schemas does not select " + (expected.size() == 1 ? "its" : "the Istio "
                + versions.istioSchemas().entrySet().stream().filter(e -> e.getValue().equals(glob)).findFirst().orElseThrow().getKey())
                + " CRDs ('" + glob + "')",
            "add '" + glob + "' to validation.schemas"));
      }
    }
    return problems;
  }

  private static Problem problem(ValueLayers.Origin at, String rule, String message, String hint) {
    return new Problem(at.file(), at.position().line(), at.position().column(), rule, message, hint);
  }
}
