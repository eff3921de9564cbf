package io.meshplate.pipeline;

import io.meshplate.overlay.OverlayChain;
import io.meshplate.policy.ClusterDns;
import io.meshplate.policy.NamespaceMetadataRules;
import io.meshplate.policy.OverlayRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the platform values guardrails enforce from an overlay chain's merged values. */
final class OverlayRulesFactory {
  private OverlayRulesFactory() {}

  static OverlayRules of(OverlayChain chain) {
    Set<String> reserved = new TreeSet<>(strings(chain, "guardrails", "reservedNamespaces"));
    // The platform's own namespaces are reserved whatever the list says.
    for (String[] path : List.of(new String[] {"mesh", "controlPlaneNamespace"},
        new String[] {"argocd", "namespace"}, new String[] {"dns", "namespace"})) {
      if (chain.value(path) instanceof String namespace) {
        reserved.add(namespace);
      }
    }
    Object cap = chain.value("telemetry", "maxTracingPercent");
    return new OverlayRules(
        chain.name(),
        chain.names(),
        chain.namespaceSuffix(),
        String.valueOf(chain.value("ingress", "domain")),
        strings(chain, "ingress", "allowedDomains"),
        cap == null ? null : new BigDecimal(cap.toString()),
        reserved,
        strings(chain, "guardrails", "reservedPrefixes"),
        namespaceMetadata(chain),
        // Absent: the built-in list, so metadata endpoints stay denied in a half-configured
        // repository; an explicit [] turns the list off.
        chain.value("guardrails", "egressDeniedHosts") == null
            ? ClusterDns.DEFAULT_DENIED_HOSTS : strings(chain, "guardrails", "egressDeniedHosts"));
  }

  /**
   * The allow-lists from {@code guardrails}, and every key the platform itself sets on or
   * selects namespaces by: a tenant label with such a key could impersonate another tenant or
   * pass another tenant's NetworkPolicy.
   */
  private static NamespaceMetadataRules namespaceMetadata(OverlayChain chain) {
    Set<String> platformKeys = new TreeSet<>();
    if (chain.value("labelKeys") instanceof Map<?, ?> keys) {
      keys.values().forEach(k -> platformKeys.add(String.valueOf(k)));
    }
    for (String[] path : List.of(new String[] {"monitoring", "namespaceLabels"},
        new String[] {"ingress", "routerNamespaceLabels"}, new String[] {"mesh", "istiodLabels"})) {
      if (chain.value(path) instanceof Map<?, ?> labels) {
        labels.keySet().forEach(k -> platformKeys.add(String.valueOf(k)));
      }
    }
    if (chain.value("mesh", "discoveryLabel") instanceof String discovery) {
      platformKeys.add(discovery);
    }
    platformKeys.add("istio.io/rev");
    return new NamespaceMetadataRules(
        strings(chain, "guardrails", "namespaceLabelAllowList"),
        strings(chain, "guardrails", "namespaceAnnotationAllowList"),
        platformKeys);
  }

  private static List<String> strings(OverlayChain chain, String... path) {
    List<String> result = new ArrayList<>();
    if (chain.value(path) instanceof List<?> list) {
      list.forEach(item -> result.add(String.valueOf(item)));
    }
    return result;
  }
}
