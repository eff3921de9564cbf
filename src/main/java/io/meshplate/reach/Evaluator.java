package io.meshplate.reach;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one flow candidate through every layer of one overlay's {@link Mesh}. Each layer
 * answers separately (a blocked flow names every layer that blocks it, which is what defence in
 * depth means); the flow passes where all of them do.
 */
final class Evaluator {
  final Mesh mesh;
  final Declared declared;
  final NetworkPolicies networkPolicies;
  final Authorizations authorizations;
  final Sidecars sidecars;
  final ClientTls tls;
  final PeerAuthentications peerAuthentications;
  private final Memo<String, ProbeSpace> spaces;
  /**
   * Spaces by the patterns they are made from: most workloads of an overlay are called with the
   * same methods, paths and hosts, and share one space (and its samples) instead of building
   * their own.
   */
  private final Memo<List<Set<StringMatch>>, ProbeSpace> spacesByPatterns;
  private final Memo<String, Party> externals;
  /** Whether the overlay has any object the model does not evaluate (most have none). */
  private final boolean opaque;
  /** A gate needs the verdict only: stop at the first layer that denies everything. */
  private final boolean verdictOnly;

  Evaluator(Mesh mesh) {
    this(mesh, false);
  }

  /** @param verdictOnly stop at the first layer that denies (reports want every layer's answer) */
  Evaluator(Mesh mesh, boolean verdictOnly) {
    this.verdictOnly = verdictOnly;
    this.mesh = mesh;
    this.declared = new Declared(mesh);
    this.networkPolicies = new NetworkPolicies(mesh);
    this.authorizations = new Authorizations(mesh);
    this.sidecars = new Sidecars(mesh);
    this.tls = new ClientTls(mesh);
    this.peerAuthentications = new PeerAuthentications(mesh);
    this.spaces = new Memo<>();
    this.spacesByPatterns = new Memo<>();
    this.externals = new Memo<>();
    this.opaque = !mesh.opaque().isEmpty();
  }

  private Evaluator(Evaluator layers, boolean verdictOnly) {
    this.verdictOnly = verdictOnly;
    this.mesh = layers.mesh;
    this.declared = layers.declared;
    this.networkPolicies = layers.networkPolicies;
    this.authorizations = layers.authorizations;
    this.sidecars = layers.sidecars;
    this.tls = layers.tls;
    this.peerAuthentications = layers.peerAuthentications;
    this.spaces = layers.spaces;
    this.spacesByPatterns = layers.spacesByPatterns;
    this.externals = layers.externals;
    this.opaque = layers.opaque;
  }

  /**
   * This evaluator's model and layers, stopping at the first layer that denies or not: a gate and
   * the report made after it over the same mesh share the layers' indexes and the sample spaces
   * instead of building them twice. None of them depends on where a flow's evaluation stops.
   */
  Evaluator stoppingAtDenial(boolean verdictOnly) {
    return verdictOnly == this.verdictOnly ? this : new Evaluator(this, verdictOnly);
  }

  /** The sample requests for a port of a workload: every pattern its policies and its declarations use. */
  ProbeSpace space(Party to, PortSpec port) {
    if (!port.http() || !port.captured()) {
      return ProbeSpace.TCP;
    }
    return spaces.get(to.id(), id -> {
      Set<StringMatch> methods = new LinkedHashSet<>();
      Set<StringMatch> paths = new LinkedHashSet<>();
      Set<StringMatch> hosts = new LinkedHashSet<>();
      patterns(to, methods, paths, hosts);
      return spacesByPatterns.get(List.of(methods, paths, hosts), k -> ProbeSpace.http(methods, paths, hosts));
    });
  }

  /** The method, path and host patterns the policies and declarations of {@code to} use. */
  void patterns(Party to, Set<StringMatch> methods, Set<StringMatch> paths, Set<StringMatch> hosts) {
    authorizations.patterns(to, methods, paths, hosts);
    declared.patterns(to, methods, paths, hosts);
    if (to.kind() == Party.Kind.GATEWAY) {
      gatewayHosts(to, hosts);
    }
  }

  private void gatewayHosts(Party gateway, Set<StringMatch> hosts) {
    for (GatewayFact g : mesh.gatewaysSelecting(gateway)) {
      for (GatewayFact.Server server : g.servers()) {
        for (String h : server.hosts()) {
          String host = h.contains("/") ? h.substring(h.indexOf('/') + 1) : h;
          hosts.add(StringMatch.host(host.startsWith("*") ? host : host));
        }
      }
    }
  }

  /** An external host as a party, one per host. */
  Party external(String host) {
    return externals.get(host, h -> new Party(PlatformParties.EXTERNAL + h, Party.Kind.EXTERNAL, null, null,
        new Labels(Map.of(), false), null, Tri.FALSE, true, List.of(), List.of(h), new Ref("external", 0, "", h)));
  }

  /** A connection from {@code from} to a pod port of {@code to} (a workload or a platform party). */
  Evaluation connect(Party from, Party to, PortSpec port) {
    return connect(from, to, port, space(to, port));
  }

  /** As {@link #connect(Party, Party, PortSpec)} over a given sample space (the hop of an ingress flow). */
  Evaluation connect(Party from, Party to, PortSpec port, ProbeSpace space) {
    List<Check> checks = new ArrayList<>();
    checks.add(workload(from, to));
    Family family = from.kind() == Party.Kind.PLATFORM || to.kind() == Party.Kind.PLATFORM ? Family.PLATFORM : Family.MESH;
    if (stopped(checks)) {
      return Evaluation.of(family, from, to, port, null, space, checks, "none");
    }
    unmodelled(from, to, checks);
    boolean platform = to.kind() == Party.Kind.PLATFORM;
    boolean mtls = false;
    String wire;
    String host = to.hosts().isEmpty() ? to.id() : to.hosts().get(0);
    if (platform && to == mesh.platform.tracing) {
      checks.add(sidecars.imports(from, host, to.namespace(), port.port()));
      wire = "the proxy's own spans (OTLP/gRPC)";
    } else if (platform) {
      checks.add(OUTSIDE_ROUTING);
      wire = "direct";
    } else if (from.kind() == Party.Kind.SERVICE && from.mesh() != Tri.FALSE) {
      boolean defined = port.captured() && to.mesh() == Tri.TRUE
          && Hosts.exported(mesh.settings.serviceExportTo(), to.namespace(), from.namespace());
      Sidecars.Route route = sidecars.route(from, port.captured() ? host : "a pod address of " + to.id(),
          to.namespace(), port.port(), defined, null);
      checks.add(route.check());
      if (stopped(checks)) {
        return Evaluation.of(family, from, to, port, null, space, checks, "none");
      }
      // Traffic the Sidecar sends nowhere never reaches the later layers; they are judged as if
      // it had been routed, so each layer's own answer stays visible (defence in depth).
      boolean asRouted = route.routed() || route.check().outcome() != Tri.TRUE;
      if (asRouted && to.kind() == Party.Kind.SERVICE) {
        ClientTls.Tls t = tls.inMesh(from, to, port.port(), host);
        checks.add(t.check());
        mtls = t.mtls();
        wire = t.wire();
      } else {
        wire = asRouted ? "the client's own TLS" : "plaintext (passthrough)";
      }
    } else {
      wire = from.kind() == Party.Kind.GATEWAY ? "mTLS" : "direct, no proxy";
      mtls = from.kind() == Party.Kind.GATEWAY;
    }
    checks.add(networkPolicies.egress(from, to, port.port(), port.transport()));
    if (!stopped(checks)) {
      checks.add(networkPolicies.ingress(to, from, port.port(), port.transport()));
    }
    if (!stopped(checks) && !platform && port.captured() && to.mesh() != Tri.FALSE) {
      Authorizations.Identity identity = Authorizations.Identity.NONE;
      if (to.kind() == Party.Kind.SERVICE) {
        PeerAuthentications.Accepted accepted = peerAuthentications.accepts(to, port.port(), mtls);
        checks.add(accepted.check());
        if (accepted.identity()) {
          identity = new Authorizations.Identity(from.principal(mesh.settings.trustDomain()), from.namespace());
        }
        if (!stopped(checks)) {
          checks.add(authorizations.decide(Layer.AUTHORIZATION, to, identity, port, space));
        }
      } else {
        checks.add(authorizations.decide(Layer.GATEWAY_AUTHORIZATION, to, identity, port, space));
        checks.add(served(to, port, space));
      }
    }
    return Evaluation.of(family, from, to, port, null, space, checks, wire);
  }

  /** Requests a gateway listener serves: a Gateway server for the port whose hosts cover the request's host. */
  Check served(Party gateway, PortSpec port, ProbeSpace space) {
    BitSet yes = new BitSet(space.size());
    List<Ref> refs = new ArrayList<>();
    String redirect = null;
    for (GatewayFact g : mesh.gatewaysSelecting(gateway)) {
      for (GatewayFact.Server server : g.servers()) {
        if (podPort(gateway, g, server) != port.port()) {
          continue;
        }
        if (server.httpsRedirect()) {
          redirect = server.ref().shortObject();
          continue;
        }
        List<String> patterns = new ArrayList<>(server.hosts().size()); // once per server, not per request
        for (String h : server.hosts()) {
          patterns.add(h.contains("/") ? h.substring(h.indexOf('/') + 1) : h);
        }
        for (int i = 0; i < space.size(); i++) {
          String requestHost = space.probes.get(i).host();
          if (requestHost == null) {
            continue;
          }
          int colon = requestHost.lastIndexOf(':');
          String bare = colon < 0 ? requestHost : requestHost.substring(0, colon); // without its port
          for (String pattern : patterns) {
            if (Hosts.covers(pattern, null, bare)) {
              yes.set(i);
              refs.add(server.ref());
            }
          }
        }
      }
    }
    String detail = yes.isEmpty() ? (redirect != null ? "the listener only redirects to HTTPS (" + redirect + ")"
        : "no Gateway server serves these hosts on " + port.port()) : "served by " + refs.get(0).shortObject();
    return Check.requests(Layer.GATEWAY, yes, new BitSet(), detail, refs.stream().distinct().toList());
  }

  /** The pod port a Gateway server listens on: the targetPort of the Service port with its number. */
  int podPort(Party gateway, GatewayFact g, GatewayFact.Server server) {
    for (ServiceFact service : mesh.servicesSelecting(gateway)) {
      for (ServiceFact.Port p : service.ports()) {
        if (p.port() == server.port() && p.podPort() != null) {
          return p.podPort();
        }
      }
    }
    return server.port();
  }

  /** In a gate, whether the last layer denied everything, so the rest need not be evaluated. */
  private boolean stopped(List<Check> checks) {
    Check last = checks.get(checks.size() - 1);
    return verdictOnly && last.applies() && last.outcome() == Tri.FALSE;
  }

  private Check workload(Party from, Party to) {
    Party missing = !from.identity() ? from : !to.identity() ? to : null;
    if (missing != null) {
      return Check.deny(Layer.WORKLOAD, "ServiceAccount " + missing.serviceAccount() + " of " + missing.id()
          + " is not rendered: its pods are refused by admission", List.of(missing.ref()));
    }
    return BOTH_EXIST;
  }

  private static final Check OUTSIDE_ROUTING = Check.skip(Layer.SIDECAR,
      "platform flow outside the proxy's routing (the proxy's own xDS, DNS over UDP)");
  private static final Check BOTH_EXIST = Check.skip(Layer.WORKLOAD, "both ends exist");

  /** Objects in the namespaces a flow touches that the model does not evaluate. */
  void unmodelled(Party from, Party to, List<Check> checks) {
    if (!opaque) {
      return;
    }
    List<Ref> refs = new ArrayList<>();
    Set<String> namespaces = new LinkedHashSet<>();
    for (Party p : List.of(from, to)) {
      if (p.namespace() != null && p.kind() != Party.Kind.PLATFORM && !mesh.scope(p.namespace()).opaque.isEmpty()) {
        namespaces.add(p.namespace());
      }
    }
    namespaces.add(mesh.settings.rootNamespace());
    namespaces.add(""); // cluster-scoped objects apply everywhere
    for (String ns : namespaces) {
      mesh.scope(ns).opaque.forEach(o -> refs.add(o.ref()));
    }
    if (!refs.isEmpty()) {
      checks.add(Check.unknown(Layer.UNMODELLED, "may change this traffic: "
          + String.join(", ", refs.stream().map(Ref::object).toList()), refs));
    }
  }

  /** Whether one of {@code patterns} covers {@code host} (a loop: asked for every egress flow). */
  private static boolean covered(List<String> patterns, String host) {
    for (String pattern : patterns) {
      if (Hosts.covers(pattern, null, host)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A call from a workload to an external host on the port its application uses ({@code 80}
   * for TLS origination, the host's port for its own TLS), through the ServiceEntry, the
   * Sidecar, the DestinationRule and the egress NetworkPolicy on the port that leaves the pod.
   */
  Evaluation egress(Party from, String host, int appPort) {
    Party to = external(host);
    List<Check> checks = new ArrayList<>();
    checks.add(workload(from, from));
    unmodelled(from, from, checks);
    ServiceEntryFact entry = null;
    ServiceEntryFact.Port port = null;
    Set<String> definingNamespaces = new LinkedHashSet<>();
    {
      for (ServiceEntryFact se : mesh.entriesFor(host)) {
        List<String> exportTo = se.exportTo() == null ? mesh.settings.serviceExportTo() : se.exportTo();
        if (!Hosts.exported(exportTo, se.namespace(), from.namespace()) || !covered(se.hosts(), host)) {
          continue;
        }
        definingNamespaces.add(se.namespace());
        for (ServiceEntryFact.Port p : se.ports()) {
          if (p.number() == appPort && port == null) {
            entry = se;
            port = p;
          }
        }
        if (entry == null) {
          entry = se;
        }
      }
    }
    if (definingNamespaces.size() > 1) {
      checks.add(Check.unknown(Layer.SERVICE_ENTRY, host + " is defined in several namespaces: " + definingNamespaces,
          List.of(entry.ref())));
    } else if (entry != null && !entry.unknown().isEmpty()) {
      checks.add(Check.unknown(Layer.SERVICE_ENTRY, "ServiceEntry fields not evaluated: " + entry.unknown(),
          List.of(entry.ref())));
    } else if (entry != null && port == null) {
      checks.add(Check.skip(Layer.SERVICE_ENTRY, entry.ref().shortObject() + " has no port " + appPort));
    } else if (entry != null) {
      ServiceEntryFact defining = entry;
      checks.add(Check.pass(Layer.SERVICE_ENTRY, () -> "defined by " + defining.ref().shortObject(), List.of(port.ref())));
    }
    Sidecars.Route route = sidecars.route(from, host, entry == null ? null : entry.namespace(), appPort,
        port != null, entry == null ? null : entry.ref());
    checks.add(route.check());
    int wirePort = appPort;
    String wire = "the application's own traffic (passthrough)";
    if (route.routed() && port != null) {
      ClientTls.Tls t = tls.external(from, entry, port, host);
      checks.add(t.check());
      wire = t.wire();
      wirePort = port.wirePort();
    }
    checks.add(networkPolicies.egress(from, to, wirePort, "TCP"));
    return Evaluation.of(Family.EGRESS, from, to, new PortSpec(appPort, "TCP", true), null, ProbeSpace.TCP, checks, wire);
  }
}
