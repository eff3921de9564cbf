package io.meshplate.reach;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A PeerAuthentication: which inbound traffic a sidecar accepts without mTLS
 * (https://istio.io/latest/docs/reference/config/security/peer_authentication/). Workload
 * (selector) beats namespace beats root namespace; {@code UNSET} inherits; {@code portLevelMtls}
 * needs a selector.
 *
 * @param mode STRICT, PERMISSIVE, DISABLE, UNSET, or null when absent (inherits)
 * @param portModes {@code portLevelMtls}: container port to mode
 */
record PeerAuthenticationFact(Ref ref, String namespace, Selector selector, String mode,
    Map<Integer, String> portModes, List<String> unknown) {

  static PeerAuthenticationFact read(Ref ref, String namespace, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("selector", "mtls", "portLevelMtls"), "spec.", unknown);
    Selector selector = Fields.has(spec, "selector")
        ? Selector.ofLabels(Fields.labels(Fields.map(spec, "selector"), "matchLabels")) : null;
    Map<Integer, String> ports = new TreeMap<>();
    Fields.map(spec, "portLevelMtls").forEach((port, mtls) -> {
      try {
        ports.put(Integer.parseInt(String.valueOf(port)), Fields.text(mtls, "mode"));
      } catch (NumberFormatException e) {
        unknown.add("spec.portLevelMtls." + port);
      }
    });
    return new PeerAuthenticationFact(ref, namespace, selector, Fields.text(Fields.map(spec, "mtls"), "mode"),
        Collections.unmodifiableMap(ports), List.copyOf(unknown));
  }
}
