package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;

/**
 * An OSSM 3 {@code Istio} running beside an OSSM 2 ServiceMeshControlPlane (a rollout from 2.6 to
 * 3) works with it (openshift-service-mesh/sail-operator docs/ossm/ossm2-migration/README.md,
 * pre-migration checklist; cluster-wide/README.md and multi-tenancy/README.md):
 * <ul>
 *   <li>both in the same namespace, so the new istiod loads the existing root certificate
 *       (istio-ca-secret) and proxies of both trust each other's certificates;
 *   <li>the same trust domain, so the AuthorizationPolicy principals of either side match;
 *   <li>the Istio {@code RevisionBased}: namespaces move by revision label, one at a time;
 *   <li>the ServiceMeshControlPlane as the checklist wants it: network policy management, the
 *       Prometheus, Grafana and Kiali add-ons, its tracing, default gateways and IOR off.
 * </ul>
 */
final class RequireSideBySideControlPlanes implements Invariant {
  @Override
  public String rule() {
    return "INV-MESH-SIDE-BY-SIDE";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    ControlPlanes.meshes(folder.objects()).forEach((overlay, mesh) -> {
      if (mesh.smcps().isEmpty() || mesh.istios().isEmpty()) {
        return;
      }
      for (ControlPlanes.ControlPlane smcp : mesh.smcps()) {
        checklist(smcp, problems);
        for (ControlPlanes.ControlPlane istio : mesh.istios()) {
          String pair = "beside ServiceMeshControlPlane " + Messages.escape(smcp.object().key().name());
          if (!istio.namespace().equals(smcp.namespace())) {
            problems.add(istio.object().problem(rule(), "runs in " + Messages.escape(istio.namespace()) + " " + pair + " in "
                    + Messages.escape(smcp.namespace()) + ": its istiod would sign with another root certificate",
                "set spec.namespace: " + smcp.namespace()));
          }
          if (!istio.trustDomain().equals(smcp.trustDomain())) {
            problems.add(istio.object().problem(rule(), "has trust domain " + Messages.escape(istio.trustDomain()) + " " + pair
                + " with " + Messages.escape(smcp.trustDomain()) + ": principals of the other side no longer match", "use the same trust domain"));
          }
          String strategy = PlacedObject.Fields.text(PlacedObject.Fields.map(istio.object().spec(), "updateStrategy"), "type");
          if (!"RevisionBased".equals(strategy)) {
            problems.add(istio.object().problem(rule(), "is not RevisionBased " + pair + ": namespaces could not move one revision label at a time",
                "set spec.updateStrategy.type: RevisionBased"));
          }
        }
      }
    });
  }

  private void checklist(ControlPlanes.ControlPlane smcp, List<Problem> problems) {
    Map<?, ?> spec = smcp.object().spec();
    Map<?, ?> addons = PlacedObject.Fields.map(spec, "addons");
    Map<?, ?> gateways = PlacedObject.Fields.map(spec, "gateways");
    check(smcp, Boolean.FALSE.equals(PlacedObject.Fields.map(spec, "security").get("manageNetworkPolicy")),
        "security.manageNetworkPolicy: false", problems);
    for (String addon : List.of("prometheus", "grafana", "kiali")) {
      check(smcp, Boolean.FALSE.equals(PlacedObject.Fields.map(addons, addon).get("enabled")), "addons." + addon + ".enabled: false", problems);
    }
    check(smcp, "None".equals(PlacedObject.Fields.text(PlacedObject.Fields.map(spec, "tracing"), "type")), "tracing.type: None", problems);
    check(smcp, Boolean.FALSE.equals(gateways.get("enabled")), "gateways.enabled: false", problems);
    check(smcp, Boolean.FALSE.equals(PlacedObject.Fields.map(gateways, "openshiftRoute").get("enabled")),
        "gateways.openshiftRoute.enabled: false", problems);
  }

  private void check(ControlPlanes.ControlPlane smcp, boolean ok, String setting, List<Problem> problems) {
    if (!ok) {
      problems.add(smcp.object().problem(rule(), "runs beside an OSSM 3 Istio without " + setting
          + " (pre-migration checklist: OSSM 3 does not manage it)", "set " + setting));
    }
  }
}
