package io.meshplate.manifest;

import java.util.List;
import java.util.Map;

/**
 * Kinds that have no namespace, written {@code Kind.group} as kubectl does (plain {@code Kind}
 * for the core group): the ones meshplate may render and the ones a template must never put
 * into a tenant folder. Argo CD governs them by a separate whitelist, so a project derived from
 * a folder's objects needs to know which is which.
 */
public final class ClusterScopedKinds {
  private static final List<String> KINDS = List.of("Namespace", "ClusterRole.rbac.authorization.k8s.io",
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

  /** The groups of each cluster-scoped kind ({@code ""}: the core group), to look up a key without building its name. */
  private static final Map<String, List<String>> GROUPS = ObjectKey.groupsByKind(KINDS);

  private ClusterScopedKinds() {}

  /** Whether the kind of {@code key} is cluster-scoped. */
  public static boolean contains(ObjectKey key) {
    List<String> groups = GROUPS.get(key.kind());
    return groups != null && groups.contains(key.group());
  }
}
