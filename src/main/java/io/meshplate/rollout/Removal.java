package io.meshplate.rollout;

import java.util.List;

/**
 * A control plane the change stops using: the ServiceMeshControlPlane left Git (the cleanup), or
 * a revision no wave and no namespace names any more.
 *
 * @param smcp a ServiceMeshControlPlane (true) or a Sail revision (false)
 * @param name its name
 * @param checklist what the operator does (the ServiceMeshControlPlane outlives its removal from
 *     Git: Argo CD never prunes it)
 */
public record Removal(String overlay, boolean smcp, String name, List<Step> checklist) {
  public Removal {
    checklist = List.copyOf(checklist);
  }

  /** {@code ServiceMeshControlPlane basic} or {@code revision default-v1-24-6}. */
  public String display() {
    return (smcp ? "ServiceMeshControlPlane " : "revision ") + name;
  }
}
