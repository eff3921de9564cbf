package io.meshplate.reach;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The way from the internet to a tenant service: the router accepts a host only through a Route
 * ({@code route.openshift.io/v1}) to the gateway Service, on the port {@code port.targetPort}
 * names; the gateway pods must accept the router (NetworkPolicy); a Gateway server on that
 * listener must terminate TLS for the host (a passthrough Route hands the client's TLS to it); the
 * gateway's AuthorizationPolicy, then the VirtualServices bound to the Gateway for the host, decide
 * where each request goes; from there it is an ordinary mesh hop to the service. Without a Route
 * the host is not reachable from outside: the gateway Service is ClusterIP.
 */
final class IngressChain {
  private final Evaluator evaluator;
  private final Mesh mesh;

  IngressChain(Evaluator evaluator) {
    this.evaluator = evaluator;
    this.mesh = evaluator.mesh;
  }

  /**
   * Every namespace whose objects or parties the flows of {@code host} may read: those of the
   * Routes, Gateways and VirtualServices naming it (wildcard and short VirtualService hosts
   * included), those their route destinations name (a short host: the VirtualService's own), and
   * those of the services declared behind it. With its Route in the gateway's namespace, the
   * gateway pods, their Service and the Gateways selecting them (scoped to their namespace, or
   * any tenant's Gateway sends a gate back to a whole evaluation) lie in one of them. A gate
   * evaluates the host again when one of them changed ({@link GateMemory}).
   */
  Set<String> namespacesRead(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    Set<String> out = new TreeSet<>();
    mesh.routesFor(h).forEach(r -> out.add(r.namespace()));
    mesh.gatewaysServing(h).forEach(g -> out.add(g.namespace()));
    for (VirtualServiceFact vs : mesh.virtualServicesFor(h)) {
      out.add(vs.namespace());
      for (VirtualServiceFact.HttpRoute route : vs.http()) {
        for (VirtualServiceFact.Destination d : route.destinations()) {
          if (d.host() != null) {
            String[] labels = d.host().split("\\.");
            out.add(labels.length < 2 ? vs.namespace() : Hosts.lower(labels[1]));
          }
        }
      }
    }
    for (Declared.Ingress d : evaluator.declared.ingress(h)) {
      Party to = mesh.parties.get(d.to());
      if (to != null) {
        out.add(to.namespace());
      }
    }
    return out;
  }

  /** One flow per destination the host reaches or is declared to reach. */
  List<Evaluation> flows(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    Party internet = mesh.platform.internet;
    List<Check> common = new ArrayList<>();
    List<RouteFact> routes = mesh.routesFor(h);
    Party gateway = null;
    int podPort = 0;
    Map<String, Destination> destinations = new LinkedHashMap<>();
    for (Declared.Ingress d : evaluator.declared.ingress(h)) {
      Party to = mesh.parties.get(d.to());
      if (to != null) {
        destinations.putIfAbsent(d.to() + ":" + d.port(), new Destination(to, d.port(), new BitSet()));
      }
    }
    Check route = route(h, routes);
    common.add(route);
    RouteFact r = routes.size() == 1 ? routes.get(0) : null;
    ServiceFact service = r == null ? null : service(r);
    if (route.outcome() != Tri.FALSE && service != null) {
      podPort = podPort(r, service);
      for (Party p : mesh.partiesIn(r.namespace())) {
        if (p.kind() == Party.Kind.GATEWAY && Selector.selects(service.selector(), p.podLabels())) {
          gateway = p;
          break;
        }
      }
    } else if (route.outcome() == Tri.FALSE) {
      // The router stops the host; the rest of the way is judged as if a Route led to the gateway
      // whose Gateway terminates TLS for it, so each layer's own answer stays visible.
      for (GatewayFact g : mesh.gatewaysServing(h)) {
        for (Party p : mesh.partiesIn(g.namespace())) {
          if (gateway == null && p.kind() == Party.Kind.GATEWAY && Selector.selects(g.selector(), p.podLabels())) {
            for (GatewayFact.Server server : g.servers()) {
              if (gateway == null && server.terminatesTls()
                  && server.hosts().stream().anyMatch(e -> serverHostCovers(e, g.namespace(), h))) {
                gateway = p;
                podPort = evaluator.podPort(p, g, server);
              }
            }
          }
        }
      }
    }
    ProbeSpace space = space(h, gateway, destinations);
    if (gateway == null) {
      if (route.outcome() != Tri.FALSE) {
        common.add(Check.deny(Layer.GATEWAY, "no gateway pods behind the Route's Service",
            r == null ? List.of() : List.of(r.ref())));
      }
      return finish(internet, h, space, common, destinations, null);
    }
    PortSpec listener = new PortSpec(podPort, "HTTPS", true);
    common.add(evaluator.networkPolicies.ingress(gateway, mesh.platform.router, podPort, "TCP"));
    common.add(server(gateway, r, listener, h));
    common.add(evaluator.authorizations.decide(Layer.GATEWAY_AUTHORIZATION, gateway, Authorizations.Identity.NONE,
        listener, space));
    routing(gateway, h, listener, space, destinations);
    return finish(internet, h, space, common, destinations, gateway);
  }

  /** A destination of the host: a service port, and the requests routed there. */
  private record Destination(Party to, int port, BitSet routed) {}

  private List<Evaluation> finish(Party internet, String host, ProbeSpace space, List<Check> common,
      Map<String, Destination> destinations, Party gateway) {
    List<Evaluation> out = new ArrayList<>();
    for (Destination d : destinations.values()) {
      PortSpec port = d.to().port(d.port(), "TCP");
      if (port == null) {
        port = new PortSpec(d.port(), "TCP", true);
      }
      List<Check> checks = new ArrayList<>(common);
      if (gateway != null) {
        checks.add(Check.requests(Layer.ROUTING, d.routed(), new BitSet(),
            d.routed().isEmpty() ? "no VirtualService bound to the gateway sends " + host + " to " + d.to().id() + ":" + d.port()
                : "routed to " + d.to().id() + ":" + d.port(), routeRefs));
        Evaluation hop = evaluator.connect(gateway, d.to(), port, space);
        hop.checks().stream().filter(c -> c.layer() != Layer.SIDECAR).forEach(checks::add);
      }
      out.add(Evaluation.of(Family.INGRESS, internet, d.to(), port, host, space, checks, "TLS to the gateway, mTLS behind it"));
    }
    return out;
  }

  private final List<Ref> routeRefs = new ArrayList<>();

  private ProbeSpace space(String host, Party gateway, Map<String, Destination> destinations) {
    Set<StringMatch> methods = new LinkedHashSet<>();
    Set<StringMatch> paths = new LinkedHashSet<>();
    Set<StringMatch> hosts = new LinkedHashSet<>(List.of(StringMatch.host(host), StringMatch.host(host + ":*")));
    Set<StringMatch> ignoredHosts = new LinkedHashSet<>();
    if (gateway != null) {
      evaluator.authorizations.patterns(gateway, methods, paths, ignoredHosts);
      for (VirtualServiceFact vs : boundServices(gateway, host)) {
        for (VirtualServiceFact.HttpRoute route : vs.http()) {
          for (VirtualServiceFact.Match m : route.matches()) {
            if (m.exact() != null) {
              paths.add(StringMatch.of(m.exact()));
            }
            if (m.prefix() != null) {
              paths.add(StringMatch.of(m.prefix() + "*"));
            }
          }
          for (VirtualServiceFact.Destination d : route.destinations()) {
            Party to = resolve(d.host(), vs.namespace());
            if (to != null) {
              evaluator.authorizations.patterns(to, methods, paths, ignoredHosts);
              evaluator.declared.patterns(to, methods, paths, ignoredHosts);
            }
          }
        }
      }
    }
    for (Destination d : destinations.values()) {
      evaluator.authorizations.patterns(d.to(), methods, paths, ignoredHosts);
      evaluator.declared.patterns(d.to(), methods, paths, ignoredHosts);
    }
    for (Declared.Ingress d : evaluator.declared.ingress(host)) {
      d.prefixes().forEach(p -> paths.add(StringMatch.of(p + "*")));
    }
    // The router hands over requests for this host only: other Host headers belong to other flows.
    return ProbeSpace.http(methods, paths, hosts).restrict(p -> !p.host().startsWith(ProbeSpace.OTHER));
  }

  private Check route(String host, List<RouteFact> routes) {
    if (routes.isEmpty()) {
      return Check.deny(Layer.ROUTE, "no Route exposes " + host
          + ": the router does not accept it and the gateway Service is not reachable from outside", List.of());
    }
    if (routes.size() > 1) {
      return Check.unknown(Layer.ROUTE, "several Routes claim " + host + " (the router admits the oldest)",
          routes.stream().map(RouteFact::ref).toList());
    }
    RouteFact r = routes.get(0);
    if (!r.unknown().isEmpty()) {
      return Check.unknown(Layer.ROUTE, "Route fields not evaluated: " + r.unknown(), List.of(r.ref()));
    }
    if (!"Service".equals(r.toKind()) || r.weight() != null && r.weight() == 0) {
      return Check.deny(Layer.ROUTE, "the Route sends no traffic to a Service", List.of(r.ref()));
    }
    ServiceFact service = service(r);
    if (service == null) {
      return Check.deny(Layer.ROUTE, "the Route's Service " + r.toName() + " is not rendered", List.of(r.ref()));
    }
    if (r.path() != null && !r.path().isEmpty() && !"/".equals(r.path())) {
      return Check.unknown(Layer.ROUTE, "path-based Routes are not evaluated", List.of(r.ref()));
    }
    if (podPort(r, service) == 0) {
      return Check.deny(Layer.ROUTE, "the Route's port " + (r.targetName() != null ? r.targetName() : r.targetNumber())
          + " is not a port of Service " + service.name(), List.of(r.ref(), service.ref()));
    }
    if (!"passthrough".equals(r.termination())) {
      return Check.unknown(Layer.ROUTE, "TLS termination " + r.termination()
          + " at the router is not evaluated (the gateway terminates TLS)", List.of(r.ref()));
    }
    return Check.pass(Layer.ROUTE, "the router passes TLS for " + host + " through to Service " + service.name()
        + " port " + podPort(r, service), List.of(r.ref(), service.ref()));
  }

  private ServiceFact service(RouteFact r) {
    return mesh.scope(r.namespace()).services.stream().filter(s -> s.name().equals(r.toName())).findFirst().orElse(null);
  }

  /** The pod port the router connects to: a named Service port's target, or the number itself if a Service port targets it. */
  private static int podPort(RouteFact r, ServiceFact service) {
    if (r.targetName() != null) {
      ServiceFact.Port p = service.port(r.targetName());
      return p == null || p.podPort() == null ? 0 : p.podPort();
    }
    if (r.targetNumber() != null) {
      return service.ports().stream().anyMatch(p -> r.targetNumber().equals(p.podPort())) ? r.targetNumber() : 0;
    }
    return service.ports().size() == 1 && service.ports().get(0).podPort() != null ? service.ports().get(0).podPort() : 0;
  }

  private Check server(Party gateway, RouteFact route, PortSpec listener, String host) {
    for (GatewayFact g : mesh.gatewaysSelecting(gateway)) {
      for (GatewayFact.Server s : g.servers()) {
        if (evaluator.podPort(gateway, g, s) != listener.port()) {
          continue;
        }
        boolean covers = s.hosts().stream().anyMatch(e -> serverHostCovers(e, g.namespace(), host));
        if (!covers) {
          continue;
        }
        if (!s.terminatesTls()) {
          return Check.deny(Layer.GATEWAY, "the Route passes TLS through but " + g.ref().shortObject()
              + " serves " + s.protocol() + " on that port", List.of(s.ref()));
        }
        return Check.pass(Layer.GATEWAY, () -> g.ref().shortObject() + " terminates TLS for " + host, List.of(s.ref()));
      }
    }
    return Check.deny(Layer.GATEWAY, "no Gateway server for " + host + " on gateway port " + listener.port(),
        route == null ? List.of() : List.of(route.ref()));
  }

  /** A Gateway server host {@code ns/host}: the namespace restricts which VirtualServices bind, the host the SNI. */
  private static boolean serverHostCovers(String entry, String gatewayNamespace, String host) {
    String pattern = entry.contains("/") ? entry.substring(entry.indexOf('/') + 1) : entry;
    return Hosts.covers(pattern, null, host);
  }

  /** VirtualServices for {@code host} bound to a Gateway selecting {@code gateway}, visible to the gateway's namespace. */
  private List<VirtualServiceFact> boundServices(Party gateway, String host) {
    List<VirtualServiceFact> out = new ArrayList<>();
    for (GatewayFact g : mesh.gatewaysSelecting(gateway)) {
      {
        for (VirtualServiceFact vs : mesh.virtualServicesFor(host)) {
          boolean bound = vs.gateways().stream().anyMatch(name -> name.equals(g.namespace() + "/" + g.name())
              || name.equals(g.name()) && vs.namespace().equals(g.namespace()));
          boolean allowedNamespace = g.servers().stream().flatMap(s -> s.hosts().stream()).anyMatch(e ->
              serverHostCovers(e, g.namespace(), host) && bindable(e, g.namespace(), vs.namespace()));
          List<String> exportTo = vs.exportTo() == null ? List.of("*") : vs.exportTo();
          if (bound && allowedNamespace && Hosts.exported(exportTo, vs.namespace(), gateway.namespace())
              && vs.hosts().stream().anyMatch(h -> Hosts.covers(h, vs.namespace(), host))) {
            out.add(vs);
          }
        }
      }
    }
    return out;
  }

  /** Server host {@code ./h} binds VirtualServices of the Gateway's namespace only, {@code ns/h} of ns, {@code h} or {@code * /h} any. */
  private static boolean bindable(String entry, String gatewayNamespace, String vsNamespace) {
    if (!entry.contains("/")) {
      return true;
    }
    String ns = entry.substring(0, entry.indexOf('/'));
    return ns.equals("*") || ns.equals(".") && gatewayNamespace.equals(vsNamespace) || ns.equals(vsNamespace);
  }

  private void routing(Party gateway, String host, PortSpec listener, ProbeSpace space,
      Map<String, Destination> destinations) {
    List<VirtualServiceFact> services = boundServices(gateway, host);
    routeRefs.clear();
    if (services.size() > 1) {
      routeRefs.addAll(services.stream().map(VirtualServiceFact::ref).toList());
    }
    // One VirtualService for the host routes it; several (or one the model does not read whole) route nothing known.
    VirtualServiceFact vs = services.size() == 1 && services.get(0).unknown().isEmpty() ? services.get(0) : null;
    for (int i = 0; vs != null && i < space.size(); i++) {
      String path = space.probes.get(i).path();
      List<VirtualServiceFact.HttpRoute> routes = vs.http();
      for (int n = 0; n < routes.size(); n++) { // not for-each: see NetworkPolicies#evaluate
        VirtualServiceFact.HttpRoute route = routes.get(n);
        if (!route.unknown().isEmpty() || !matches(route, path, listener)) {
          continue;
        }
        if (route.destinations().size() == 1 && !route.answersItself()) {
          VirtualServiceFact.Destination d = route.destinations().get(0);
          Party to = resolve(d.host(), vs.namespace());
          Integer port = d.port() != null ? d.port() : to == null ? null : onlyPort(to);
          if (to != null && port != null) {
            destinations.computeIfAbsent(to.id() + ":" + port, k -> new Destination(to, port, new BitSet()))
                .routed().set(i);
            routeRefs.add(d.ref());
          }
        }
        break;
      }
    }
  }

  private static boolean matches(VirtualServiceFact.HttpRoute route, String path, PortSpec listener) {
    if (route.matches().isEmpty()) {
      return true;
    }
    for (int i = 0; i < route.matches().size(); i++) {
      VirtualServiceFact.Match m = route.matches().get(i);
      if (m.unknown().isEmpty() && m.gateways().isEmpty() && m.port() == null && m.matchesUri(path)) {
        return true;
      }
    }
    return false;
  }

  private Party resolve(String host, String namespace) {
    if (host == null) {
      return null;
    }
    String fqdn = host.contains(".") ? host : host + "." + namespace + ".svc.cluster.local";
    return mesh.byHost.get(fqdn.toLowerCase(Locale.ROOT));
  }

  private static Integer onlyPort(Party to) {
    List<PortSpec> captured = to.ports().stream().filter(PortSpec::captured).toList();
    return captured.size() == 1 ? captured.get(0).port() : null;
  }
}
