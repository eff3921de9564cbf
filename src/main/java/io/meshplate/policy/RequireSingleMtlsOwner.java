package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;

/**
 * Mesh-wide STRICT mTLS has exactly one owner. On OSSM 2 the ServiceMeshControlPlane creates
 * the root PeerAuthentication {@code default} itself (STRICT while security.dataPlane.mtls is
 * true: maistra/istio-operator resources/helm/v2.5/mesh-config/templates/enable-mesh-mtls.yaml),
 * so the SMCP must set that switch and nothing may render a second {@code default} there. With
 * a Sail {@code Istio} the platform renders it: a selector-less STRICT PeerAuthentication in the
 * root namespace; an Istio running beside a ServiceMeshControlPlane in the same root namespace
 * (a rollout from OSSM 2) reads the SMCP's.
 */
final class RequireSingleMtlsOwner implements Invariant {
  @Override
  public String rule() {
    return "INV-MESH-MTLS-OWNER";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    ControlPlanes.of(folder.objects()).forEach((overlay, planes) -> {
      for (ControlPlanes.ControlPlane plane : planes) {
        String root = plane.rootNamespace();
        if (plane.ossm2()) {
          Map<?, ?> dataPlane = PlacedObject.Fields.map(PlacedObject.Fields.map(plane.object().spec(), "security"), "dataPlane");
          if (!Boolean.TRUE.equals(dataPlane.get("mtls"))) {
            problems.add(plane.object().problem(rule(), "does not set security.dataPlane.mtls: true, so the PeerAuthentication "
                + Messages.escape(root) + "/default it creates is PERMISSIVE", "set security.dataPlane.mtls: true"));
          }
          plane.platform().stream()
              .filter(p -> p.is("security.istio.io", "PeerAuthentication") && p.key().namespace().equals(root)
                  && p.key().name().equals("default"))
              .forEach(p -> problems.add(p.problem(rule(), "is a second owner of the PeerAuthentication the "
                  + "ServiceMeshControlPlane creates from security.dataPlane.mtls", "render no root PeerAuthentication default while an OSSM 2 control plane runs")));
        } else if (planes.stream().noneMatch(p -> p.ossm2() && p.rootNamespace().equals(root))) {
          // Beside a ServiceMeshControlPlane in the same root namespace, the Istio reads the SMCP's policy.
          boolean strict = plane.platform().stream().anyMatch(p -> p.is("security.istio.io", "PeerAuthentication")
              && p.key().namespace().equals(root) && BaselineInvariant.namespaceWide(p)
              && "STRICT".equals(PlacedObject.Fields.text(PlacedObject.Fields.map(p.spec(), "mtls"), "mode")));
          if (!strict) {
            problems.add(plane.object().problem(rule(), "no selector-less STRICT PeerAuthentication in the root namespace "
                + Messages.escape(root) + ": namespaces without their own policy accept plaintext", "render mesh-wide STRICT mTLS"));
          }
        }
      }
    });
  }
}
