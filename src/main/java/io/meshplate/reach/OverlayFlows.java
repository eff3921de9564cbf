package io.meshplate.reach;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every flow candidate of one overlay, evaluated: calls between workloads (including the
 * platform's), egress to external hosts, and the ingress hosts. Linear in the size of the
 * overlay when each layer names a bounded set of peers, as the rendered policies do.
 */
final class OverlayFlows {
  private OverlayFlows() {}

  /**
   * Evaluates every flow candidate once, handing each on as soon as it is evaluated: an overlay
   * has hundreds of thousands, and a gate needs none of them once judged.
   *
   * @param from with {@code to}, a pair asked about: every party matching both is evaluated too,
   *     so a denied pair shows which layer denies it (null: none)
   * @param each takes the evaluations, in a stable order, each flow once
   */
  static void evaluate(Evaluator evaluator, String from, String to, Consumer<Evaluation> each) {
    Mesh mesh = evaluator.mesh;
    Candidates candidates = new Candidates(evaluator);
    Once out = new Once(each);
    Map<String, Set<Party>> pairs = new LinkedHashMap<>();
    if (from != null && to != null) {
      for (Party caller : mesh.parties.values()) {
        for (Party callee : mesh.parties.values()) {
          if (caller.isPod() && callee.isPod() && matches(from, caller) && matches(to, callee)) {
            pairs.computeIfAbsent(caller.id(), k -> new LinkedHashSet<>()).add(callee);
          }
        }
      }
    }
    for (Party callee : mesh.workloads()) {
      for (Party caller : candidates.callers(callee)) {
        pairs.computeIfAbsent(caller.id(), k -> new LinkedHashSet<>()).add(callee);
      }
    }
    for (Party caller : mesh.workloads()) {
      if (caller.kind() == Party.Kind.SERVICE) {
        for (Party callee : candidates.callees(caller)) {
          pairs.computeIfAbsent(caller.id(), k -> new LinkedHashSet<>()).add(callee);
        }
      }
    }
    pairs.forEach((callerId, callees) -> {
      Party caller = mesh.parties.get(callerId);
      if (caller.kind() == Party.Kind.GATEWAY) {
        return; // a gateway sends only what its routes send: see the ingress flows
      }
      for (Party callee : callees) {
        if (callee == caller || callee.kind() == Party.Kind.EXTERNAL || callee.kind() == Party.Kind.INTERNET) {
          continue;
        }
        if (callee.kind() == Party.Kind.PLATFORM) {
          platformPorts(evaluator, caller, callee).forEach(port -> out.accept(evaluator.connect(caller, callee, port)));
          continue;
        }
        for (PortSpec port : callee.ports()) {
          out.accept(evaluator.connect(caller, callee, port));
        }
      }
    });
    for (Party pod : mesh.workloads()) {
      for (Party platform : mesh.platform.services()) {
        platformPorts(evaluator, pod, platform).forEach(port -> out.accept(evaluator.connect(pod, platform, port)));
      }
      if (pod.kind() == Party.Kind.SERVICE) {
        egress(evaluator, pod).forEach(out);
      }
    }
    Set<String> hosts = new LinkedHashSet<>(evaluator.declared.ingressHosts());
    for (Mesh.Namespace ns : mesh.namespaces.values()) {
      Facts scope = mesh.scope(ns.name());
      scope.routes.forEach(r -> {
        if (r.host() != null) {
          hosts.add(r.host().toLowerCase(java.util.Locale.ROOT));
        }
      });
      scope.gateways.forEach(g -> g.servers().forEach(s -> s.hosts().forEach(h -> {
        String host = h.contains("/") ? h.substring(h.indexOf('/') + 1) : h;
        if (!host.contains("*")) {
          hosts.add(host.toLowerCase(java.util.Locale.ROOT));
        }
      })));
    }
    IngressChain ingress = new IngressChain(evaluator);
    for (String host : hosts) {
      ingress.flows(host).forEach(out);
    }
  }

  private static boolean matches(String query, Party party) {
    return party.id().equals(query) || party.id().startsWith(query + "/");
  }

  /** Passes on the first evaluation of each flow (several candidates can name the same flow). */
  private static final class Once implements Consumer<Evaluation> {
    private final Consumer<Evaluation> each;
    private final Set<String> seen = new HashSet<>();

    Once(Consumer<Evaluation> each) {
      this.each = each;
    }

    @Override
    public void accept(Evaluation e) {
      if (seen.add(e.key())) {
        each.accept(e);
      }
    }
  }

  /** The platform party's listed ports, and any port an egress rule of the caller opens toward it. */
  private static List<PortSpec> platformPorts(Evaluator evaluator, Party caller, Party platform) {
    Set<PortSpec> ports = new LinkedHashSet<>(platform.ports());
    for (NetworkPolicyFact policy : evaluator.networkPolicies.policies(caller.namespace())) {
      if (!policy.isolatesEgress()) {
        continue;
      }
      for (NetworkPolicyFact.Rule rule : policy.egress()) {
        boolean names = rule.peers().stream().anyMatch(p -> p.cidr() == null && p.understood()
            && evaluator.networkPolicies.peer(p, policy.namespace(), platform) != Tri.FALSE);
        if (!names) {
          continue;
        }
        if (rule.ports().isEmpty()) {
          ports.add(new PortSpec(0, "TCP", false));
        }
        for (NetworkPolicyFact.PortRule p : rule.ports()) {
          if (p.port() != null) {
            ports.add(new PortSpec(p.port(), "UDP".equals(p.protocol()) ? "UDP" : "TCP", false));
          }
        }
      }
    }
    return new ArrayList<>(ports);
  }

  /** External hosts a workload's registry holds or its descriptor declares, on their ports. */
  private static List<Evaluation> egress(Evaluator evaluator, Party caller) {
    Mesh mesh = evaluator.mesh;
    Map<String, Set<Integer>> hosts = new LinkedHashMap<>();
    for (Declared.Egress d : evaluator.declared.egressOf(caller)) {
      hosts.computeIfAbsent(d.host(), h -> new LinkedHashSet<>()).add(d.appPort());
    }
    for (ServiceEntryFact se : mesh.entriesVisibleIn(caller.namespace())) {
      for (String h : se.hosts()) {
        se.ports().forEach(p -> hosts.computeIfAbsent(h, k -> new LinkedHashSet<>()).add(p.number()));
      }
    }
    List<SidecarFact> sidecars = evaluator.sidecars.sidecarsOf(caller);
    String mode = sidecars.size() == 1 && sidecars.get(0).outboundMode() != null ? sidecars.get(0).outboundMode()
        : mesh.settings.outboundMode();
    if (!"REGISTRY_ONLY".equals(mode)) {
      hosts.computeIfAbsent("*", h -> new LinkedHashSet<>()).add(443); // any host: what passthrough lets out
    }
    List<Evaluation> out = new ArrayList<>();
    hosts.forEach((host, ports) -> ports.forEach(port -> out.add(evaluator.egress(caller, host, port))));
    return out;
  }
}
