package io.meshplate.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which labels and annotations a tenant may put on its namespace. Namespace labels are
 * privileges on a cluster: NetworkPolicies of other tenants admit namespaces by label (monitoring,
 * router), Argo CD and OpenShift monitoring act on labelled namespaces, Istio injects by label,
 * Pod Security admission is relaxed by label. So keys are closed by default: a key must be on
 * the overlay's allow-list, and privileged keys stay refused even when an allow-list names them.
 *
 * @param labelAllowList exact keys, or prefixes ending in {@code /} (every key of that domain)
 * @param annotationAllowList as {@code labelAllowList}, for annotations
 * @param platformKeys keys the platform sets or selects on (tenant label keys, monitoring and
 *     router namespace labels, discovery label); a tenant can never set them
 */
public record NamespaceMetadataRules(
    List<String> labelAllowList, List<String> annotationAllowList, Set<String> platformKeys) {

  /** No tenant label or annotation allowed. */
  public static final NamespaceMetadataRules NONE =
      new NamespaceMetadataRules(List.of(), List.of(), Set.of());

  /**
   * Key domains that carry privileges on OpenShift with a service mesh, refused whatever the
   * allow-list says: the domain itself and every subdomain.
   */
  static final List<String> PRIVILEGED_DOMAINS = List.of(
      "openshift.io", "istio.io", "maistra.io", "argoproj.io", "meshplate.io",
      "pod-security.kubernetes.io", "security.openshift.io");

  /** Privileged keys in the {@code kubernetes.io} and {@code k8s.io} domains and without prefix. */
  static final Set<String> PRIVILEGED_KEYS = Set.of(
      "kubernetes.io/metadata.name", "istio-injection", "kubernetes.io/cluster-service",
      "k8s.io/cluster-service");

  public NamespaceMetadataRules {
    labelAllowList = List.copyOf(labelAllowList);
    annotationAllowList = List.copyOf(annotationAllowList);
    platformKeys = new TreeSet<>(platformKeys);
  }

  /** Why a tenant may not set label {@code key}, or empty when it may. */
  public Optional<String> whyLabelRefused(String key) {
    return whyRefused(key, labelAllowList);
  }

  /** Why a tenant may not set annotation {@code key}, or empty when it may. */
  public Optional<String> whyAnnotationRefused(String key) {
    return whyRefused(key, annotationAllowList);
  }

  private Optional<String> whyRefused(String key, List<String> allowList) {
    if (platformKeys.contains(key)) {
      return Optional.of("is set or selected on by the platform");
    }
    if (PRIVILEGED_KEYS.contains(key) || isPrivilegedDomain(key)) {
      return Optional.of("is privileged (it changes what the mesh, Argo CD, monitoring or admission do with the namespace)");
    }
    boolean allowed = allowList.stream().anyMatch(entry -> entry.endsWith("/")
        ? key.startsWith(entry) && key.length() > entry.length()
        : key.equals(entry));
    return allowed ? Optional.empty() : Optional.of("is not on the platform's allow-list");
  }

  /** Whole-string, ASCII comparison: no case folding (keys with upper case never match a domain). */
  private static boolean isPrivilegedDomain(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String domain = key.substring(0, slash);
    return PRIVILEGED_DOMAINS.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
  }
}
