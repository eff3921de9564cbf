package io.meshplate.policy;

import io.meshplate.policy.PlacedObject.Fields;
import java.util.List;
import java.util.Map;

/**
 * Each tenant namespace holds a default-deny NetworkPolicy: empty podSelector, policyTypes
 * Ingress and Egress, no rules. Every other NetworkPolicy then only opens what it names.
 */
final class RequireDefaultDenyNetworkPolicy extends BaselineInvariant {
  @Override
  public String rule() {
    return "INV-DEFAULT-DENY-NETPOL";
  }

  @Override
  String describe() {
    return "default-deny NetworkPolicy (empty podSelector, policyTypes Ingress and Egress, no rules)";
  }

  @Override
  boolean isBaseline(PlacedObject placed) {
    if (!placed.is("networking.k8s.io", "NetworkPolicy")) {
      return false;
    }
    Map<?, ?> spec = placed.spec();
    List<?> types = Fields.list(spec, "policyTypes");
    return spec.containsKey("podSelector") && isEmpty(spec.get("podSelector"))
        && types.contains("Ingress") && types.contains("Egress")
        && isEmpty(spec.get("ingress")) && isEmpty(spec.get("egress"));
  }
}
