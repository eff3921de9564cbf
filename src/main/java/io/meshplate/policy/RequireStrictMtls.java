package io.meshplate.policy;

import io.meshplate.policy.PlacedObject.Fields;
import java.util.Map;

/**
 * Each tenant namespace holds a namespace-wide PeerAuthentication in STRICT mode, and no
 * PeerAuthentication in a tenant folder relaxes mTLS for a workload or a port.
 */
final class RequireStrictMtls extends BaselineInvariant {
  @Override
  public String rule() {
    return "INV-STRICT-MTLS";
  }

  @Override
  String describe() {
    return "namespace-wide PeerAuthentication with mtls.mode STRICT";
  }

  @Override
  boolean isBaseline(PlacedObject placed) {
    return placed.is("security.istio.io", "PeerAuthentication") && namespaceWide(placed)
        && "STRICT".equals(Fields.text(Fields.map(placed.spec(), "mtls"), "mode"));
  }

  @Override
  String weakens(PlacedObject placed) {
    if (!placed.is("security.istio.io", "PeerAuthentication")) {
      return null;
    }
    String mode = Fields.text(Fields.map(placed.spec(), "mtls"), "mode");
    if (mode != null && !"STRICT".equals(mode)) {
      return "PeerAuthentication sets mtls.mode " + mode + "; tenants may only use STRICT";
    }
    for (Map.Entry<?, ?> port : Fields.map(placed.spec(), "portLevelMtls").entrySet()) {
      String portMode = Fields.text(port.getValue(), "mode");
      if (portMode != null && !"STRICT".equals(portMode)) {
        return "PeerAuthentication sets port " + port.getKey() + " to mode " + portMode + "; tenants may only use STRICT";
      }
    }
    return null;
  }
}
