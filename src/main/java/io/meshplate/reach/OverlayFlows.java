package io.meshplate.reach;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

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
   * @param judge what to make of an evaluation; runs on every core next to the evaluation, so it
   *     must only read (the model, the declarations)
   * @param each takes the judgements, in a stable order, one per flow
   * @param changed the namespaces whose flows are evaluated (see {@link GateMemory}): a flow between
   *     workloads, to the platform or to an external host is skipped when none of its tenant ends
   *     lies in one; null evaluates every flow
   * @param hosts the ingress hosts whose flows are evaluated ({@link #ingressHosts}, or those of them
   *     whose findings are not known)
   */
  static <R> void evaluate(Evaluator evaluator, String from, String to, Function<Evaluation, R> judge,
      Consumer<R> each, Set<String> changed, List<String> hosts) {
    Mesh mesh = evaluator.mesh;
    Candidates candidates = new Candidates(evaluator);
    // An unchanged workload's flows with unchanged peers are known: only its peers in changed namespaces count.
    Candidates towardChanged = changed == null ? candidates : new Candidates(evaluator, changed::contains);
    Once<R> out = new Once<>(judge, each);
    // The ports toward a platform party depend on the caller's namespace only: worked out once per namespace.
    Memo<Toward, List<PortSpec>> towardPlatform = new Memo<>();
    BiFunction<Party, Party, List<PortSpec>> platformPorts = (caller, platform) -> towardPlatform.get(
        new Toward(caller.namespace(), platform.id()), k -> platformPorts(evaluator, caller.namespace(), platform));
    // No namespace changed: every flow between workloads is known, so no candidate is needed.
    List<Party> workloads = changed != null && changed.isEmpty() ? List.of() : mesh.workloads();
    Map<String, List<Party>> pairs = pairs(mesh, candidates, towardChanged, from, to, workloads, changed);
    List<Map.Entry<String, List<Party>>> byCaller = new ArrayList<>(pairs.entrySet());
    out.inOrder(byCaller, entry -> calls(evaluator, platformPorts, mesh.parties.get(entry.getKey()),
        entry.getValue(), changed));
    out.inOrder(workloads, pod -> {
      List<Evaluation> flows = new ArrayList<>();
      if (!due(changed, pod, pod)) {
        return flows;
      }
      // A platform party among the pod's candidates was evaluated with its calls (a gateway's were not).
      List<Party> called = pod.kind() == Party.Kind.GATEWAY ? List.of() : pairs.getOrDefault(pod.id(), List.of());
      for (Party platform : mesh.platform.services()) {
        if (called.contains(platform)) {
          continue;
        }
        platformPorts.apply(pod, platform).forEach(port -> flows.add(evaluator.connect(pod, platform, port)));
      }
      if (pod.kind() == Party.Kind.SERVICE) {
        flows.addAll(egress(evaluator, pod));
      }
      return flows;
    });
    out.inOrder(hosts, host -> new IngressChain(evaluator).flows(host));
  }

  /**
   * The callees of each caller worth evaluating, callers in a stable order, no callee twice: the
   * candidates of every workload and service (those every layer may admit), and the pods {@code
   * from} and {@code to} name. Only these lists are held while the flows are evaluated: on
   * 10,000 tenants an overlay has 50,000 candidate sets (300,000 parties) and 30,000 callers
   * (220,000 pairs), which as hash sets took about 33 MB, as lists 2 MB.
   */
  private static Map<String, List<Party>> pairs(Mesh mesh, Candidates candidates, Candidates towardChanged,
      String from, String to, List<Party> workloads, Set<String> changed) {
    Map<String, Set<Party>> pairs = new LinkedHashMap<>();
    if (from != null && to != null) {
      List<Party> callees = mesh.parties.values().stream().filter(p -> p.isPod() && Report.matches(to, p.id()))
          .toList();
      for (Party caller : mesh.parties.values()) {
        if (caller.isPod() && Report.matches(from, caller.id())) {
          callees.forEach(callee -> pairs.computeIfAbsent(caller.id(), k -> new LinkedHashSet<>()).add(callee));
        }
      }
    }
    List<Set<Party>> callers = inOrder(workloads,
        w -> (due(changed, w, w) ? candidates : towardChanged).callers(w));
    for (int i = 0; i < workloads.size(); i++) {
      for (Party caller : callers.get(i)) {
        pairs.computeIfAbsent(caller.id(), k -> new LinkedHashSet<>()).add(workloads.get(i));
      }
    }
    List<Party> services = workloads.stream().filter(p -> p.kind() == Party.Kind.SERVICE).toList();
    List<Set<Party>> callees = inOrder(services,
        s -> (due(changed, s, s) ? candidates : towardChanged).callees(s));
    for (int i = 0; i < services.size(); i++) {
      for (Party callee : callees.get(i)) {
        pairs.computeIfAbsent(services.get(i).id(), k -> new LinkedHashSet<>()).add(callee);
      }
    }
    Map<String, List<Party>> lists = new LinkedHashMap<>(Math.max(16, (int) Math.ceil(pairs.size() / 0.75)));
    pairs.forEach((caller, set) -> lists.put(caller, List.copyOf(set)));
    return lists;
  }

  /** The ingress hosts: those declared, and those a Route or a Gateway server names exactly. */
  static List<String> ingressHosts(Evaluator evaluator) {
    Mesh mesh = evaluator.mesh;
    Set<String> hosts = new LinkedHashSet<>(evaluator.declared.ingressHosts());
    for (Mesh.Namespace ns : mesh.namespaces.values()) {
      Facts scope = mesh.scope(ns.name());
      scope.routes.forEach(r -> {
        if (r.host() != null) {
          hosts.add(r.host().toLowerCase(Locale.ROOT));
        }
      });
      scope.gateways.forEach(g -> g.servers().forEach(s -> s.hosts().forEach(h -> {
        String host = h.contains("/") ? h.substring(h.indexOf('/') + 1) : h;
        if (!host.contains("*")) {
          hosts.add(host.toLowerCase(Locale.ROOT));
        }
      })));
    }
    return new ArrayList<>(hosts);
  }

  /** The calls of one caller to each of {@code callees}, on every port. */
  private static List<Evaluation> calls(Evaluator evaluator, BiFunction<Party, Party, List<PortSpec>> platformPorts,
      Party caller, List<Party> callees, Set<String> changed) {
    List<Evaluation> out = new ArrayList<>();
    if (caller.kind() == Party.Kind.GATEWAY) {
      return out; // a gateway sends only what its routes send: see the ingress flows
    }
    for (Party callee : callees) {
      if (callee == caller || callee.kind() == Party.Kind.EXTERNAL || callee.kind() == Party.Kind.INTERNET
          || !due(changed, caller, callee)) {
        continue;
      }
      if (callee.kind() == Party.Kind.PLATFORM) {
        platformPorts.apply(caller, callee).forEach(port -> out.add(evaluator.connect(caller, callee, port)));
        continue;
      }
      for (PortSpec port : callee.ports()) {
        out.add(evaluator.connect(caller, callee, port));
      }
    }
    return out;
  }

  /** Whether a flow between {@code a} and {@code b} is evaluated: a tenant end lies in a changed namespace. */
  private static boolean due(Set<String> changed, Party a, Party b) {
    if (changed == null) {
      return true;
    }
    String first = GateMemory.tenantNamespace(a);
    String second = GateMemory.tenantNamespace(b);
    return first != null && changed.contains(first) || second != null && changed.contains(second);
  }

  /** Items per parallel batch: enough to keep every core busy, few enough to hold their evaluations. */
  private static final int BATCH = 256;

  /**
   * {@code f} of each item, on every core, in the items' order. The model is read-only once built
   * and its caches are thread-safe ({@link Memo}), so the result is what one thread would compute.
   */
  private static <T, R> List<R> inOrder(List<T> items, Function<T, R> f) {
    return items.parallelStream().map(f).toList();
  }

  /**
   * Passes on the first evaluation of each flow, judged on every core and then passed on in order.
   * Only the flows of one item can name the same flow twice (a port listed twice, once as HTTP
   * and once as TCP); no two items can. Every item of the calls has its own caller, which is every
   * flow's {@code from}; every item of the pods' platform and egress flows has its pod as
   * {@code from}, toward platform parties its calls did not name (a gateway has none) or toward
   * external hosts, which no call names; every item of the ingress flows has its host as
   * {@code via}, and only ingress flows have one. So each item is deduplicated on its own: on
   * 10,000 tenants a set of every flow of an overlay held 400,000 keys, about 50 MB, until the
   * overlay was judged.
   */
  private static final class Once<R> {
    private final Function<Evaluation, R> judge;
    private final Consumer<R> each;

    Once(Function<Evaluation, R> judge, Consumer<R> each) {
      this.judge = judge;
      this.each = each;
    }

    /**
     * Evaluates and judges the flows of each item on every core, a batch at a time, and passes
     * them on in the items' order: the sequence one thread would give, so the first evaluation
     * of a flow and every finding stay the same.
     */
    <T> void inOrder(List<T> items, Function<T, List<Evaluation>> flows) {
      for (int from = 0; from < items.size(); from += BATCH) {
        OverlayFlows.inOrder(items.subList(from, Math.min(items.size(), from + BATCH)),
            item -> firstOfEach(flows.apply(item)).stream().map(judge).toList())
            .forEach(judged -> judged.forEach(each));
      }
    }

    /** The evaluations of one item, each flow's first only. */
    private static List<Evaluation> firstOfEach(List<Evaluation> evaluations) {
      if (evaluations.size() < 2) {
        return evaluations;
      }
      Set<Evaluation.Key> seen = new HashSet<>();
      List<Evaluation> first = new ArrayList<>(evaluations.size());
      for (Evaluation e : evaluations) {
        if (seen.add(e.key())) {
          first.add(e);
        }
      }
      return first;
    }
  }

  /** A platform party seen from a namespace. */
  private record Toward(String namespace, String platform) {
    // Written out, as Ref's are: a memo key of every caller's namespace.
    @Override
    public boolean equals(Object other) {
      return other instanceof Toward t && Objects.equals(namespace, t.namespace) && Objects.equals(platform, t.platform);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(namespace) * 31 + Objects.hashCode(platform);
    }
  }

  /** The platform party's listed ports, and any port an egress rule of the caller's namespace opens toward it. */
  private static List<PortSpec> platformPorts(Evaluator evaluator, String namespace, Party platform) {
    Set<PortSpec> ports = new LinkedHashSet<>(platform.ports());
    for (NetworkPolicyFact policy : evaluator.networkPolicies.policies(namespace)) {
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
    return List.copyOf(ports);
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
