package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ServiceEntry: an external host added to the registry of the namespaces it is exported to
 * (https://istio.io/latest/docs/reference/config/networking/service-entry/).
 *
 * @param exportTo null when absent (the mesh default applies)
 */
record ServiceEntryFact(Ref ref, String namespace, List<String> hosts, List<String> exportTo, String location,
    String resolution, List<Port> ports, List<String> unknown) {

  /** A port: what the application connects to ({@code number}) and where the proxy sends it ({@code targetPort}). */
  record Port(Ref ref, int number, String name, String protocol, Integer targetPort) {
    int wirePort() {
      return targetPort != null ? targetPort : number;
    }

    boolean isHttp() {
      return protocol != null && List.of("HTTP", "HTTP2", "GRPC").contains(protocol);
    }
  }

  static ServiceEntryFact read(Ref ref, String namespace, Map<String, Object> object) {
    Map<?, ?> spec = Fields.map(object, "spec");
    List<String> unknown = new ArrayList<>();
    Fields.unexpected(spec, Set.of("hosts", "exportTo", "location", "resolution", "ports"), "spec.", unknown);
    String resolution = Fields.text(spec, "resolution");
    if (resolution != null && !resolution.startsWith("DNS")) {
      unknown.add("spec.resolution " + resolution);
    }
    List<Port> ports = new ArrayList<>();
    List<?> list = Fields.list(spec, "ports");
    for (int i = 0; i < list.size(); i++) {
      Object port = list.get(i);
      Integer number = Fields.integer(port, "number");
      if (number == null) {
        unknown.add("spec.ports[" + i + "].number");
        continue;
      }
      ports.add(new Port(ref.at("spec", "ports", i), number, Fields.text(port, "name"), Fields.text(port, "protocol"),
          Fields.integer(port, "targetPort")));
    }
    return new ServiceEntryFact(ref, namespace, Fields.strings(spec, "hosts"),
        Fields.has(spec, "exportTo") ? Fields.strings(spec, "exportTo") : null,
        Fields.text(spec, "location"), resolution, List.copyOf(ports), List.copyOf(unknown));
  }
}
