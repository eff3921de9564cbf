package io.meshplate.reach;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flows the descriptors of one overlay declare, and the platform flows the templates
 * document. A call between services is declared when the callee's {@code allow} names the
 * caller and the caller lists the callee in {@code calls} (or both are in one tenant); an allow
 * without the matching call is reported instead ({@code REACH-NOT-CALLED}). A rule covers the
 * ports it names ({@code ports}), every port of the service without them; its methods and paths
 * apply on HTTP ports (the descriptor refuses them on a rule covering a TCP or TLS port), and on
 * TCP and TLS ports the rule declares the connection. The platform flows the templates document:
 * every tenant pod to DNS ({@code dns.ports}), to istiod ({@code mesh.istiodPorts}) and to the
 * tracing collector its proxy sends spans to ({@code telemetry.tracing}: the tenant
 * network-policy.yaml.ftl opens it, the control plane's extension provider names it),
 * user-workload monitoring to every tenant proxy ({@code monitoring.proxyPorts}), and anyone (the
 * router above all) to a tenant gateway for the tenant's own ingress hosts.
 */
final class Declared {
  /** One declared permission; empty port, method or path lists mean any. */
  record Rule(Ref ref, Set<Integer> ports, List<StringMatch> methods, List<StringMatch> paths) {}

  /** A declared external host, as the caller's application uses it. */
  record Egress(Ref ref, String host, int appPort, String wire) {}

  /** A declared ingress host routed to a service port under path prefixes. */
  record Ingress(Ref ref, String host, String to, int port, List<String> prefixes) {}

  /** A callee allowing a caller that does not call it. */
  record NotCalled(Ref ref, String caller, String callee) {}

  /** An ingress host routed to a service port on which no rule allows its tenant's gateway. */
  record NotAllowed(Ref ref, String host, String service, int port) {}

  private final Mesh mesh;
  /** caller id to callee id to the rules of the callee's descriptor that allow the caller (looked up per flow) */
  private final Map<String, Map<String, List<Rule>>> calls = new HashMap<>();
  /** callee id to its declared callers, and caller id to its declared callees: lookups, not scans */
  private final Map<String, List<String>> callersByCallee = new HashMap<>();
  private final Map<String, List<String>> calleesByCaller = new HashMap<>();
  private final Map<String, List<Egress>> egress = new HashMap<>();
  private final Map<String, List<Ingress>> ingress = new HashMap<>();
  /** callee id to its rules for requests from its tenant's ingress gateway */
  private final Map<String, List<Rule>> fromIngress = new HashMap<>();
  /** tenant to the patterns of its ingress hosts, with and without a port: {@code h}, {@code h:*} */
  private final Map<String, List<StringMatch>> hostMatches = new HashMap<>();
  final List<NotCalled> notCalled = new ArrayList<>();
  final List<NotAllowed> notAllowed = new ArrayList<>();

  Declared(Mesh mesh) {
    this.mesh = mesh;
    for (TenantIntent t : mesh.intents.values()) {
      for (TenantIntent.ServiceIntent s : t.services()) {
        String callee = t.tenant() + "/" + s.name();
        for (TenantIntent.AllowIntent allow : s.allow()) {
          Rule rule = new Rule(allow.ref(), allow.ports(), matches(allow.methods()), matches(allow.paths()));
          if (allow.ingress()) {
            if (!t.hosts().isEmpty()) {
              fromIngress.computeIfAbsent(callee, k -> new ArrayList<>()).add(rule);
            }
            continue;
          }
          TenantIntent caller = mesh.intents.get(allow.tenant());
          if (caller == null) {
            continue; // the caller's tenant does not render to this overlay
          }
          if (!caller.tenant().equals(t.tenant()) && !caller.calls(t.tenant(), s.name())) {
            notCalled.add(new NotCalled(allow.ref(), caller.tenant() + "/" + allow.service(), callee));
            continue;
          }
          String callerId = allow.tenant() + "/" + allow.service();
          if (rules(callerId, callee) == null) {
            callersByCallee.computeIfAbsent(callee, k -> new ArrayList<>()).add(callerId);
            calleesByCaller.computeIfAbsent(callerId, k -> new ArrayList<>()).add(callee);
          }
          calls.computeIfAbsent(callerId, k -> new HashMap<>()).computeIfAbsent(callee, k -> new ArrayList<>()).add(rule);
        }
      }
      for (TenantIntent.EgressIntent e : t.egress()) {
        for (TenantIntent.ServiceIntent s : t.services()) {
          egress.computeIfAbsent(t.tenant() + "/" + s.name(), k -> new ArrayList<>()).add(new Egress(e.ref(), e.host(),
              e.originate() ? 80 : e.port(), e.originate() ? "TLS originated, server verified" : "application TLS"));
        }
      }
      for (TenantIntent.HostIntent h : t.hosts()) {
        TenantIntent.ServiceIntent target = t.service(h.service());
        if (target != null && target.allow().stream().noneMatch(a -> a.ingress() && a.covers(h.port()))) {
          notAllowed.add(new NotAllowed(h.ref(), h.fqdn(), t.tenant() + "/" + h.service(), h.port()));
        }
        ingress.computeIfAbsent(h.fqdn(), k -> new ArrayList<>())
            .add(new Ingress(h.ref(), h.fqdn(), t.tenant() + "/" + h.service(), h.port(), h.paths()));
        hostMatches.computeIfAbsent(t.tenant(), k -> new ArrayList<>())
            .addAll(List.of(StringMatch.host(h.fqdn()), StringMatch.host(h.fqdn() + ":*")));
      }
    }
  }

  /** The rules that allow {@code caller} to call {@code callee}, or null when none does. */
  private List<Rule> rules(String caller, String callee) {
    Map<String, List<Rule>> byCallee = calls.get(caller);
    return byCallee == null ? null : byCallee.get(callee);
  }

  private static List<StringMatch> matches(List<String> values) {
    return values.stream().map(StringMatch::of).toList();
  }

  /** Method and path patterns declared for calls to {@code callee}, for the sample requests. */
  void patterns(Party callee, Set<StringMatch> methods, Set<StringMatch> paths, Set<StringMatch> hosts) {
    for (String caller : callersOf(callee)) {
      rules(caller, callee.id()).forEach(r -> {
        methods.addAll(r.methods());
        paths.addAll(r.paths());
      });
    }
    fromIngress.getOrDefault(callee.id(), List.of()).forEach(r -> {
      methods.addAll(r.methods());
      paths.addAll(r.paths());
    });
    if (callee.kind() == Party.Kind.GATEWAY) {
      hosts.addAll(hostMatches.getOrDefault(callee.tenant(), List.of()));
    }
  }

  /** Path prefixes declared for an ingress host, as patterns. */
  List<Ingress> ingress(String host) {
    return ingress.getOrDefault(host, List.of());
  }

  Collection<String> ingressHosts() {
    return ingress.keySet();
  }

  List<Egress> egressOf(Party caller) {
    return egress.getOrDefault(caller.id(), List.of());
  }

  /** Callees {@code caller} is declared to reach (for candidates). */
  List<String> calleesOf(Party caller) {
    return calleesByCaller.getOrDefault(caller.id(), List.of());
  }

  /** Callers declared for {@code callee} (for candidates). */
  List<String> callersOf(Party callee) {
    return callersByCallee.getOrDefault(callee.id(), List.of());
  }

  /** The declared requests of an evaluated flow, over its sample space (empty: undeclared). */
  BitSet requests(Evaluation e) {
    BitSet out = new BitSet(e.space().size());
    switch (e.family()) {
      case EGRESS -> {
        if (egressOf(e.from()).stream().anyMatch(d -> e.to().hosts().contains(d.host()) && d.appPort() == e.port().port())) {
          out.set(0, e.space().size());
        }
      }
      case INGRESS -> {
        for (Ingress d : ingress(e.via())) {
          if (d.to().equals(e.to().id()) && d.port() == e.port().port()) {
            for (int i = 0; i < e.space().size(); i++) {
              if (startsWithAny(e.space().probes.get(i).path(), d.prefixes())) {
                out.set(i);
              }
            }
          }
        }
        out.and(rules(fromIngress.getOrDefault(e.to().id(), List.of()), e));
      }
      default -> {
        return connection(e);
      }
    }
    return out;
  }

  /** Asked for every sample path of every ingress flow: a loop, not a stream. */
  private static boolean startsWithAny(String path, List<String> prefixes) {
    for (int i = 0; i < prefixes.size(); i++) {
      if (path.startsWith(prefixes.get(i))) {
        return true;
      }
    }
    return false;
  }

  private BitSet connection(Evaluation e) {
    Party from = e.from();
    Party to = e.to();
    PortSpec port = e.port();
    BitSet out = new BitSet(e.space().size());
    if (to.kind() == Party.Kind.PLATFORM) {
      boolean tenantPod = from.tenant() != null;
      boolean listed = false;
      for (int i = 0; i < to.ports().size(); i++) { // not for-each: see NetworkPolicies#evaluate
        PortSpec p = to.ports().get(i);
        listed |= p.port() == port.port() && p.transport().equals(port.transport());
      }
      if (tenantPod && listed && mesh.platform.services().contains(to)) {
        out.set(0, e.space().size());
      }
      return out;
    }
    if (!port.captured()) {
      boolean proxyPort = false;
      for (int i = 0; i < mesh.platform.proxyPorts.size(); i++) {
        proxyPort |= mesh.platform.proxyPorts.get(i).port() == port.port();
      }
      if (PlatformParties.MONITORING.equals(from.id()) && proxyPort && to.tenant() != null) {
        out.set(0, e.space().size());
      }
      return out;
    }
    if (to.kind() == Party.Kind.GATEWAY) {
      List<StringMatch> hosts = hostMatches.getOrDefault(to.tenant(), List.of());
      for (int i = 0; i < e.space().size() && e.space().http; i++) {
        String host = e.space().probes.get(i).host();
        if (host != null && StringMatch.any(hosts, host) == Tri.TRUE) {
          out.set(i);
        }
      }
      return out;
    }
    List<Rule> rules = rules(from.id(), to.id());
    return rules(rules == null ? List.of() : rules, e);
  }

  /** The samples any of {@code rules} admits on the flow's port: methods and paths on HTTP, the connection on TCP. */
  private static BitSet rules(List<Rule> rules, Evaluation e) {
    BitSet out = new BitSet(e.space().size());
    for (int n = 0; n < rules.size(); n++) { // not for-each: see NetworkPolicies#evaluate
      Rule r = rules.get(n);
      if (!r.ports().isEmpty() && !r.ports().contains(e.port().port())) {
        continue;
      }
      for (int i = 0; i < e.space().size(); i++) {
        ProbeSpace.Probe probe = e.space().probes.get(i);
        boolean methods = !e.space().http || r.methods().isEmpty() || StringMatch.any(r.methods(), probe.method()) == Tri.TRUE;
        boolean paths = !e.space().http || r.paths().isEmpty() || StringMatch.any(r.paths(), probe.path()) == Tri.TRUE;
        if (methods && paths) {
          out.set(i);
        }
      }
    }
    return out;
  }

  /**
   * Whether a declared flow must work, not only may: everything declared must, except calls to a
   * tenant gateway, which anyone may make (it is public) but only the router needs, on the
   * listener that terminates TLS.
   */
  boolean obligation(Evaluation e) {
    if (e.to().kind() == Party.Kind.GATEWAY && e.port().captured()) {
      return PlatformParties.ROUTER.equals(e.from().id()) && "HTTPS".equals(e.port().protocol());
    }
    return true;
  }

  /** The first declaration behind a flow, for citations. */
  Ref source(Evaluation e) {
    if (e.family() == Family.EGRESS) {
      return egressOf(e.from()).stream().filter(d -> e.to().hosts().contains(d.host())).map(Egress::ref).findFirst().orElse(null);
    }
    if (e.family() == Family.INGRESS) {
      return ingress(e.via()).stream().filter(d -> d.to().equals(e.to().id())).map(Ingress::ref).findFirst().orElse(null);
    }
    List<Rule> rules = rules(e.from().id(), e.to().id());
    return rules == null || rules.isEmpty() ? null : rules.get(0).ref();
  }

  /** The TLS the descriptor asks for on a declared egress flow, or null. */
  String wire(Evaluation e) {
    return egressOf(e.from()).stream()
        .filter(d -> e.to().hosts().contains(d.host()) && d.appPort() == e.port().port())
        .map(Egress::wire).findFirst().orElse(null);
  }
}
