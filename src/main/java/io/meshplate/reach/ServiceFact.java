package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes Service: which pods it selects and how its ports map to their ports
 * (https://kubernetes.io/docs/concepts/services-networking/service/).
 *
 * @param type ClusterIP (the default), NodePort, LoadBalancer or ExternalName
 */
record ServiceFact(Ref ref, String namespace, String name, String type, Map<String, String> selector,
    List<Port> ports, List<String> unknown) {

  /** A port; {@code targetPort} is a number or a container port name (null: the same as {@code port}). */
  record Port(String name, int port, Integer targetNumber, String targetName) {
    Integer podPort() {
      return targetName != null ? null : targetNumber != null ? targetNumber : port;
    }
  }

  static ServiceFact read(Ref ref, String namespace, String name, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("type", "selector", "ports"), "spec.", unknown);
    List<Port> ports = new ArrayList<>();
    List<?> list = Fields.list(spec, "ports");
    for (int i = 0; i < list.size(); i++) {
      Object port = list.get(i);
      Integer number = Fields.integer(port, "port");
      if (number == null) {
        unknown.add("spec.ports[" + i + "].port");
        continue;
      }
      Integer target = Fields.integer(port, "targetPort");
      String targetName = target == null && Fields.has(port, "targetPort") ? Fields.text(port, "targetPort") : null;
      ports.add(new Port(Fields.text(port, "name"), number, target, targetName));
    }
    String type = Fields.text(spec, "type");
    return new ServiceFact(ref, namespace, name, type == null ? "ClusterIP" : type, Fields.labels(spec, "selector"),
        List.copyOf(ports), List.copyOf(unknown));
  }

  /** The port named {@code name}, or null. */
  Port port(String name) {
    for (int i = 0; i < ports.size(); i++) { // asked for every flow to a named target port: no stream
      if (name.equals(ports.get(i).name())) {
        return ports.get(i);
      }
    }
    return null;
  }
}
