package io.meshplate.policy;

import io.meshplate.policy.PlacedObject.Fields;

/**
 * Each tenant namespace holds a namespace-wide Sidecar with outboundTrafficPolicy REGISTRY_ONLY,
 * so proxies reach only hosts in the registry, and no Sidecar in a tenant folder sets ALLOW_ANY.
 */
final class RequireRegistryOnlySidecar extends BaselineInvariant {
  @Override
  public String rule() {
    return "INV-REGISTRY-ONLY";
  }

  @Override
  String describe() {
    return "namespace-wide Sidecar with outboundTrafficPolicy.mode REGISTRY_ONLY";
  }

  @Override
  boolean isBaseline(PlacedObject placed) {
    return placed.is("networking.istio.io", "Sidecar") && namespaceWide(placed) && "REGISTRY_ONLY".equals(mode(placed));
  }

  @Override
  String weakens(PlacedObject placed) {
    String mode = placed.is("networking.istio.io", "Sidecar") ? mode(placed) : null;
    return mode != null && !"REGISTRY_ONLY".equals(mode)
        ? "Sidecar sets outboundTrafficPolicy.mode " + mode + "; tenants may only use REGISTRY_ONLY"
        : null;
  }

  private static String mode(PlacedObject placed) {
    return Fields.text(Fields.map(placed.spec(), "outboundTrafficPolicy"), "mode");
  }
}
