package io.meshplate.review;

import java.util.List;

/**
 * A large deletion in one tenant: the blast radius a reviewer must see before approving.
 *
 * @param tenantRemoved the tenant folder disappears from these overlays
 * @param overlays overlays where the deletion exceeds the policy, sorted
 * @param removedObjects objects removed, summed over those overlays
 * @param baseObjects objects the tenant had there before
 * @param namespaces namespaces emptied or shrunk, sorted
 * @param approved whether {@code --allow-deletion} names this tenant
 */
public record Deletion(
    String tenant,
    boolean tenantRemoved,
    List<String> overlays,
    int removedObjects,
    int baseObjects,
    List<String> namespaces,
    boolean approved) {
  public Deletion {
    overlays = List.copyOf(overlays);
    namespaces = List.copyOf(namespaces);
  }

  /** Blocked until approved. */
  public boolean blocked() {
    return !approved;
  }
}
