package io.meshplate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenant Namespace objects of one overlay, each with the ServiceMeshMembers rendered in it:
 * what the control-plane invariants judge a namespace's membership by.
 */
final class TenantNamespaces {
  /**
   * @param namespace the Namespace object
   * @param members the ServiceMeshMembers in it
   */
  record Entry(PlacedObject namespace, List<PlacedObject> members) {
    String name() {
      return namespace.key().name();
    }

    Map<?, ?> labels() {
      return PlacedObject.Fields.map(PlacedObject.Fields.map(namespace.object(), "metadata"), "labels");
    }

    /** Whether a member names the ServiceMeshControlPlane {@code namespace/name}. */
    boolean memberOf(String smcpNamespace, String smcpName) {
      return members.stream().anyMatch(m -> {
        Map<?, ?> ref = PlacedObject.Fields.map(m.spec(), "controlPlaneRef");
        return smcpName.equals(PlacedObject.Fields.text(ref, "name"))
            && smcpNamespace.equals(PlacedObject.Fields.text(ref, "namespace"));
      });
    }
  }

  private TenantNamespaces() {}

  /** The tenant namespaces of {@code overlay}, in folder order. */
  static List<Entry> of(TreeView objects, String overlay) {
    List<Entry> entries = new ArrayList<>();
    objects.byFolder.forEach((folder, placed) -> {
      if (!folder.overlay().equals(overlay)) {
        return;
      }
      for (PlacedObject p : placed) {
        if (p.is("", "Namespace") && objects.ownedBy(folder.tenant()).contains(p.key().name())) {
          List<PlacedObject> members = placed.stream()
              .filter(m -> m.is("maistra.io", "ServiceMeshMember") && m.key().namespace().equals(p.key().name())).toList();
          entries.add(new Entry(p, members));
        }
      }
    });
    return entries;
  }
}
