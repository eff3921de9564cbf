package io.meshplate.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * The operator checklists of a rollout step, after the migration guides
 * (openshift-service-mesh/sail-operator docs/ossm/ossm2-migration/: multi-tenancy/README.md
 * "Migrate Workloads" and "Validate Workload Migration", gateway-migration.md "Dedicated
 * Application Gateway Migration (In Place)", cleaning-2.6/README.md) and the RevisionBased update
 * strategy (docs/update-strategy/update-strategy.adoc): proxies change only when their pods
 * restart; {@code istioctl ps --revision} shows which control plane each proxy reports to.
 * Every command is complete: names come from the rendered objects.
 */
final class Checklists {
  private Checklists() {}

  static List<Step> forMove(MeshState after, String wave, MeshState.Governor from, MeshState.Governor to,
      List<MeshState.Namespace> namespaces) {
    List<Step> steps = new ArrayList<>();
    String cp = after.controlPlaneNamespace();
    if (after.platformApp() != null) {
      List<String> apps = new ArrayList<>(List.of(after.platformApp()));
      namespaces.stream().map(n -> after.tenantApp(n.tenant())).filter(a -> a != null).forEach(apps::add);
      steps.add(new Step("Wait until Argo CD has synced the platform folder (tags) and the moving tenants' folders (namespace labels)",
          List.of("argocd app wait " + String.join(" ", apps) + " --sync --health")));
    }
    if (to.tag() != null) {
      steps.add(new Step("Check that tag " + to.tag() + " resolves to revision " + to.name(),
          List.of("oc get istiorevisiontag " + to.tag() + " -o jsonpath='{.status.istioRevision}'")));
    }
    steps.add(new Step("Restart the workloads of each namespace: a proxy changes version only when its pod restarts",
        namespaces.stream().map(n -> "oc rollout restart deployment,statefulset -n " + n.name()).toList()));
    List<String> gateways = new ArrayList<>();
    namespaces.forEach(n -> n.gateways().forEach(g -> gateways.add("oc rollout status deployment/" + g + " -n " + n.name())));
    if (!gateways.isEmpty()) {
      steps.add(new Step("Gateways move with their namespace (restarted above, one pod at a time by their disruption budget): wait for each",
          gateways));
    }
    steps.add(new Step("Verify: the namespaces' proxies report to " + to.display() + ", and none of them to " + from.display(),
        List.of("istioctl ps --istioNamespace " + cp + " --revision " + to.istioctlRevision(),
            "istioctl ps --istioNamespace " + cp + " --revision " + from.istioctlRevision())));
    String alertAfter = wave == null ? null : after.alertAfter().get(wave);
    if (!to.smcp() && alertAfter != null) {
      steps.add(new Step("A proxy of wave " + wave + " still reporting another version " + alertAfter
          + " after the sync fires MeshWaveProxyVersionStale (PrometheusRule " + cp + "/" + MeshState.WAVE_RULE_PREFIX + wave + ")", List.of()));
    }
    return steps;
  }

  static List<Step> forSmcpRemoval(MeshState after, String namespace, String smcp) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("Argo CD keeps the ServiceMeshControlPlane (Prune=false): once no proxy reports to it, delete it",
        List.of("istioctl ps --istioNamespace " + namespace + " --revision " + smcp,
            "oc delete smcp " + smcp + " -n " + namespace)));
    steps.add(new Step("Delete the ServiceMeshMembers Argo CD could not prune (the projects no longer allow the kind), then check"
        + " that nothing of OSSM 2 is left", List.of("oc delete smm --all -A", "oc get smcp,smm,smmr -A")));
    if (after.platformApp() != null) {
      steps.add(new Step("The root PeerAuthentication " + namespace + "/default belonged to the ServiceMeshControlPlane and went with it:"
          + " sync the platform so Argo CD creates it again", List.of("argocd app sync " + after.platformApp(),
              "oc get peerauthentication default -n " + namespace)));
    }
    steps.add(new Step("Then remove the OSSM 2 operator and the Maistra CRDs (sail-operator docs/ossm/ossm2-migration/cleaning-2.6)",
        List.of("oc get crds -o name | grep '\\.maistra\\.io'")));
    return steps;
  }

  static List<Step> forRevisionRemoval(MeshState after, String revision) {
    String cp = after.controlPlaneNamespace();
    return List.of(new Step("No wave or namespace names revision " + revision + " any more: the operator deletes it "
        + "spec.updateStrategy.inactiveRevisionDeletionGracePeriodSeconds after its last proxy is gone",
        List.of("istioctl ps --istioNamespace " + cp + " --revision " + revision, "oc get istiorevision " + revision)));
  }
}
