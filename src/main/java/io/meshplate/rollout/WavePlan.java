package io.meshplate.rollout;

import java.util.List;

/**
 * Where an overlay's rollout stands and what its next step does: what {@code meshplate waves}
 * prints (text, markdown, or JSON following {@code schema/waves-v1.schema.json}).
 *
 * @param overlay the overlay
 * @param file the overlay file that declares the rollout, or null when it has none
 * @param controlPlanes the control planes it renders, ServiceMeshControlPlane first
 * @param waves the waves in order; empty without a rollout
 * @param next the next step
 */
public record WavePlan(String overlay, String file, List<ControlPlane> controlPlanes, List<Wave> waves, NextStep next) {
  public WavePlan {
    controlPlanes = List.copyOf(controlPlanes);
    waves = List.copyOf(waves);
  }

  /**
   * @param kind {@code ServiceMeshControlPlane} or {@code Istio}
   * @param target the mesh target it runs as
   * @param activeRevision the revision new proxies of an Istio get, or null for an SMCP
   */
  public record ControlPlane(String kind, String name, String namespace, String target, String version, String activeRevision) {}

  /**
   * @param governor the control plane the wave's namespaces follow ({@code revision default-v1-24-6 (v1.24.6)})
   * @param tag the wave's IstioRevisionTag, or null
   * @param revision the revision that tag points at, or null
   * @param absent tenants the wave assigns that do not render to the overlay (a removed tenant:
   *     drop it from the wave)
   */
  public record Wave(String name, String version, String governor, String tag, String revision, List<Tenant> tenants,
      List<String> absent) {
    public Wave {
      tenants = List.copyOf(tenants);
      absent = List.copyOf(absent);
    }
  }

  /**
   * @param assignedBy {@code platform} (the rollout lists it), {@code descriptor} (its
   *     {@code spec.upgradeWave}) or {@code default} (the last wave)
   * @param gateways gateway Deployments in its namespace, which move with it
   */
  public record Tenant(String tenant, String namespace, String assignedBy, List<String> gateways) {
    public Tenant {
      gateways = List.copyOf(gateways);
    }
  }

  /** What the next step is. */
  public enum Kind {
    /** Move the first wave that is behind mesh.version to it. */
    MOVE_WAVE,
    /** Every wave runs OSSM 3: delete rollout.from, removing the ServiceMeshControlPlane. */
    CLEANUP,
    /** Every wave runs mesh.version and no ServiceMeshControlPlane is left. */
    NONE
  }

  /**
   * @param summary one sentence
   * @param edits the changes to make in overlay.yaml, in file order; empty when nothing is to do
   * @param changedFiles output files the step changes (paths under {@code output/}), sorted
   * @param changes the moves and removals the step causes, with their checklists
   */
  public record NextStep(Kind kind, String summary, List<Edit> edits, List<String> changedFiles, WaveChanges changes) {
    public NextStep {
      edits = List.copyOf(edits);
      changedFiles = List.copyOf(changedFiles);
    }
  }

  /**
   * @param line the line to change (for a removal, the first line of the block)
   * @param lines how many lines the edit replaces or deletes
   * @param before the text there now
   * @param after what to write instead (empty: delete the lines)
   */
  public record Edit(String file, int line, int lines, String before, String after) {}
}
