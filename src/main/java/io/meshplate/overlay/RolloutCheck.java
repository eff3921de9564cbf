package io.meshplate.overlay;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Holds an overlay's {@link Rollout} to what its operators support, where overlays load (exit 3,
 * at the value to change):
 *
 * <ul>
 *   <li>{@value #RULE_SHAPE}: {@code rollout} has {@code waves} (name, version, tenants) and
 *       optionally {@code from} (target, version, controlPlaneName); names are unique DNS labels,
 *       a tenant is assigned to one wave at most.
 *   <li>{@value #RULE_TARGET}: the waves move to an OSSM 3 control plane: {@code mesh.target} is
 *       not an OSSM 2 target (that one goes under {@code rollout.from}).
 *   <li>{@value #RULE_FROM}: {@code from} names an OSSM 2 target and a version it accepts.
 *   <li>{@value #RULE_MIGRATION}: beside a ServiceMeshControlPlane the OSSM 3 side runs an Istio
 *       minor the migration supports ({@code migrations} in mesh-versions.yaml).
 *   <li>{@value #RULE_VERSION}: every wave runs a version its control plane accepts.
 *   <li>{@value #RULE_CLEANUP}: the ServiceMeshControlPlane is removed (no {@code from}) while a
 *       wave still runs on it.
 *   <li>{@value #RULE_ALIAS}: no {@code -latest} alias in a rollout: the revision named after it
 *       would change Istio when the operator updates, without any wave moving.
 *   <li>{@value #RULE_AHEAD}: no wave runs a version newer than {@code mesh.version}, the only
 *       version a RevisionBased Istio creates a new revision for.
 *   <li>{@value #RULE_ORDER}: waves move in order: a later wave is never ahead of an earlier one.
 *   <li>{@value #RULE_JUMP}: the versions running at once span the same or adjacent minors of
 *       the target's list, the minor upgrades the operator supports.
 *   <li>{@value #RULE_TAG}: a wave's IstioRevisionTag is not named {@code default} beside a
 *       ServiceMeshControlPlane (the default tag also injects pods labelled
 *       {@code sidecar.istio.io/inject} in namespaces without {@code istio.io/rev}: the SMCP's
 *       members would get two injectors) and does not take a revision's name.
 * </ul>
 */
final class RolloutCheck {
  static final String RULE_SHAPE = "WAVES-SHAPE";
  static final String RULE_TARGET = "WAVES-TARGET";
  static final String RULE_FROM = "WAVES-FROM";
  static final String RULE_MIGRATION = "WAVES-MIGRATION-UNSUPPORTED";
  static final String RULE_VERSION = "WAVES-VERSION-UNSUPPORTED";
  static final String RULE_CLEANUP = "WAVES-CLEANUP-IN-USE";
  static final String RULE_ALIAS = "WAVES-VERSION-ALIAS";
  static final String RULE_AHEAD = "WAVES-AHEAD";
  static final String RULE_ORDER = "WAVES-ORDER";
  static final String RULE_JUMP = "WAVES-MINOR-JUMP";
  static final String RULE_TAG = "WAVES-TAG-NAME";

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final List<String> KEYS = List.of("from", "waves");
  private static final List<String> FROM_KEYS = List.of("target", "version", "controlPlaneName");
  private static final List<String> WAVE_KEYS = List.of("name", "version", "tenants");
  private static final String WAVES = "/rollout/waves";

  private final OverlayChain chain;
  private final MeshVersions versions;
  private final ValueLayers.Origins origins;
  private final List<Problem> problems = new ArrayList<>();

  private RolloutCheck(OverlayChain chain, MeshVersions versions, ValueLayers.Origins origins) {
    this.chain = chain;
    this.versions = versions;
    this.origins = origins;
  }

  /**
   * @param versions the version table, or null (then only the shape is checked)
   * @return every problem of the overlay's rollout; empty when it has none or it holds
   */
  static List<Problem> check(OverlayChain chain, MeshVersions versions, ValueLayers.Origins origins) {
    if (chain.value(Rollout.KEY) == null) {
      return List.of();
    }
    RolloutCheck check = new RolloutCheck(chain, versions, origins);
    if (check.shape() && versions != null) {
      Rollout.of(chain).ifPresent(check::versions);
    }
    return check.problems;
  }

  /**
   * The Istio minors the rollout runs besides {@code mesh.version}'s: the ServiceMeshControlPlane's
   * and each wave's; versions the table does not know are left to {@link #check}.
   */
  static Set<String> minorsInUse(OverlayChain chain, MeshVersions versions) {
    Set<String> minors = new TreeSet<>();
    Rollout rollout = Rollout.of(chain).orElse(null);
    if (rollout == null) {
      return minors;
    }
    MeshTarget target = versions.target(chain.value("mesh", "target"));
    // A rollout without from.target is reported by check; until then it runs no minor of its own.
    MeshTarget from = rollout.from() == null ? null : versions.target(rollout.from().target());
    if (from != null && rollout.from().version() != null) {
      from.istioMinorOf(rollout.from().version()).ifPresent(minors::add);
    }
    for (Rollout.Wave wave : rollout.waves()) {
      if (wave.version() == null) {
        continue;
      }
      if (target != null) {
        target.istioMinorOf(wave.version()).ifPresent(minors::add);
      }
      if (from != null) {
        from.istioMinorOf(wave.version()).ifPresent(minors::add);
      }
    }
    return minors;
  }

  /** False (with problems) when the rollout is malformed: nothing else is checked then. */
  private boolean shape() {
    int before = problems.size();
    if (!(chain.value(Rollout.KEY) instanceof Map<?, ?> rollout)) {
      problem("/rollout", RULE_SHAPE, "rollout must be a map of waves (and from, during an OSSM 2 migration)",
          "see README, \"Migrating OSSM 2.6 to 3 in waves\"");
      return false;
    }
    unknownKeys(rollout, KEYS, "/rollout");
    if (rollout.get("from") != null) {
      if (rollout.get("from") instanceof Map<?, ?> from) {
        unknownKeys(from, FROM_KEYS, "/rollout/from");
        for (String key : FROM_KEYS) {
          if (!(from.get(key) instanceof String s) || s.isEmpty()) {
            problem("/rollout/from/" + key, RULE_SHAPE, "rollout.from." + key + " must be set (a string)",
                "from names the ServiceMeshControlPlane the waves leave: target, version and controlPlaneName");
          }
        }
      } else {
        problem("/rollout/from", RULE_SHAPE, "rollout.from must be a map (target, version, controlPlaneName)", null);
      }
    }
    if (!(rollout.get("waves") instanceof List<?> waves) || waves.isEmpty()) {
      problem("/rollout/waves", RULE_SHAPE, "rollout.waves must list at least one wave", "add waves such as canary and main");
      return false;
    }
    Set<String> names = new HashSet<>();
    Map<String, String> assigned = new HashMap<>();
    for (int i = 0; i < waves.size(); i++) {
      String at = SourceMap.child(WAVES, i);
      if (!(waves.get(i) instanceof Map<?, ?> wave)) {
        problem(at, RULE_SHAPE, "a wave must be a map of name, version and tenants", null);
        continue;
      }
      unknownKeys(wave, WAVE_KEYS, at);
      Object name = wave.get("name");
      if (!(name instanceof String n) || !LABEL.matcher(n).matches()) {
        problem(at + "/name", RULE_SHAPE, "wave name " + shown(name) + " is not a DNS-1123 label",
            "it names the wave's IstioRevisionTag and namespace label: lower-case letters, digits and '-'");
      } else if (!names.add(n)) {
        problem(at + "/name", RULE_SHAPE, "wave '" + n + "' is declared twice", "give each wave its own name");
      }
      if (!(wave.get("version") instanceof String v) || v.isEmpty()) {
        problem(at + "/version", RULE_SHAPE, "wave " + shown(name) + " needs a version (a string)",
            "the control-plane version its namespaces run, e.g. v2.6 or v1.24.6");
      }
      Object tenants = wave.get("tenants");
      if (tenants != null && !(tenants instanceof List<?>)) {
        problem(at + "/tenants", RULE_SHAPE, "tenants of wave " + shown(name) + " must be a list of tenant names", null);
      } else if (tenants instanceof List<?> list) {
        for (int j = 0; j < list.size(); j++) {
          String tenantAt = SourceMap.child(at + "/tenants", j);
          if (!(list.get(j) instanceof String t) || !LABEL.matcher(t).matches()) {
            problem(tenantAt, RULE_SHAPE, shown(list.get(j)) + " is not a tenant name", null);
          } else if (assigned.putIfAbsent(t, String.valueOf(name)) != null) {
            problem(tenantAt, RULE_SHAPE, "tenant '" + t + "' is assigned to wave '" + assigned.get(t)
                + "' and to wave " + shown(name), "assign each tenant to one wave");
          }
        }
      }
    }
    return problems.size() == before;
  }

  private void versions(Rollout rollout) {
    String targetName = String.valueOf(chain.value("mesh", "target"));
    String meshVersion = String.valueOf(chain.value("mesh", "version"));
    MeshTarget target = versions.target(targetName);
    if (target == null || target.age(meshVersion) < 0) {
      return; // MeshVersionCheck reports the control plane itself
    }
    if (versions.isOssm2(targetName)) {
      problem("/mesh/target", RULE_TARGET, "a rollout moves namespaces to an OSSM 3 control plane, but mesh.target "
          + targetName + " is an OSSM 2 ServiceMeshControlPlane",
          "set mesh.target and mesh.version to the OSSM 3 control plane and name the ServiceMeshControlPlane under rollout.from");
      return;
    }
    boolean alias = meshVersion.endsWith("-latest");
    if (alias) {
      problem("/mesh/version", RULE_ALIAS, "mesh.version " + meshVersion + " is an alias: its revision "
          + Rollout.revisionName(controlPlaneName(), meshVersion) + " would change Istio whenever the operator updates, without a wave moving",
          "pin a patch version of Istio " + target.istioMinorOf(meshVersion).orElseThrow());
    }
    Rollout.From from = rollout.from();
    List<String> migrationMinors = from == null ? null : from(from, target, meshVersion);
    int meshAge = target.age(meshVersion);
    Integer[] ages = new Integer[rollout.waves().size()];
    List<String> minors = new ArrayList<>();
    minors.add(target.istioMinorOf(meshVersion).orElseThrow());
    for (int i = 0; i < rollout.waves().size(); i++) {
      Rollout.Wave wave = rollout.waves().get(i);
      String at = SourceMap.child(WAVES, i) + "/version";
      String version = wave.version();
      if (rollout.onOssm2(wave)) {
        ages[i] = Integer.MAX_VALUE; // behind every OSSM 3 version
      } else if (from == null && ossm2Version(version)) {
        problem(at, RULE_CLEANUP, "wave '" + wave.name() + "' still runs " + version + " on the ServiceMeshControlPlane, but rollout.from"
                + " no longer declares it: the ServiceMeshControlPlane is removed only once no wave runs on it",
            "move wave " + wave.name() + " to " + meshVersion + " and let its namespaces restart first, or restore rollout.from");
      } else if (version.endsWith("-latest")) {
        problem(at, RULE_ALIAS, "wave '" + wave.name() + "' runs the alias " + version + ": its revision would change Istio"
            + " whenever the operator updates, without the wave moving", "pin a patch version");
      } else if (target.age(version) < 0) {
        List<String> elsewhere = versions.targetsAccepting(version).stream().filter(t -> !versions.isOssm2(t)).toList();
        List<String> accepted = target.versions();
        boolean left = !elsewhere.isEmpty() && IstioVersions.compare(version, accepted.get(accepted.size() - 1)) < 0;
        problem(at, RULE_VERSION, "wave '" + wave.name() + "' runs " + version + ", which the " + targetName + " operator does not run"
                + (elsewhere.isEmpty() ? "" : " (revision " + Rollout.revisionName(controlPlaneName(), version) + ")")
                + "; it runs " + String.join(", ", accepted),
            elsewhere.isEmpty() ? "pick one of them"
                : left ? "move wave " + wave.name() + " to a version " + targetName + " runs before the operator moves past "
                    + version + ", or keep an operator that runs it (" + String.join(", ", elsewhere) + ")"
                : "raise mesh.target to an operator that runs it (" + String.join(", ", elsewhere) + ") and mesh.version with it, or pick one of them");
      } else if (migrationMinors != null && !migrationMinors.contains(target.istioMinorOf(version).orElseThrow())) {
        problem(at, RULE_MIGRATION, "wave '" + wave.name() + "' runs " + version + " (Istio " + target.istioMinorOf(version).orElseThrow()
                + ") beside the " + from.target() + " ServiceMeshControlPlane, which the migration supports only to Istio "
                + String.join(", ", migrationMinors), "finish the migration on Istio " + migrationMinors.get(0) + ", then upgrade");
      } else if (!alias) {
        ages[i] = target.age(version);
        minors.add(target.istioMinorOf(version).orElseThrow());
        if (ages[i] < meshAge) {
          problem(at, RULE_AHEAD, "wave '" + wave.name() + "' runs " + version + ", newer than mesh.version " + meshVersion
                  + ": the Istio creates a revision only for mesh.version",
              "raise mesh.version to " + version + " first (its revision starts beside the running one), then move the wave");
        }
      }
    }
    order(rollout, ages);
    jump(rollout, target, meshVersion, minors);
    tags(rollout);
  }

  /** Checks {@code from}; returns the Istio minors the OSSM 3 side may run beside it, or null. */
  private List<String> from(Rollout.From from, MeshTarget target, String meshVersion) {
    MeshTarget fromTarget = versions.target(from.target());
    if (fromTarget == null || !versions.isOssm2(from.target())) {
      problem("/rollout/from/target", RULE_FROM, "rollout.from.target " + shown(from.target())
          + " is not an OSSM 2 target of " + versions.file(), "name the ServiceMeshControlPlane's target, e.g. ossm-2.6");
      return null;
    }
    if (fromTarget.age(from.version()) < 0) {
      problem("/rollout/from/version", RULE_FROM, "rollout.from.version " + shown(from.version()) + " is not a version the "
          + from.target() + " operator accepts; it accepts " + String.join(", ", fromTarget.versions()), "use the ServiceMeshControlPlane's spec.version");
      return null;
    }
    List<String> minors = versions.migrations().get(from.target());
    if (minors == null) {
      problem("/rollout/from/target", RULE_MIGRATION, "no side-by-side migration from " + from.target() + " is supported ("
          + versions.file() + " lists migrations from " + String.join(", ", versions.migrations().keySet()) + ")",
          "upgrade the ServiceMeshControlPlane to a target with a migration first");
      return null;
    }
    String minor = target.istioMinorOf(meshVersion).orElseThrow();
    if (!minors.contains(minor)) {
      problem("/mesh/version", RULE_MIGRATION, "mesh.version " + meshVersion + " runs Istio " + minor + " beside the "
              + from.target() + " ServiceMeshControlPlane; the migration supports only Istio " + String.join(", ", minors),
          "migrate to an Istio " + minors.get(0) + " version, then upgrade revision by revision");
    }
    return minors;
  }

  private void order(Rollout rollout, Integer[] ages) {
    for (int i = 1; i < ages.length; i++) {
      for (int j = i - 1; j >= 0; j--) {
        if (ages[i] == null || ages[j] == null) {
          continue;
        }
        if (ages[i] < ages[j]) {
          Rollout.Wave later = rollout.waves().get(i);
          Rollout.Wave earlier = rollout.waves().get(j);
          problem(SourceMap.child(WAVES, i) + "/version", RULE_ORDER, "wave '" + later.name() + "' (" + later.version()
                  + ") is ahead of the earlier wave '" + earlier.name() + "' (" + earlier.version() + "): waves move in order",
              "move wave " + earlier.name() + " first, or put " + later.name() + " before it");
          break;
        }
      }
    }
  }

  private void jump(Rollout rollout, MeshTarget target, String meshVersion, List<String> minors) {
    int newest = minors.stream().mapToInt(target::minorIndex).min().orElse(0);
    int oldest = minors.stream().mapToInt(target::minorIndex).max().orElse(0);
    if (oldest - newest <= 1) {
      return;
    }
    String oldMinor = target.minors().get(oldest).minor();
    String skipped = String.join(", ", target.minors().subList(newest + 1, oldest).stream().map(MeshTarget.IstioMinor::minor).toList());
    for (int i = 0; i < rollout.waves().size(); i++) {
      Rollout.Wave wave = rollout.waves().get(i);
      if (!rollout.onOssm2(wave) && oldMinor.equals(target.istioMinorOf(wave.version()).orElse(null))) {
        problem(SourceMap.child(WAVES, i) + "/version", RULE_JUMP, "wave '" + wave.name() + "' runs Istio " + oldMinor
                + " while mesh.version " + meshVersion + " runs " + target.minors().get(newest).minor() + ": the " + target.name()
                + " operator upgrades one minor at a time, and this skips " + skipped,
            "move every wave to a " + target.minors().get(oldest - 1).minor() + " version first (mesh.version too), then on");
        return;
      }
    }
  }

  private void tags(Rollout rollout) {
    String revisionPrefix = controlPlaneName() + "-v";
    for (int i = 0; i < rollout.waves().size(); i++) {
      String name = rollout.waves().get(i).name();
      String at = SourceMap.child(WAVES, i) + "/name";
      if (rollout.from() != null && name.equals("default")) {
        problem(at, RULE_TAG, "wave 'default' would get the IstioRevisionTag default, whose injector also takes pods labelled "
                + "sidecar.istio.io/inject in namespaces without istio.io/rev: the ServiceMeshControlPlane's members would get two sidecars",
            "name the wave otherwise (main); a default tag can follow once rollout.from is gone");
      } else if (name.startsWith(revisionPrefix)) {
        problem(at, RULE_TAG, "wave '" + name + "' would name its IstioRevisionTag like a revision of Istio " + controlPlaneName()
            + " (" + revisionPrefix + "...), which the operator refuses", "name the wave otherwise");
      }
    }
  }

  private boolean ossm2Version(String version) {
    return versions.targetsAccepting(version).stream().anyMatch(versions::isOssm2);
  }

  private String controlPlaneName() {
    return String.valueOf(chain.value("mesh", "controlPlaneName"));
  }

  private void unknownKeys(Map<?, ?> map, List<String> allowed, String at) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        problem(SourceMap.child(at, String.valueOf(key)), RULE_SHAPE, "unknown key '" + Messages.escape(String.valueOf(key))
            + "' in " + at.substring(1).replace('/', '.'), "allowed: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  private static String shown(Object value) {
    return value == null ? "(not set)" : "'" + Messages.escape(String.valueOf(value)) + "'";
  }

  private void problem(String pointer, String rule, String message, String hint) {
    ValueLayers.Origin at = origins.of(pointer);
    problems.add(new Problem(at.file(), at.position().line(), at.position().column(), rule,
        "overlay '" + chain.name() + "': " + message, hint));
  }
}
