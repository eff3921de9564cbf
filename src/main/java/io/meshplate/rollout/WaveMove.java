package io.meshplate.rollout;

import java.util.List;

/**
 * Namespaces of one overlay that change control plane together: a wave moving (by its namespace
 * labels from the ServiceMeshControlPlane to a revision, or by its tag to another revision), or
 * moving back.
 *
 * @param wave the wave (the IstioRevisionTag its namespaces name), or the namespaces' tag before
 *     when they move back to the ServiceMeshControlPlane
 * @param from the control plane the namespaces leave
 * @param to the one they join
 * @param rollback whether {@code to} runs an older version than {@code from}
 * @param namespaces sorted by name, each with the gateways that move with it
 * @param checklist what the operator does once Argo CD synced the change
 */
public record WaveMove(String overlay, String wave, MeshState.Governor from, MeshState.Governor to, boolean rollback,
    List<MeshState.Namespace> namespaces, List<Step> checklist) {
  public WaveMove {
    namespaces = List.copyOf(namespaces);
    checklist = List.copyOf(checklist);
  }

  /** The gateway Deployments that move, as {@code namespace/name}. */
  public List<String> gateways() {
    return namespaces.stream().flatMap(n -> n.gateways().stream().map(g -> n.name() + "/" + g)).toList();
  }
}
