package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A ServiceEntry: an external host added to the registry of the namespaces it is exported to
 * (https://istio.io/latest/docs/reference/config/networking/service-entry/).
 *
 * @param exportTo null when absent (the mesh default applies)
 */
record ServiceEntryFact(Ref ref, String namespace, List<String> hosts, List<String> exportTo, String location,
    String resolution, List<Port> ports, List<String> unknown) {

  // Written out, hashing as the record would, as Ref's are: a record's generated equals goes
  // through method handles, linked on the first call and slow under the quick compiler; each
  // workload's egress flows look the entries its namespace sees up in a list.
  @Override
  public boolean equals(Object other) {
    return other instanceof ServiceEntryFact e && Objects.equals(ref, e.ref) && Objects.equals(namespace, e.namespace)
        && hosts.equals(e.hosts) && Objects.equals(exportTo, e.exportTo) && Objects.equals(location, e.location)
        && Objects.equals(resolution, e.resolution) && ports.equals(e.ports) && unknown.equals(e.unknown);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(ref);
    for (Object component : new Object[] {namespace, hosts, exportTo, location, resolution, ports, unknown}) {
      hash = hash * 31 + Objects.hashCode(component);
    }
    return hash;
  }

  /** A port: what the application connects to ({@code number}) and where the proxy sends it ({@code targetPort}). */
  record Port(Ref ref, int number, String name, String protocol, Integer targetPort) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Port p && number == p.number && Objects.equals(ref, p.ref) && Objects.equals(name, p.name)
          && Objects.equals(protocol, p.protocol) && Objects.equals(targetPort, p.targetPort);
    }

    @Override
    public int hashCode() {
      int hash = (Objects.hashCode(ref) * 31 + number) * 31 + Objects.hashCode(name);
      return (hash * 31 + Objects.hashCode(protocol)) * 31 + Objects.hashCode(targetPort);
    }

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
