package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The platform actors the policies name, placed where OpenShift puts them, with the labels the
 * platform values say they carry: the router (namespace {@code openshift-ingress}, OpenShift
 * "Ingress Operator"), user-workload monitoring ({@code openshift-user-workload-monitoring}),
 * cluster DNS ({@code dns.namespace}, pods serving {@code dns.ports}), istiod (the control plane
 * namespace, pods labelled {@code mesh.istiodLabels}, ports {@code mesh.istiodPorts}) and the
 * tracing collector the proxies send spans to (the control plane namespace, pods labelled
 * {@code telemetry.tracing.podLabels}, Service {@code telemetry.tracing.collectorService}, port
 * {@code telemetry.tracing.port}). Their own NetworkPolicies are not rendered here, so only the
 * tenant side of a platform flow is evaluated. Platform workloads sharing a namespace are told
 * apart by the labels their values name: istiod's pods do not carry the collector's and the
 * collector's do not carry istiod's (each set selects its own workload: were they shared, the
 * control-plane egress policy would open the collector's port to istiod and back).
 */
final class PlatformParties {
  static final String ROUTER = "platform:router";
  static final String MONITORING = "platform:monitoring";
  static final String DNS = "platform:dns";
  static final String ISTIOD = "platform:istiod";
  static final String TRACING = "platform:tracing";
  static final String INTERNET = "internet";
  /** Every platform party a query may name, in the order a message lists them. */
  static final List<String> IDS = List.of(ROUTER, MONITORING, DNS, ISTIOD, TRACING);
  /** The prefix of an external host's party id: {@code external:api.stripe.com}. */
  static final String EXTERNAL = "external:";
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  final Party router;
  final Party monitoring;
  final Party dns;
  final Party istiod;
  /** The tracing collector, or null when the overlay names none ({@code telemetry.tracing}). */
  final Party tracing;
  final Party internet;
  /** Ports of the tenant proxies that user-workload monitoring scrapes ({@code monitoring.proxyPorts}). */
  final List<PortSpec> proxyPorts;
  final Ref proxyPortsRef;
  final List<Cidr> clusterNetworks;
  final Map<String, Labels> namespaceLabels = new TreeMap<>();

  PlatformParties(Map<String, Object> values, SortedMap<String, String> provenance) {
    Map<String, String> routerLabels = new TreeMap<>(Fields.labels(Fields.map(values, "ingress"), "routerNamespaceLabels"));
    router = actor(ROUTER, "openshift-ingress", routerLabels, Map.of(), List.of(),
        ref(provenance, "/ingress/routerNamespaceLabels", "OpenShift router"));
    Map<String, String> monitoringLabels = new TreeMap<>(Fields.labels(Fields.map(values, "monitoring"), "namespaceLabels"));
    monitoring = actor(MONITORING, "openshift-user-workload-monitoring", monitoringLabels, Map.of(), List.of(),
        ref(provenance, "/monitoring/namespaceLabels", "user-workload monitoring"));
    Map<?, ?> dnsValues = Fields.map(values, "dns");
    List<PortSpec> dnsPorts = new ArrayList<>();
    for (String p : Fields.strings(dnsValues, "ports")) {
      dnsPorts.add(new PortSpec(Integer.parseInt(p), "UDP", false));
      dnsPorts.add(new PortSpec(Integer.parseInt(p), "TCP", false));
    }
    String dnsNamespace = String.valueOf(Fields.text(dnsValues, "namespace"));
    dns = actor(DNS, dnsNamespace, Map.of(), Map.of(), dnsPorts, ref(provenance, "/dns/ports", "cluster DNS"));
    Map<?, ?> mesh = Fields.map(values, "mesh");
    List<PortSpec> istiodPorts = new ArrayList<>();
    for (String p : Fields.strings(mesh, "istiodPorts")) {
      istiodPorts.add(new PortSpec(Integer.parseInt(p), "TCP", false));
    }
    String controlPlane = String.valueOf(Fields.text(mesh, "controlPlaneNamespace"));
    Map<String, String> istiodLabels = Fields.labels(mesh, "istiodLabels");
    Map<?, ?> tracingValues = Fields.map(Fields.map(values, "telemetry"), "tracing");
    Integer tracingPort = Fields.integer(tracingValues, "port");
    Map<String, String> tracingLabels = Fields.labels(tracingValues, "podLabels");
    Party collector = null;
    if (tracingPort != null && Fields.text(tracingValues, "collectorService") != null) {
      collector = actor(TRACING, controlPlane, Map.of(), tracingLabels, List.of(new PortSpec(tracingPort, "TCP", false)),
          ref(provenance, "/telemetry/tracing/port", "tracing collector"), List.of(Fields.text(tracingValues,
              "collectorService") + "." + controlPlane + ".svc.cluster.local"), istiodLabels);
    }
    tracing = collector;
    istiod = actor(ISTIOD, controlPlane, Map.of(), istiodLabels, istiodPorts, ref(provenance, "/mesh/istiodPorts", "istiod"),
        List.of(), collector == null ? Map.of() : tracingLabels);
    internet = new Party(INTERNET, Party.Kind.INTERNET, null, null, new Labels(Map.of(), false), null, Tri.FALSE,
        true, List.of(), List.of(), new Ref("internet", 0, "", "internet"));
    proxyPorts = Fields.strings(Fields.map(values, "monitoring"), "proxyPorts").stream()
        .map(p -> new PortSpec(Integer.parseInt(p), "TCP", false)).toList();
    proxyPortsRef = ref(provenance, "/monitoring/proxyPorts", "monitoring.proxyPorts");
    List<Cidr> networks = new ArrayList<>();
    for (String c : Fields.strings(Fields.map(values, "network"), "clusterCidrs")) {
      Cidr cidr = Cidr.parse(c);
      if (cidr != null) {
        networks.add(cidr);
      }
    }
    clusterNetworks = List.copyOf(networks);
  }

  private Party actor(String id, String namespace, Map<String, String> nsLabels, Map<String, String> podLabels,
      List<PortSpec> ports, Ref ref) {
    return actor(id, namespace, nsLabels, podLabels, ports, ref, List.of(), Map.of());
  }

  /**
   * @param hosts the Service host names that reach it
   * @param others the labels of another platform workload in its namespace, which its pods do not carry
   */
  private Party actor(String id, String namespace, Map<String, String> nsLabels, Map<String, String> podLabels,
      List<PortSpec> ports, Ref ref, List<String> hosts, Map<String, String> others) {
    Map<String, String> labels = new TreeMap<>(nsLabels);
    labels.put(NAME_LABEL, namespace);
    namespaceLabels.merge(namespace, new Labels(labels, true), (a, b) -> {
      Map<String, String> both = new TreeMap<>(a.known());
      both.putAll(b.known());
      return new Labels(both, true);
    });
    return new Party(id, Party.Kind.PLATFORM, null, namespace, new Labels(podLabels, false).without(others), null,
        Tri.FALSE, true, ports, hosts, ref);
  }

  private static Ref ref(SortedMap<String, String> provenance, String pointer, String object) {
    String where = provenance.get(pointer);
    if (where == null) {
      where = provenance.entrySet().stream().filter(e -> e.getKey().startsWith(pointer + "/"))
          .map(Map.Entry::getValue).findFirst().orElse("templates/base/defaults.yaml");
    }
    return Ref.atLine(where, object);
  }

  List<Party> all() {
    return tracing == null ? List.of(router, monitoring, dns, istiod, internet)
        : List.of(router, monitoring, dns, istiod, tracing, internet);
  }

  /** The platform parties every tenant pod is declared to reach: DNS, istiod and, when named, the tracing collector. */
  List<Party> services() {
    return tracing == null ? List.of(dns, istiod) : List.of(dns, istiod, tracing);
  }
}
