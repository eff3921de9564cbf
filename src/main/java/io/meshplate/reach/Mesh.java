package io.meshplate.reach;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One overlay as the connectivity model sees it: namespaces and their labels, the parties that
 * talk, the facts of every namespace, the mesh settings and what the descriptors declare. Built
 * in one pass over the per-tenant facts, with indexes so every evaluation is a lookup.
 */
final class Mesh {
  /** A namespace: labels, mesh membership and owner. */
  record Namespace(String name, Labels labels, Tri member, String tenant, Ref ref) {}

  /**
   * The pod label that names a tenant service ({@code app: <service>}, the tenant contract) and
   * the one that names a gateway ({@code istio: <namespace>-ingress}, set by the gateway
   * Deployment meshplate renders). Each kind of pod carries its own key and never the other's,
   * so a selector on the other key is known not to match; any other key is unknown.
   */
  static final String SERVICE_KEY = "app";
  static final String GATEWAY_KEY = "istio";

  /**
   * The label the sidecar injector puts on every pod it injects with the sidecar template, unless
   * the pod sets it itself (istio/istio manifests/charts/istio-control/istio-discovery/files/
   * injection-template.yaml: {@code security.istio.io/tlsMode: istio}); the external egress
   * NetworkPolicy selects injected pods by it. Tenant pods of a mesh member namespace are injected
   * (the tenant contract, which the admission policy enforces) and leave the label to the injector;
   * gateway pods use the gateway template, which does not set it.
   */
  static final String INJECTED_KEY = "security.istio.io/tlsMode";
  static final String INJECTED_VALUE = "istio";

  final String overlay;
  final MeshSettings settings;
  final PlatformParties platform;
  final Map<String, Namespace> namespaces = new TreeMap<>();
  /** The same namespaces by name, for lookups (the sorted map is for iterating in order). */
  private final Map<String, Namespace> namespaceIndex = new HashMap<>();
  final Map<String, Party> parties = new LinkedHashMap<>();
  final Map<String, List<Party>> byNamespace = new HashMap<>();
  final Map<String, Party> byPrincipal = new HashMap<>();
  final Map<String, Party> byHost = new HashMap<>();
  final Map<String, TenantIntent> intents = new TreeMap<>();
  private static final Facts EMPTY_SCOPE = new Facts();
  /** The facts of each namespace, gathered from every folder of the overlay. */
  private final Map<String, Facts> scopes = new HashMap<>();
  /** Namespaces whose scope is still the one folder's facts that alone live there ({@link #addScopes}). */
  private final Set<String> borrowed = new HashSet<>();
  /** ServiceEntries by exact host, and those with a wildcard host: an egress lookup is not a scan. */
  private final Map<String, List<ServiceEntryFact>> entriesByHost = new HashMap<>();
  private final List<ServiceEntryFact> wildcardEntries = new ArrayList<>();
  private final Map<String, List<RouteFact>> routesByHost = new HashMap<>();
  private final Map<String, List<GatewayFact>> gatewaysByHost = new HashMap<>();
  private final Map<String, List<VirtualServiceFact>> servicesByHost = new HashMap<>();
  private final List<VirtualServiceFact> wildcardServices = new ArrayList<>();
  /** Namespace names by label key and value: a selector's first label finds its candidates without building a string. */
  private final Map<String, Map<String, Set<String>>> namespacesByLabel = new HashMap<>();
  /**
   * Gateways with a selector, by its first pair ({@code key=value}, keys sorted): a selector
   * matches only pods known to carry each of its pairs, so the pods' own pairs find every
   * Gateway that may select them, where a scan of every namespace's was quadratic in tenants.
   */
  private final Map<String, List<GatewayFact>> gatewaysByLabel = new HashMap<>();
  /** {@link #gatewaysSelecting(Party)} and {@link #servicesSelecting} by gateway id, filled as flows are evaluated. */
  private final Memo<String, List<GatewayFact>> gatewaysOf = new Memo<>();
  private final Memo<String, List<ServiceFact>> servicesOf = new Memo<>();

  Mesh(PlatformFacts platformFacts, List<TenantFacts> tenants) {
    this.overlay = platformFacts.overlay;
    this.settings = MeshSettings.read(platformFacts.facts);
    this.platform = new PlatformParties(platformFacts.values, platformFacts.provenance);
    addScopes(platformFacts.facts);
    tenants.forEach(t -> addScopes(t.facts));
    platform.namespaceLabels.forEach((name, labels) ->
        namespaces.put(name, new Namespace(name, labels, Tri.FALSE, null, null)));
    // A platform namespace the overlay renders (the control plane's, on dev) carries the rendered
    // labels too: a selector on them must match it.
    for (Facts.NamespaceFact n : platformFacts.facts.namespaces) {
      Map<String, String> labels = new TreeMap<>(namespaces.containsKey(n.name())
          ? namespaces.get(n.name()).labels().known() : Map.of());
      labels.putAll(n.labels());
      labels.put(PlatformParties.NAME_LABEL, n.name());
      namespaces.put(n.name(), new Namespace(n.name(), new Labels(labels, true), Tri.FALSE, null, n.ref()));
    }
    for (TenantFacts t : tenants) {
      intents.put(t.tenant(), t.intent);
      String ns = t.intent.namespace();
      Map<String, String> labels = new TreeMap<>();
      Ref ref = null;
      for (Facts.NamespaceFact n : t.facts.namespaces) {
        if (n.name().equals(ns)) {
          labels.putAll(n.labels());
          ref = n.ref();
        }
      }
      labels.put(PlatformParties.NAME_LABEL, ns);
      // Without a rendered Namespace object the namespace's labels are whatever the cluster has.
      Labels known = new Labels(labels, ref != null);
      namespaces.put(ns, new Namespace(ns, known, settings.member(known, scope(ns).members), t.tenant(), ref));
    }
    namespaceIndex.putAll(namespaces);
    namespaces.values().forEach(n -> n.labels().known().forEach((k, v) ->
        namespacesByLabel.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new TreeSet<>()).add(n.name())));
    for (Facts scope : scopes.values()) {
      for (ServiceEntryFact se : scope.serviceEntries) {
        for (String h : se.hosts()) {
          if (h.contains("*")) {
            wildcardEntries.add(se);
          } else {
            entriesByHost.computeIfAbsent(h.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(se);
          }
        }
      }
      for (GatewayFact g : scope.gateways) {
        if (!g.selector().isEmpty()) {
          String first = Collections.min(g.selector().keySet());
          gatewaysByLabel.computeIfAbsent(first + "=" + g.selector().get(first), k -> new ArrayList<>()).add(g);
        }
        for (GatewayFact.Server server : g.servers()) {
          for (String entry : server.hosts()) {
            String h = entry.contains("/") ? entry.substring(entry.indexOf('/') + 1) : entry;
            List<GatewayFact> list = gatewaysByHost.computeIfAbsent(h.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            if (!list.contains(g)) {
              list.add(g);
            }
          }
        }
      }
      for (RouteFact r : scope.routes) {
        if (r.host() != null) {
          routesByHost.computeIfAbsent(r.host().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
        }
      }
      for (VirtualServiceFact vs : scope.virtualServices) {
        for (String h : vs.hosts()) {
          if (h.contains("*") || !h.contains(".")) {
            wildcardServices.add(vs);
          } else {
            servicesByHost.computeIfAbsent(h.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(vs);
          }
        }
      }
    }
    platform.all().forEach(this::add);
    for (TenantFacts t : tenants) {
      addServices(t.intent);
      addGateways(t);
    }
  }

  private void addScopes(Facts facts) {
    SortedSet<String> namespaces = facts.namespaces();
    for (String ns : namespaces) {
      Facts scope = scopes.get(ns);
      if (scope == null && namespaces.size() == 1) {
        // A folder whose facts all live in one namespace (a tenant's) is that namespace's scope as it
        // is, until another folder adds to it: copies were 10,000 more sets of lists in the model
        // of a 10,000-tenant overlay. The scope reads only what addFrom copies, in the same order.
        scopes.put(ns, facts);
        borrowed.add(ns);
        continue;
      }
      if (scope == null || borrowed.remove(ns)) {
        Facts own = new Facts();
        if (scope != null) {
          own.addFrom(scope, ns);
        }
        scopes.put(ns, own);
        scope = own;
      }
      scope.addFrom(facts, ns);
    }
  }

  private void addServices(TenantIntent intent) {
    String ns = intent.namespace();
    Namespace namespace = namespaceIndex.get(ns);
    Facts scope = scope(ns);
    for (TenantIntent.ServiceIntent s : intent.services()) {
      List<PortSpec> ports = new ArrayList<>(s.ports());
      ports.addAll(platform.proxyPorts);
      Labels labels = new Labels(Map.of(SERVICE_KEY, s.name()), false, Set.of(GATEWAY_KEY));
      add(new Party(intent.tenant() + "/" + s.name(), Party.Kind.SERVICE, intent.tenant(), ns,
          namespace.member() == Tri.TRUE ? labels.with(INJECTED_KEY, INJECTED_VALUE) : labels, s.name(), namespace.member(),
          scope.hasServiceAccount(s.name()), ports,
          List.of(s.name() + "." + ns + ".svc.cluster.local"), s.ref()));
    }
  }

  /** Gateway workloads: their listeners are the Gateway servers bound through the Services selecting them. */
  private void addGateways(TenantFacts tenant) {
    for (WorkloadFact w : tenant.facts.workloads) {
      if (!w.gateway()) {
        continue;
      }
      Labels labels = new Labels(w.podLabels(), false, Set.of(SERVICE_KEY));
      Facts scope = scope(w.namespace());
      List<PortSpec> ports = new ArrayList<>();
      List<String> hosts = new ArrayList<>();
      for (ServiceFact service : scope.services) {
        if (!Selector.selects(service.selector(), labels)) {
          continue;
        }
        hosts.add(service.name() + "." + w.namespace() + ".svc.cluster.local");
        for (ServiceFact.Port port : service.ports()) {
          GatewayFact.Server server = serverOn(labels, w.namespace(), port.port());
          if (server != null && port.podPort() != null) {
            ports.add(new PortSpec(port.podPort(), listenerProtocol(server), true));
          }
        }
      }
      ports.addAll(platform.proxyPorts);
      Namespace namespace = namespaceIndex.get(w.namespace());
      add(new Party(tenant.tenant() + "/" + w.name(), Party.Kind.GATEWAY, tenant.tenant(), w.namespace(), labels,
          w.serviceAccount(), namespace == null ? Tri.UNKNOWN : namespace.member(),
          scope.hasServiceAccount(w.serviceAccount()), ports.stream().distinct().toList(), hosts, w.ref()));
    }
  }

  /** The protocol a gateway listener speaks after the Gateway server: terminated HTTPS is HTTP. */
  static String listenerProtocol(GatewayFact.Server server) {
    if (server.servesHttp()) {
      return "HTTPS".equals(server.protocol()) ? "HTTPS" : "HTTP";
    }
    return "TLS".equals(server.protocol()) ? "TLS" : "TCP";
  }

  /** The first Gateway server on Service port {@code port} whose Gateway selects pods labelled {@code labels}. */
  GatewayFact.Server serverOn(Labels labels, String namespace, int port) {
    for (GatewayFact gateway : gatewaysSelecting(labels, namespace)) {
      for (GatewayFact.Server server : gateway.servers()) {
        if (server.port() == port) {
          return server;
        }
      }
    }
    return null;
  }

  /**
   * The Gateways that select a gateway party's pods, worked out once per party: evaluating an
   * ingress flow asks at every hop, and without {@code gatewaysScoped} the answer scans every
   * namespace.
   */
  List<GatewayFact> gatewaysSelecting(Party gateway) {
    return gatewaysOf.get(gateway.id(), id -> gatewaysSelecting(gateway.podLabels(), gateway.namespace()));
  }

  /** The Services of a gateway party's namespace whose selector matches its pods, once per party. */
  List<ServiceFact> servicesSelecting(Party gateway) {
    return servicesOf.get(gateway.id(), id -> {
      List<ServiceFact> out = new ArrayList<>();
      for (ServiceFact service : scope(gateway.namespace()).services) {
        if (Selector.selects(service.selector(), gateway.podLabels())) {
          out.add(service);
        }
      }
      return List.copyOf(out);
    });
  }

  /** Gateways whose selector matches pods labelled {@code labels} in {@code namespace}. */
  List<GatewayFact> gatewaysSelecting(Labels labels, String namespace) {
    List<GatewayFact> out = new ArrayList<>();
    List<GatewayFact> candidates = new ArrayList<>();
    if (settings.gatewaysScoped()) {
      candidates.addAll(scope(namespace).gateways);
    } else {
      labels.known().forEach((k, v) -> candidates.addAll(gatewaysByLabel.getOrDefault(k + "=" + v, List.of())));
    }
    for (GatewayFact gateway : candidates) {
      if (Selector.selects(gateway.selector(), labels)) {
        out.add(gateway);
      }
    }
    out.sort(Comparator.comparing(g -> g.ref().object()));
    return List.copyOf(out);
  }

  private void add(Party party) {
    parties.put(party.id(), party);
    if (party.namespace() != null) {
      byNamespace.computeIfAbsent(party.namespace(), n -> new ArrayList<>()).add(party);
    }
    if (party.serviceAccount() != null && party.kind() != Party.Kind.PLATFORM) {
      byPrincipal.put(party.principal(settings.trustDomain()), party);
    }
    party.hosts().forEach(h -> byHost.put(h, party));
  }

  /** ServiceEntries that may define {@code host} (exact host, or a wildcard), in a stable order. */
  List<ServiceEntryFact> entriesFor(String host) {
    List<ServiceEntryFact> out = new ArrayList<>(entriesByHost.getOrDefault(host.toLowerCase(Locale.ROOT), List.of()));
    wildcardEntries.stream().filter(se -> !out.contains(se)).forEach(out::add);
    out.sort(Comparator.comparing(se -> se.ref().object()));
    return out;
  }

  /** ServiceEntries exported to {@code namespace}, for its egress candidates. */
  List<ServiceEntryFact> entriesVisibleIn(String namespace) {
    List<ServiceEntryFact> out = new ArrayList<>();
    for (List<ServiceEntryFact> list : List.of(scope(namespace).serviceEntries, wildcardEntries)) {
      for (ServiceEntryFact se : list) {
        if (!out.contains(se)) {
          out.add(se);
        }
      }
    }
    exportedEverywhere().stream().filter(se -> !out.contains(se)).forEach(out::add);
    out.removeIf(se -> !Hosts.exported(se.exportTo() == null ? settings.serviceExportTo() : se.exportTo(),
        se.namespace(), namespace));
    return out;
  }

  /** Computed on first use; threads that race compute the same list. */
  private volatile List<ServiceEntryFact> exported;

  /** Entries exported beyond their own namespace (rare; rendered ones are exported to "."). */
  private List<ServiceEntryFact> exportedEverywhere() {
    if (exported == null) {
      List<ServiceEntryFact> out = new ArrayList<>();
      entriesByHost.values().forEach(list -> list.forEach(se -> {
        List<String> exportTo = se.exportTo() == null ? settings.serviceExportTo() : se.exportTo();
        if (!exportTo.equals(List.of(".")) && !out.contains(se)) {
          out.add(se);
        }
      }));
      exported = out;
    }
    return exported;
  }

  /** Gateways with a server naming {@code host} exactly (wildcard servers are not guessed at). */
  List<GatewayFact> gatewaysServing(String host) {
    return gatewaysByHost.getOrDefault(host.toLowerCase(Locale.ROOT), List.of());
  }

  List<RouteFact> routesFor(String host) {
    return routesByHost.getOrDefault(host.toLowerCase(Locale.ROOT), List.of());
  }

  /** VirtualServices that may serve {@code host}: exact hosts, then wildcard and short ones. */
  List<VirtualServiceFact> virtualServicesFor(String host) {
    List<VirtualServiceFact> out = new ArrayList<>(servicesByHost.getOrDefault(host.toLowerCase(Locale.ROOT), List.of()));
    wildcardServices.stream().filter(vs -> !out.contains(vs)).forEach(out::add);
    return out;
  }

  Facts scope(String namespace) {
    Facts scope = namespace == null ? null : scopes.get(namespace);
    return scope == null ? EMPTY_SCOPE : scope;
  }

  Facts root() {
    return scope(settings.rootNamespace());
  }

  /** Every object the model does not evaluate and that may change traffic, in a stable order. */
  List<Facts.Opaque> opaque() {
    List<Facts.Opaque> out = new ArrayList<>();
    scopes.values().forEach(scope -> out.addAll(scope.opaque));
    out.sort(Comparator.comparing((Facts.Opaque o) -> o.ref().file()).thenComparing(o -> o.ref().document()));
    return out;
  }


  /** Labels of a party's namespace; unknown for a namespace the overlay does not render. */
  Labels namespaceLabels(String name) {
    Namespace ns = namespaceIndex.get(name);
    return ns != null ? ns.labels() : new Labels(Map.of(PlatformParties.NAME_LABEL, name), false);
  }

  /**
   * Namespaces a selector may select (TRUE or UNKNOWN): a lookup by its first {@code matchLabels}
   * pair, a scan otherwise.
   */
  List<String> namespacesMatching(Selector selector) {
    Iterable<String> pool = namespaces.keySet();
    if (selector.labelCount() > 0) {
      pool = namespacesByLabel.getOrDefault(selector.labelKey(0), Map.of()).getOrDefault(selector.labelValue(0), Set.of());
    }
    List<String> out = new ArrayList<>();
    for (String ns : pool) {
      if (selector.matches(namespaceIndex.get(ns).labels()) != Tri.FALSE) {
        out.add(ns);
      }
    }
    return out;
  }

  List<Party> partiesIn(String namespace) {
    return byNamespace.getOrDefault(namespace, List.of());
  }

  /** Workloads (services and gateways) in the overlay, in a stable order. */
  List<Party> workloads() {
    return parties.values().stream()
        .filter(p -> p.kind() == Party.Kind.SERVICE || p.kind() == Party.Kind.GATEWAY).toList();
  }
}
