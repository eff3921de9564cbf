package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.List;

/**
 * Every control plane of an overlay discovers every tenant namespace, so a caller reaches a
 * service whichever control plane configures each side: a Sail {@code Istio} sees only the
 * namespaces its {@code discoverySelectors} select (none set: all), an OSSM 2 MultiTenant
 * ServiceMeshControlPlane only its members. While both run, moved and unmoved namespaces are
 * known to both istiods (openshift-service-mesh/sail-operator docs/ossm/ossm2-migration/
 * cluster-wide/README.md, "Plan the migration": both control planes must have access to all
 * namespaces in the mesh).
 */
final class RequireMeshDiscovery implements TreeInvariant {
  @Override
  public String rule() {
    return "INV-MESH-DISCOVERY";
  }

  @Override
  public void check(TreeView objects, List<Problem> problems) {
    ControlPlanes.meshes(objects.all).forEach((overlay, mesh) -> {
      for (TenantNamespaces.Entry ns : TenantNamespaces.of(objects, overlay)) {
        for (ControlPlanes.ControlPlane plane : mesh.planes()) {
          String name = plane.object().key().name();
          if (plane.ossm2()) {
            if (!ns.memberOf(plane.object().key().namespace(), name)) {
              problems.add(ns.namespace().problem(rule(), "is no member of ServiceMeshControlPlane " + Messages.escape(name)
                  + ": its istiod does not see the namespace's services", "render its ServiceMeshMember while the control plane runs"));
            }
          } else {
            List<?> selectors = PlacedObject.Fields.list(plane.meshConfig(), "discoverySelectors");
            if (!selectors.isEmpty() && selectors.stream().noneMatch(s -> KubernetesSelectors.matches(s, ns.labels()))) {
              problems.add(ns.namespace().problem(rule(), "matches none of the discoverySelectors of Istio " + Messages.escape(name)
                  + ": its istiod does not see the namespace's services", "label it so a discovery selector selects it"));
            }
          }
        }
      }
    });
  }
}
