package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenShift {@code route.openshift.io/v1} Route: how the router exposes a host
 * (openshift/api {@code route/v1/types.go}). The router sends a host's traffic to the endpoints
 * of {@code to} (a Service) on {@code port.targetPort}: a number is a pod port, a name is looked
 * up among the Service's port names. TLS {@code passthrough} forwards the client's TLS by SNI;
 * {@code edge} terminates it and sends HTTP; {@code reencrypt} opens new TLS to the pod.
 *
 * @param termination null without a {@code tls} block (plain HTTP)
 */
record RouteFact(Ref ref, String namespace, String name, String host, String path, String toKind, String toName,
    Integer weight, Integer targetNumber, String targetName, String termination, String insecurePolicy,
    List<String> unknown) {

  static RouteFact read(Ref ref, String namespace, String name, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("host", "path", "to", "port", "tls", "wildcardPolicy"), "spec.", unknown);
    if (Fields.has(spec, "wildcardPolicy") && !"None".equals(Fields.text(spec, "wildcardPolicy"))) {
      unknown.add("spec.wildcardPolicy");
    }
    Map<?, ?> to = Fields.map(spec, "to");
    Map<?, ?> port = Fields.map(spec, "port");
    Integer number = Fields.integer(port, "targetPort");
    String portName = number == null ? Fields.text(port, "targetPort") : null;
    Map<?, ?> tls = Fields.map(spec, "tls");
    Fields.unexpected(tls, Set.of("termination", "insecureEdgeTerminationPolicy", "certificate", "key",
        "caCertificate", "destinationCACertificate"), "spec.tls.", unknown);
    return new RouteFact(ref, namespace, name, Fields.text(spec, "host"), Fields.text(spec, "path"),
        Fields.text(to, "kind") == null ? "Service" : Fields.text(to, "kind"), Fields.text(to, "name"),
        Fields.integer(to, "weight"), number, portName,
        Fields.has(spec, "tls") ? Fields.text(tls, "termination") : null, Fields.text(tls, "insecureEdgeTerminationPolicy"),
        List.copyOf(unknown));
  }
}
