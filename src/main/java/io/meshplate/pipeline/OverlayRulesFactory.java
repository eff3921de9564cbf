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
    Map<String, Object> values = chain.values();
    Set<String> reserved = new TreeSet<>(strings(values, "guardrails", "reservedNamespaces"));
    // The platform's own namespaces are reserved whatever the list says.
    for (String[] path : List.of(new String[] {"mesh", "controlPlaneNamespace"},
        new String[] {"argocd", "namespace"}, new String[] {"dns", "namespace"})) {
      if (value(values, path) instanceof String namespace) {
        reserved.add(namespace);
      }
    }
    Object cap = value(values, "telemetry", "maxTracingPercent");
    return new OverlayRules(
        chain.name(),
        chain.names(),
        chain.namespaceSuffix(),
        String.valueOf(value(values, "ingress", "domain")),
        strings(values, "ingress", "allowedDomains"),
        cap == null ? null : new BigDecimal(cap.toString()),
        reserved,
        strings(values, "guardrails", "reservedPrefixes"),
        namespaceMetadata(values),
        // Absent: the built-in list, so metadata endpoints stay denied in a half-configured
        // repository; an explicit [] turns the list off.
        value(values, "guardrails", "egressDeniedHosts") == null
            ? ClusterDns.DEFAULT_DENIED_HOSTS : strings(values, "guardrails", "egressDeniedHosts"));
  }

  /**
   * The allow-lists from {@code guardrails}, and every key the platform itself sets on or
   * selects namespaces by: a tenant label with such a key could impersonate another tenant or
   * pass another tenant's NetworkPolicy.
   */
  private static NamespaceMetadataRules namespaceMetadata(Map<String, Object> values) {
    Set<String> platformKeys = new TreeSet<>();
    if (value(values, "labelKeys") instanceof Map<?, ?> keys) {
      keys.values().forEach(k -> platformKeys.add(String.valueOf(k)));
    }
    for (String[] path : List.of(new String[] {"monitoring", "namespaceLabels"},
        new String[] {"ingress", "routerNamespaceLabels"}, new String[] {"mesh", "istiodLabels"})) {
      if (value(values, path) instanceof Map<?, ?> labels) {
        labels.keySet().forEach(k -> platformKeys.add(String.valueOf(k)));
      }
    }
    if (value(values, "mesh", "discoveryLabel") instanceof String discovery) {
      platformKeys.add(discovery);
    }
    platformKeys.add("istio.io/rev");
    return new NamespaceMetadataRules(
        strings(values, "guardrails", "namespaceLabelAllowList"),
        strings(values, "guardrails", "namespaceAnnotationAllowList"),
        platformKeys);
  }

  private static Object value(Map<String, Object> values, String... path) {
    Object current = values;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  private static List<String> strings(Map<String, Object> values, String... path) {
    List<String> result = new ArrayList<>();
    if (value(values, path) instanceof List<?> list) {
      list.forEach(item -> result.add(String.valueOf(item)));
    }
    return result;
  }
}
