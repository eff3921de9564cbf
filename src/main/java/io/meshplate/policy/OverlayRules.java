package io.meshplate.policy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The platform values of one overlay (an environment or a cluster) that guardrails enforce.
 * They come from {@code templates/}, never from a tenant.
 *
 * @param overlay the overlay name, e.g. {@code prod-eu}
 * @param chain the overlay chain, base-most first, ending with {@code overlay}
 * @param namespaceSuffix appended to a tenant name to form its namespace, e.g. {@code -prod}
 * @param ingressDomain the domain relative ingress host names are placed under
 * @param allowedIngressDomains domains an ingress FQDN must lie inside (label boundary)
 * @param tracingCap the highest tracing percentage a tenant may ask for
 * @param reservedNamespaces namespaces no tenant may own (control plane, Argo CD, monitoring)
 * @param reservedPrefixes namespace prefixes no tenant may own ({@code kube-}, {@code openshift-})
 * @param namespaceMetadata which namespace labels and annotations a tenant may set
 * @param egressDeniedHosts host names (exact, or {@code *.domain} for every name below it) no
 *     egress entry may name: metadata endpoints and wildcard-DNS services
 */
public record OverlayRules(
    String overlay,
    List<String> chain,
    String namespaceSuffix,
    String ingressDomain,
    List<String> allowedIngressDomains,
    BigDecimal tracingCap,
    Set<String> reservedNamespaces,
    List<String> reservedPrefixes,
    NamespaceMetadataRules namespaceMetadata,
    List<String> egressDeniedHosts) {

  /** Rules with the built-in egress deny-list ({@link ClusterDns#DEFAULT_DENIED_HOSTS}). */
  public OverlayRules(String overlay, List<String> chain, String namespaceSuffix,
      String ingressDomain, List<String> allowedIngressDomains, BigDecimal tracingCap,
      Set<String> reservedNamespaces, List<String> reservedPrefixes, NamespaceMetadataRules namespaceMetadata) {
    this(overlay, chain, namespaceSuffix, ingressDomain, allowedIngressDomains, tracingCap,
        reservedNamespaces, reservedPrefixes, namespaceMetadata, ClusterDns.DEFAULT_DENIED_HOSTS);
  }

  /** Rules without namespace metadata: tenants may set no namespace label or annotation. */
  public OverlayRules(String overlay, List<String> chain, String namespaceSuffix,
      String ingressDomain, List<String> allowedIngressDomains, BigDecimal tracingCap,
      Set<String> reservedNamespaces, List<String> reservedPrefixes) {
    this(overlay, chain, namespaceSuffix, ingressDomain, allowedIngressDomains, tracingCap,
        reservedNamespaces, reservedPrefixes, NamespaceMetadataRules.NONE);
  }

  public OverlayRules {
    namespaceMetadata = namespaceMetadata == null ? NamespaceMetadataRules.NONE : namespaceMetadata;
    chain = List.copyOf(chain);
    allowedIngressDomains = List.copyOf(allowedIngressDomains);
    reservedNamespaces = Collections.unmodifiableSortedSet(new TreeSet<>(reservedNamespaces));
    reservedPrefixes = List.copyOf(reservedPrefixes);
    egressDeniedHosts = List.copyOf(egressDeniedHosts);
  }

  /** The namespace tenant {@code tenant} gets in this overlay. */
  public String namespaceOf(String tenant) {
    return tenant + namespaceSuffix;
  }

  /** The fully qualified host for a descriptor host name: a single label is placed under the ingress domain. */
  public String fqdn(String hostName) {
    return hostName.indexOf('.') < 0 ? hostName + "." + ingressDomain : hostName;
  }
}
