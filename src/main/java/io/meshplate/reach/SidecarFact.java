package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Sidecar: which hosts the proxies it applies to can route to, and what happens to the rest
 * (https://istio.io/latest/docs/reference/config/networking/sidecar/). Hosts are
 * {@code namespace/dnsName}: namespace {@code .} (own), {@code *} (any) or {@code ~} (none);
 * dnsName {@code *} or a left-most wildcard.
 *
 * @param selector {@code workloadSelector} labels, or null for the namespace-wide Sidecar
 * @param egress listeners; null when the field is absent (every visible host is reachable)
 * @param outboundMode REGISTRY_ONLY or ALLOW_ANY; null when {@code outboundTrafficPolicy} is
 *     absent (the mesh setting applies). Present without a mode it is REGISTRY_ONLY, the field's zero value.
 */
record SidecarFact(Ref ref, String namespace, Selector selector, List<Listener> egress, String outboundMode,
    List<String> unknown) {

  /** An egress listener; {@code port} null for the catch-all listener. */
  record Listener(Ref ref, Integer port, List<String> hosts) {}

  static SidecarFact read(Ref ref, String namespace, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("workloadSelector", "egress", "outboundTrafficPolicy"), "spec.", unknown);
    Selector selector = Fields.has(spec, "workloadSelector")
        ? Selector.ofLabels(Fields.labels(Fields.map(spec, "workloadSelector"), "labels")) : null;
    List<Listener> egress = null;
    if (Fields.has(spec, "egress")) {
      egress = new ArrayList<>();
      List<?> listeners = Fields.list(spec, "egress");
      for (int i = 0; i < listeners.size(); i++) {
        Object listener = listeners.get(i);
        Fields.unexpected(listener, Set.of("hosts", "port"), "spec.egress[" + i + "].", unknown);
        Map<?, ?> port = Fields.map(listener, "port");
        Fields.unexpected(port, Set.of("number", "name", "protocol"), "spec.egress[" + i + "].port.", unknown);
        egress.add(new Listener(ref.at("spec", "egress", i),
            Fields.has(listener, "port") ? Fields.integer(port, "number") : null, Fields.strings(listener, "hosts")));
      }
      egress = List.copyOf(egress);
    }
    String mode = null;
    if (Fields.has(spec, "outboundTrafficPolicy")) {
      Map<?, ?> policy = Fields.map(spec, "outboundTrafficPolicy");
      Fields.unexpected(policy, Set.of("mode"), "spec.outboundTrafficPolicy.", unknown);
      mode = Fields.text(policy, "mode") == null ? "REGISTRY_ONLY" : Fields.text(policy, "mode");
    }
    return new SidecarFact(ref, namespace, selector, egress, mode, List.copyOf(unknown));
  }
}
