package io.meshplate.policy;

import java.util.Map;

/**
 * Each tenant namespace holds an allow-nothing AuthorizationPolicy (action ALLOW, no rules, no
 * selector): with it, a request no explicit ALLOW matches is denied instead of allowed.
 */
final class RequireDenyAllPolicy extends BaselineInvariant {
  @Override
  public String rule() {
    return "INV-DENY-ALL";
  }

  @Override
  String describe() {
    return "allow-nothing AuthorizationPolicy (action ALLOW, no rules, whole namespace)";
  }

  @Override
  boolean isBaseline(PlacedObject placed) {
    if (!placed.is("security.istio.io", "AuthorizationPolicy") || !namespaceWide(placed)) {
      return false;
    }
    Map<?, ?> spec = placed.spec();
    Object action = spec.get("action");
    return (action == null || "ALLOW".equals(action)) && isEmpty(spec.get("rules"))
        && isEmpty(spec.get("provider"));
  }
}
