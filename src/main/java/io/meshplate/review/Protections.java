package io.meshplate.review;

import java.util.List;
import java.util.Map;

/**
 * Recognises the objects that hold the baseline shut: removing or altering one of them weakens
 * every workload it covers, whatever the rest of the change does.
 */
final class Protections {
  private Protections() {}

  /** What the object protects, or null when it is not a baseline protection. */
  static String of(String kind, Map<String, Object> object) {
    return switch (kind) {
      case "AuthorizationPolicy" -> denyAll(object) ? "deny-all" : null;
      case "PeerAuthentication" ->
          "STRICT".equals(Nodes.text(object, "spec", "mtls", "mode")) ? "STRICT mTLS" : null;
      case "NetworkPolicy" -> defaultDeny(object) ? "default-deny" : null;
      case "Sidecar" ->
          "REGISTRY_ONLY".equals(Nodes.text(object, "spec", "outboundTrafficPolicy", "mode"))
              ? "REGISTRY_ONLY" : null;
      default -> null;
    };
  }

  /**
   * Whether a change at {@code path} (a JSON Pointer) touches what holds the protection. A
   * Sidecar protects through its outbound policy only; its egress host list is what the tenant
   * may reach, reported with the egress findings, not a weakened baseline.
   */
  static boolean touches(String kind, String path) {
    return !kind.equals("Sidecar") || path.startsWith("/spec/outboundTrafficPolicy");
  }

  /**
   * An ALLOW policy with no rules matches nothing (allow-nothing); a DENY policy with an empty
   * rule matches everything. Both shut the selected workloads.
   */
  private static boolean denyAll(Map<String, Object> policy) {
    List<?> rules = Nodes.list(policy, "spec", "rules");
    if (AccessRules.isAllow(policy)) {
      return rules.isEmpty();
    }
    return "DENY".equals(Nodes.text(policy, "spec", "action"))
        && rules.stream().anyMatch(r -> r instanceof Map<?, ?> m && m.isEmpty());
  }

  /** Selects every pod and declares a direction without allowing anything in it. */
  private static boolean defaultDeny(Map<String, Object> policy) {
    if (!Nodes.map(policy, "spec", "podSelector").isEmpty() || Nodes.list(policy, "spec", "policyTypes").isEmpty()) {
      return false;
    }
    List<?> types = Nodes.list(policy, "spec", "policyTypes");
    boolean ingressShut = !types.contains("Ingress") || Nodes.list(policy, "spec", "ingress").isEmpty();
    boolean egressShut = !types.contains("Egress") || Nodes.list(policy, "spec", "egress").isEmpty();
    return ingressShut && egressShut;
  }
}
