package io.meshplate.render;

import io.meshplate.descriptor.TenantSpec;
import io.meshplate.manifest.ClusterScopedKinds;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.ObjectNames;
import io.meshplate.overlay.MeshVersions;
import io.meshplate.overlay.OverlayChain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds what templates see. Everything that needs a lookup (a peer tenant's namespace, whether a
 * peer renders to this overlay) or arithmetic (tracing cap) is computed here, in linear time, so
 * templates only lay out YAML. Models are plain maps and lists of strings, numbers and the
 * descriptor records.
 *
 * <p>Lists whose order means nothing (services, allow rules, methods, paths, ports, calls,
 * egress hosts, ingress hosts and their paths) are handed to templates sorted, so reordering a
 * descriptor changes no output byte and a diff shows only real changes. The one order that does
 * mean something, a service's first port as the default ingress target, is read before sorting.
 */
final class ModelBuilder {
  private final OverlayChain chain;
  private final Set<String> present;
  private final String trustDomain;
  private final BigDecimal tracingCap;
  private final ControlPlaneModel controlPlanes;

  /**
   * @param present names of the tenants that render to this overlay
   * @param versions the mesh version table, or null
   */
  ModelBuilder(OverlayChain chain, Set<String> present, MeshVersions versions) {
    this.chain = chain;
    this.present = present;
    this.controlPlanes = new ControlPlaneModel(chain, versions);
    this.trustDomain = String.valueOf(value("mesh", "trustDomain"));
    Object cap = value("telemetry", "maxTracingPercent");
    this.tracingCap = cap == null ? null : new BigDecimal(cap.toString());
  }

  /** Variables shared by platform and tenant templates. */
  Map<String, Object> platform() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("env", chain.values());
    model.put("overlay", chain.name());
    model.put("environment", chain.environment());
    model.put("chain", chain.names());
    model.put("namespaceSuffix", chain.namespaceSuffix());
    model.put("controlPlanes", controlPlanes.model());
    return model;
  }

  Map<String, Object> tenant(String name, String descriptor, TenantSpec spec) {
    Map<String, Object> model = platform();
    model.putAll(tenantOnly(name, descriptor, spec));
    return model;
  }

  /**
   * What a tenant's model adds to {@link #platform()}, which is a function of the overlay chain
   * alone (its values come from {@code defaults.yaml} and the chain's {@code overlay.yaml}).
   */
  Map<String, Object> tenantOnly(String name, String descriptor, TenantSpec spec) {
    String namespace = chain.namespaceOf(name);
    Map<String, Object> gateway = gateway(name, namespace, spec);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("tenant", spec);
    model.put("name", name);
    model.put("namespace", namespace);
    model.put("descriptor", descriptor);
    model.put("gateway", gateway);
    model.put("services", services(namespace, spec, gateway));
    model.put("callees", callees(name, namespace, spec));
    model.put("egress", egress(spec));
    model.put("egressPorts", egressPorts(spec));
    model.put("telemetry", telemetry(spec));
    model.put("membership", controlPlanes.membership(name, spec.upgradeWave()));
    // Already checked against the overlay's allow-list (GUARD-NAMESPACE-LABEL); sorted by key.
    model.put("namespaceLabels", spec.namespaceMetadata().labels());
    model.put("namespaceAnnotations", spec.namespaceMetadata().annotations());
    return model;
  }

  /**
   * A hub folder's model: the model of the folder it belongs to plus {@code bundle}, what that
   * folder holds after overlay patches, for the Argo CD project that syncs it:
   * {@code bundle.clusterResources} (group, kind, name of each cluster-scoped object) and
   * {@code bundle.namespacedKinds} (group and kind of the namespaced ones), both sorted.
   */
  static Map<String, Object> withBundle(Map<String, Object> model, List<Map<String, Object>> objects) {
    SortedSet<ObjectKey> cluster = new TreeSet<>(Comparator.comparing(ObjectKey::group)
        .thenComparing(ObjectKey::kind).thenComparing(ObjectKey::name));
    SortedSet<ObjectKey> namespaced = new TreeSet<>(Comparator.comparing(ObjectKey::group)
        .thenComparing(ObjectKey::kind));
    for (Map<String, Object> object : objects) {
      ObjectKey key = ObjectKey.of(object);
      if (ClusterScopedKinds.contains(key)) {
        cluster.add(key);
      } else {
        namespaced.add(key);
      }
    }
    List<Map<String, Object>> clusterResources = new ArrayList<>();
    cluster.forEach(k -> clusterResources.add(Map.of("group", k.group(), "kind", k.kind(), "name", k.name())));
    List<Map<String, Object>> namespacedKinds = new ArrayList<>();
    namespaced.forEach(k -> namespacedKinds.add(Map.of("group", k.group(), "kind", k.kind())));
    Map<String, Object> hub = new LinkedHashMap<>(model);
    hub.put("bundle", Map.of("clusterResources", clusterResources, "namespacedKinds", namespacedKinds));
    return hub;
  }

  private List<Map<String, Object>> services(String namespace, TenantSpec spec, Map<String, Object> gateway) {
    List<Map<String, Object>> services = new ArrayList<>();
    for (TenantSpec.Service service : sorted(spec.services(), TenantSpec.Service::name)) {
      List<Map<String, Object>> rules = new ArrayList<>();
      Map<String, SortedSet<Integer>> portsByCallerNamespace = new TreeMap<>();
      for (TenantSpec.AllowRule rule : service.allow()) {
        TenantSpec.Source from = rule.from();
        String principal;
        List<Integer> ports = coveredPorts(service, rule);
        if (from.isIngress()) {
          if (!(Boolean) gateway.get("enabled")) {
            continue;
          }
          principal = (String) gateway.get("principal");
        } else {
          if (!present.contains(from.tenant())) {
            continue;
          }
          String callerNamespace = chain.namespaceOf(from.tenant());
          principal = principal(callerNamespace, from.service());
          if (!callerNamespace.equals(namespace)) {
            portsByCallerNamespace.computeIfAbsent(callerNamespace, k -> new TreeSet<>()).addAll(ports);
          }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("principal", principal);
        r.put("ports", ports);
        r.put("methods", sortedSet(rule.methods()));
        r.put("paths", sortedSet(rule.paths()));
        rules.add(r);
      }
      rules.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("principal"))
          .thenComparing(r -> String.valueOf(r.get("ports")))
          .thenComparing(r -> String.valueOf(r.get("methods")))
          .thenComparing(r -> String.valueOf(r.get("paths"))));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", service.name());
      s.put("ports", sorted(service.ports(), p -> String.format(Locale.ROOT, "%05d", p.port())));
      s.put("fqdn", fqdn(service.name(), namespace));
      s.put("allowRules", rules);
      s.put("callerPeers", callerPeers(portsByCallerNamespace));
      services.add(s);
    }
    return services;
  }

  /** The port numbers a rule covers, ascending: its named ports, else all. */
  private static List<Integer> coveredPorts(TenantSpec.Service service, TenantSpec.AllowRule rule) {
    return service.ports().stream()
        .filter(p -> rule.ports().isEmpty() || rule.ports().contains(p.name()))
        .map(TenantSpec.Port::port)
        .sorted()
        .toList();
  }

  /**
   * Caller namespaces grouped by the ports their rules cover, one NetworkPolicy peer per group:
   * a namespace reaches exactly the ports an ALLOW rule opens to it. Sorted by ports, then
   * namespace, so the output does not depend on the order of the allow list.
   */
  private static List<Map<String, Object>> callerPeers(Map<String, SortedSet<Integer>> portsByNamespace) {
    Map<List<Integer>, List<String>> byPorts = new TreeMap<>(ModelBuilder::comparePorts);
    portsByNamespace.forEach((ns, ports) -> byPorts.computeIfAbsent(List.copyOf(ports), k -> new ArrayList<>()).add(ns));
    List<Map<String, Object>> peers = new ArrayList<>();
    byPorts.forEach((ports, namespaces) -> {
      Map<String, Object> peer = new LinkedHashMap<>();
      peer.put("namespaces", namespaces);
      peer.put("ports", ports);
      peers.add(peer);
    });
    return peers;
  }

  private static int comparePorts(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private List<Map<String, Object>> callees(String name, String namespace, TenantSpec spec) {
    List<Map<String, Object>> callees = new ArrayList<>();
    for (TenantSpec.ServiceRef call : sorted(spec.calls(), c -> c.tenant() + "/" + c.service())) {
      if (call.tenant().equals(name) || !present.contains(call.tenant())) {
        continue;
      }
      String calleeNamespace = chain.namespaceOf(call.tenant());
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("tenant", call.tenant());
      c.put("service", call.service());
      c.put("namespace", calleeNamespace);
      c.put("fqdn", fqdn(call.service(), calleeNamespace));
      c.put("resourceName", ObjectNames.ofCallee(call.tenant(), call.service()));
      callees.add(c);
    }
    return callees;
  }

  private static List<Map<String, Object>> egress(TenantSpec spec) {
    List<Map<String, Object>> egress = new ArrayList<>();
    for (TenantSpec.EgressHost host : sorted(spec.egress(),
        e -> e.host() + String.format(Locale.ROOT, ":%05d", e.port()))) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("host", host.host());
      e.put("port", host.port());
      e.put("tls", host.tls() == null ? "passthrough" : host.tls());
      e.put("resourceName", ObjectNames.ofHost(host.host()));
      egress.add(e);
    }
    return egress;
  }

  private static List<Integer> egressPorts(TenantSpec spec) {
    return spec.egress().stream().map(TenantSpec.EgressHost::port).distinct().sorted().toList();
  }

  private Map<String, Object> gateway(String name, String namespace, TenantSpec spec) {
    Map<String, Object> gateway = new LinkedHashMap<>();
    String gatewayName = ObjectNames.gateway(namespace);
    List<TenantSpec.IngressHost> hosts = spec.ingress().hosts();
    gateway.put("enabled", !hosts.isEmpty());
    gateway.put("name", gatewayName);
    gateway.put("principal", principal(namespace, gatewayName));
    List<Map<String, Object>> list = new ArrayList<>();
    String domain = String.valueOf(value("ingress", "domain"));
    for (TenantSpec.IngressHost host : hosts) {
      String fqdn = host.name().contains(".") ? host.name() : host.name() + "." + domain;
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("fqdn", fqdn);
      h.put("resourceName", ObjectNames.ofHost(fqdn));
      h.put("credentialName", ObjectNames.tlsSecret(fqdn));
      h.put("service", host.service());
      h.put("port", host.port() != null ? host.port() : firstPort(spec, host.service()));
      h.put("paths", host.paths().isEmpty() ? List.of("/") : sortedSet(host.paths()));
      h.put("destination", fqdn(host.service(), namespace));
      list.add(h);
    }
    list.sort(Comparator.comparing(h -> (String) h.get("fqdn")));
    gateway.put("hosts", list);
    return gateway;
  }

  private static int firstPort(TenantSpec spec, String service) {
    return spec.services().stream()
        .filter(s -> s.name().equals(service) && !s.ports().isEmpty())
        .map(s -> s.ports().get(0).port())
        .findFirst()
        .orElse(80);
  }

  private Map<String, Object> telemetry(TenantSpec spec) {
    TenantSpec.Telemetry wish = spec.telemetry();
    Object defaultLog = value("telemetry", "defaultAccessLog");
    Object defaultPercent = value("telemetry", "defaultTracingPercent");
    BigDecimal percent = wish.tracingPercent() != null ? wish.tracingPercent()
        : new BigDecimal(defaultPercent == null ? "0" : defaultPercent.toString());
    if (tracingCap != null && percent.compareTo(tracingCap) > 0) {
      percent = tracingCap;
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("accessLog", wish.accessLog() != null ? wish.accessLog()
        : defaultLog == null ? "errors" : defaultLog.toString());
    t.put("tracingPercent", percent);
    return t;
  }

  private String principal(String namespace, String serviceAccount) {
    return trustDomain + "/ns/" + namespace + "/sa/" + serviceAccount;
  }

  private static String fqdn(String service, String namespace) {
    return service + "." + namespace + ".svc.cluster.local";
  }

  /** {@code list} sorted by {@code key}; the descriptor's order of a set-like list means nothing. */
  private static <T> List<T> sorted(List<T> list, Function<T, String> key) {
    List<T> copy = new ArrayList<>(list);
    copy.sort(Comparator.comparing(key));
    return copy;
  }

  private static List<String> sortedSet(List<String> values) {
    return values.stream().sorted().distinct().toList();
  }

  private Object value(String section, String key) {
    return chain.values().get(section) instanceof Map<?, ?> m ? m.get(key) : null;
  }
}
