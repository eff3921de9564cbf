package io.meshplate.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An overlay's rollout (platform value {@code rollout}): its tenant namespaces move between
 * control planes in ordered waves, one reviewed change to {@code overlay.yaml} at a time.
 *
 * <p>The overlay's {@code mesh} is always the OSSM 3 (Sail) control plane the waves move to:
 * one {@code Istio} with the {@code RevisionBased} update strategy, whose {@code mesh.version}
 * is its active revision. During an OSSM 2.6 to 3 migration {@code from} names the
 * ServiceMeshControlPlane still running beside it in the same namespace; deleting {@code from}
 * is the cleanup. Each wave runs one version: {@code from.version} (its namespaces are still
 * members of the ServiceMeshControlPlane) or a version of the overlay's OSSM 3 target (its
 * namespaces follow the wave's {@code IstioRevisionTag}, named after the wave, which points at
 * the revision {@code <mesh.controlPlaneName>-<version>}).
 *
 * <p>Tenants belong to the wave the platform assigns them to ({@code tenants}), else to the wave
 * their descriptor chooses ({@code spec.upgradeWave}), else to the last wave. Read leniently:
 * {@link RolloutCheck} has refused every malformed rollout before anything reads one.
 *
 * @param from the OSSM 2 control plane beside the OSSM 3 one, or null (no migration, or cleaned up)
 * @param waves in order: the first moves first and is never behind a later one
 */
public record Rollout(From from, List<Wave> waves) {
  static final String KEY = "rollout";

  /**
   * The ServiceMeshControlPlane the waves leave.
   *
   * @param target an OSSM 2 target of mesh-versions.yaml ({@code ossm-2.6})
   * @param version its {@code spec.version} ({@code v2.6}); waves still on it are its members
   * @param controlPlaneName its name, in the overlay's control-plane namespace
   */
  public record From(String target, String version, String controlPlaneName) {}

  /**
   * One wave.
   *
   * @param name DNS label; also the name of its IstioRevisionTag
   * @param version the control-plane version its namespaces run
   * @param tenants the tenants the platform assigns to it
   */
  public record Wave(String name, String version, List<String> tenants) {
    public Wave {
      tenants = List.copyOf(tenants);
    }
  }

  public Rollout {
    waves = List.copyOf(waves);
  }

  /** The overlay's rollout, or empty when it declares none. */
  public static Optional<Rollout> of(OverlayChain chain) {
    if (!(chain.value(KEY) instanceof Map<?, ?> rollout)) {
      return Optional.empty();
    }
    From from = null;
    if (rollout.get("from") instanceof Map<?, ?> f) {
      from = new From(text(f.get("target")), text(f.get("version")), text(f.get("controlPlaneName")));
    }
    List<Wave> waves = new ArrayList<>();
    if (rollout.get("waves") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> w) {
          List<String> tenants = new ArrayList<>();
          if (w.get("tenants") instanceof List<?> names) {
            names.forEach(n -> tenants.add(String.valueOf(n)));
          }
          waves.add(new Wave(text(w.get("name")), text(w.get("version")), tenants));
        }
      }
    }
    return Optional.of(new Rollout(from, waves));
  }

  /** Whether the wave's namespaces are still members of the ServiceMeshControlPlane. */
  public boolean onOssm2(Wave wave) {
    return from != null && from.version().equals(wave.version());
  }

  /** The wave of that name, or empty. */
  public Optional<Wave> wave(String name) {
    return waves.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** The wave the platform assigns the tenant to, or empty. */
  public Optional<Wave> assignedWave(String tenant) {
    return waves.stream().filter(w -> w.tenants().contains(tenant)).findFirst();
  }

  /**
   * The wave a tenant's namespace follows: the platform's assignment, else the tenant's choice
   * when it names a wave, else the last wave.
   *
   * @param choice the tenant's {@code spec.upgradeWave} in this overlay, or null
   */
  public Wave waveOf(String tenant, String choice) {
    return assignedWave(tenant)
        .or(() -> choice == null ? Optional.empty() : wave(choice))
        .orElse(waves.get(waves.size() - 1));
  }

  /**
   * The IstioRevision a RevisionBased {@code Istio} creates for a version: its name, a dash, and
   * the version with dots as dashes ({@code default-v1-24-6}; openshift-service-mesh/
   * sail-operator controllers/istio/istio_controller.go, getActiveRevisionName).
   */
  public static String revisionName(String istioName, String version) {
    return istioName + "-" + version.replace('.', '-');
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
