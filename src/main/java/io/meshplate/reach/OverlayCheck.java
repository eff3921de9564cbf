package io.meshplate.reach;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The intent check of one overlay, before the findings of all overlays are merged into one
 * list (the same descriptor line found in dev and prod is reported once, naming both).
 */
public final class OverlayCheck {
  final String overlay;
  final List<Checker.Finding> findings;
  final Locator locator;
  /** The flows, for reports; null for a gate, which keeps only the findings. */
  private final Checker checker;
  /** The model, kept to evaluate a flow the other side of a review found (null for a gate). */
  private final Evaluator evaluator;
  /** What the next gate of this overlay may reuse (null for a report, or when the platform side's content is unknown). */
  private final GateMemory<Checker.Finding> memory;
  /** What the next table of this overlay may reuse (null but for a table whose platform side's content is known). */
  private final GateMemory<Flow> flowMemory;
  /** For a gate that reused its memory: the namespaces whose flows it evaluated again; else null. */
  private final SortedSet<String> evaluatedAgain;
  /** The flows and parties of a check whose model was dropped ({@link #withoutModel}); else empty. */
  private final List<Flow> keptFlows;
  private final Set<String> keptParties;

  OverlayCheck(String overlay, List<Checker.Finding> findings, Locator locator, Checker checker, Evaluator evaluator,
      GateMemory<Checker.Finding> memory, GateMemory<Flow> flowMemory, Set<String> evaluatedAgain) {
    this(overlay, findings, locator, checker, evaluator, memory, flowMemory, evaluatedAgain, List.of(),
        Set.of());
  }

  private OverlayCheck(String overlay, List<Checker.Finding> findings, Locator locator, Checker checker,
      Evaluator evaluator, GateMemory<Checker.Finding> memory, GateMemory<Flow> flowMemory,
      Set<String> evaluatedAgain, List<Flow> keptFlows, Set<String> keptParties) {
    this.overlay = overlay;
    this.findings = List.copyOf(findings);
    this.locator = locator;
    this.checker = checker;
    this.evaluator = evaluator;
    this.memory = memory;
    this.flowMemory = flowMemory;
    this.evaluatedAgain = evaluatedAgain == null ? null
        : Collections.unmodifiableSortedSet(new TreeSet<>(evaluatedAgain));
    this.keptFlows = keptFlows;
    this.keptParties = keptParties;
  }

  /**
   * When this gate (or table) reused what the last one kept ({@link GateMemory}): the namespaces
   * whose flows it evaluated again (besides the ingress flows of hosts that read one, or that a
   * changed tenant names); null when it evaluated every flow.
   */
  public SortedSet<String> evaluatedAgain() {
    return evaluatedAgain;
  }

  /** What the next gate of this overlay may reuse ({@link Reach#check}), or null. */
  public GateMemory<Checker.Finding> memory() {
    return memory;
  }

  /** What the next table of this overlay may reuse ({@link Reach#table}), or null. */
  public GateMemory<Flow> flowMemory() {
    return flowMemory;
  }

  /** This check without {@link #flowMemory}, once it is written: a table's flows are megabytes. */
  public OverlayCheck withoutFlowMemory() {
    return flowMemory == null ? this
        : new OverlayCheck(overlay, findings, locator, checker, evaluator, memory, null, evaluatedAgain);
  }

  /**
   * This check without its model, once nothing is left to evaluate: its findings, flows and
   * parties stay (a review drops each overlay's model before the next overlay's is built).
   */
  public OverlayCheck withoutModel() {
    return evaluator == null ? this : new OverlayCheck(overlay, findings, locator, null, null, null, null,
        evaluatedAgain, List.copyOf(flows()), Set.copyOf(parties()));
  }

  /** The ids of the model's parties (empty for a gate): what a query may name. */
  Set<String> parties() {
    return evaluator == null ? keptParties : evaluator.mesh.parties.keySet();
  }

  /** Every evaluated flow (empty for a gate). */
  List<Flow> flows() {
    return checker == null ? keptFlows : checker.flows();
  }

  /**
   * The same flow as {@code other} (from another render) evaluated here, or null when one of its
   * parties does not exist here.
   */
  Flow evaluate(Flow other) {
    if (evaluator == null) {
      return null;
    }
    Party from = evaluator.mesh.parties.get(other.from());
    if (from == null) {
      return null;
    }
    List<Evaluation> found = new ArrayList<>();
    switch (other.family()) {
      case EGRESS -> found.add(evaluator.egress(from, other.to().substring(PlatformParties.EXTERNAL.length()),
          Integer.parseInt(other.port())));
      case INGRESS -> found.addAll(new IngressChain(evaluator).flows(other.host()));
      default -> {
        Party to = evaluator.mesh.parties.get(other.to());
        if (to == null) {
          return null;
        }
        List<PortSpec> ports = new ArrayList<>(to.ports());
        ports.add(new PortSpec(0, "TCP", false));
        for (PortSpec port : ports) {
          if (port.display().equals(other.port())) {
            found.add(evaluator.connect(from, to, port));
            break;
          }
        }
      }
    }
    Checker one = new Checker(overlay, evaluator.declared, locator, true, false);
    found.stream().filter(e -> e.to().id().equals(other.to()) && e.port().display().equals(other.port()))
        .forEach(one::check);
    return one.flows().isEmpty() ? null : one.flows().get(0);
  }

  /**
   * For a check of {@link Reach#review} that evaluated only around a change: evaluates the flows
   * with an end in a namespace of {@code tenants} that it did not evaluate, and adds them to its
   * flows. They are the same on both sides of the review, so they change no comparison; they let
   * the review draw those tenants' calls whole (every overlay, the calls that did not change too).
   */
  void addFlowsOf(Set<String> tenants) {
    if (evaluatedAgain == null || checker == null) {
      return; // every flow was evaluated
    }
    Set<String> more = new TreeSet<>();
    for (Party p : evaluator.mesh.parties.values()) {
      String namespace = GateMemory.tenantNamespace(p);
      if (namespace != null && tenants.contains(p.tenant()) && !evaluatedAgain.contains(namespace)) {
        more.add(namespace);
      }
    }
    if (more.isEmpty()) {
      return;
    }
    // A flow with an end in a namespace evaluated before is among the flows already.
    OverlayFlows.evaluate(evaluator, null, null,
        e -> GateMemory.namespaces(e).stream().anyMatch(evaluatedAgain::contains) ? null : checker.judge(e),
        judgement -> {
          if (judgement != null) {
            checker.record(judgement);
          }
        }, more, List.of());
  }

  /**
   * For a mesh flow on an HTTP port that passes on both sides with other requests: whether this
   * side ({@code after}) lets through more than {@code before} did (1), less (-1), or neither
   * (0: some requests gained and others lost, or only the transport changed). Both sides are
   * evaluated over one set of samples, built from the patterns of both, so their request sets
   * compare exactly.
   */
  int compareRequests(OverlayCheck before, Flow flow) {
    Party[] here = parties(flow);
    Party[] there = before.parties(flow);
    if (here == null || there == null) {
      return 0;
    }
    PortSpec port = port(here[1], flow.port());
    PortSpec old = before.port(there[1], flow.port());
    if (port == null || old == null || !port.http() || !port.captured()) {
      return 0;
    }
    Set<StringMatch> methods = new LinkedHashSet<>();
    Set<StringMatch> paths = new LinkedHashSet<>();
    Set<StringMatch> hosts = new LinkedHashSet<>();
    evaluator.patterns(here[1], methods, paths, hosts);
    before.evaluator.patterns(there[1], methods, paths, hosts);
    ProbeSpace space = ProbeSpace.http(methods, paths, hosts);
    BitSet now = evaluator.connect(here[0], here[1], port, space).yes();
    BitSet was = before.evaluator.connect(there[0], there[1], old, space).yes();
    BitSet gained = Bits.copy(now);
    gained.andNot(was);
    BitSet lost = Bits.copy(was);
    lost.andNot(now);
    return !gained.isEmpty() && lost.isEmpty() ? 1 : gained.isEmpty() && !lost.isEmpty() ? -1 : 0;
  }

  /** The flow's caller and callee here, or null when one does not exist or no model is kept. */
  private Party[] parties(Flow flow) {
    if (evaluator == null || flow.family() != Family.MESH) {
      return null;
    }
    Party from = evaluator.mesh.parties.get(flow.from());
    Party to = evaluator.mesh.parties.get(flow.to());
    return from == null || to == null ? null : new Party[] {from, to};
  }

  private static PortSpec port(Party to, String display) {
    return to.ports().stream().filter(p -> p.display().equals(display)).findFirst().orElse(null);
  }

  public String overlay() {
    return overlay;
  }
}
