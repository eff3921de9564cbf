package io.meshplate.policy;

import io.meshplate.Problem;
import java.util.List;
import java.util.Set;

/**
 * Cluster-scoped kinds belong under {@code <overlay>/platform/} only: in a tenant folder they
 * would act on every tenant. The one exception is the tenant's own Namespace object, whose name
 * {@link RequireOwnedNamespace} checks. This list holds regardless of the configured allow-list.
 */
final class ForbidClusterScopedKinds implements Invariant {
  static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole.rbac.authorization.k8s.io",
      "ClusterRoleBinding.rbac.authorization.k8s.io", "CustomResourceDefinition.apiextensions.k8s.io",
      "MutatingWebhookConfiguration.admissionregistration.k8s.io",
      "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
      "ValidatingAdmissionPolicy.admissionregistration.k8s.io",
      "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io", "PersistentVolume", "Node",
      "StorageClass.storage.k8s.io", "PriorityClass.scheduling.k8s.io", "RuntimeClass.node.k8s.io",
      "APIService.apiregistration.k8s.io", "Istio.sailoperator.io", "IstioCNI.sailoperator.io",
      "IstioRevision.sailoperator.io", "IstioRevisionTag.sailoperator.io", "ZTunnel.sailoperator.io",
      "SecurityContextConstraints.security.openshift.io", "ClusterResourceQuota.quota.openshift.io",
      "Project.project.openshift.io", "ProjectRequest.project.openshift.io",
      "OAuth.config.openshift.io", "ClusterIssuer.cert-manager.io");

  @Override
  public String rule() {
    return "INV-CLUSTER-SCOPED";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    for (PlacedObject placed : folder.objects()) {
      if (placed.inTenantFolder() && !placed.is("", "Namespace") && CLUSTER_SCOPED.contains(placed.groupKind())) {
        problems.add(placed.problem(rule(), "cluster-scoped kind " + placed.groupKind() + " in a tenant folder",
            "render cluster-scoped objects from a platform template into <overlay>/platform/"));
      }
    }
  }
}
