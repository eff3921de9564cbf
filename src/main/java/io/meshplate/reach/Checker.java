package io.meshplate.reach;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Intent equals effect, for one overlay: every flow that passes must be declared
 * ({@code REACH-UNDECLARED}, or {@code REACH-UNKNOWN} when the model cannot rule it out), and
 * every declared flow must pass every layer ({@code REACH-BLOCKED}, {@code REACH-UNPROVEN}
 * warnings, with the layer and object that stop it); an allow without the matching call is
 * {@code REACH-NOT-CALLED}, an ingress host routed to a service that does not allow the gateway
 * {@code REACH-NOT-ALLOWED}. An object the model does not evaluate and that may change traffic is
 * {@code REACH-UNKNOWN} itself: what it opens cannot be enumerated, so no flow would name it.
 * Also turns evaluations into {@link Flow}s for reports.
 */
final class Checker {
  static final String UNDECLARED = "REACH-UNDECLARED";
  static final String UNKNOWN = "REACH-UNKNOWN";
  static final String BLOCKED = "REACH-BLOCKED";
  static final String UNPROVEN = "REACH-UNPROVEN";
  static final String NOT_CALLED = "REACH-NOT-CALLED";
  static final String NOT_ALLOWED = "REACH-NOT-ALLOWED";

  /** A finding before its overlays are merged: positioned at {@code at}. */
  record Finding(boolean error, String rule, Ref at, String message, String hint) {}

  private static final List<Layer> OPENERS = List.of(Layer.AUTHORIZATION, Layer.GATEWAY_AUTHORIZATION,
      Layer.INGRESS_POLICY, Layer.EGRESS_POLICY, Layer.SIDECAR, Layer.SERVICE_ENTRY, Layer.ROUTE, Layer.ROUTING);

  private final String overlay;
  private final Declared declared;
  private final Locator locator;
  private final boolean keep;
  /** Keep only the flows that are not denied, without their steps (a table without every layer's answer). */
  private final boolean brief;
  final List<Finding> findings = new ArrayList<>();
  private final List<Flow> flows = new ArrayList<>();

  /**
   * @param keep keep every evaluation to report its flow (a gate needs only the findings)
   * @param brief with {@code keep}, only the flows that are not denied, without their steps
   */
  Checker(String overlay, Declared declared, Locator locator, boolean keep, boolean brief) {
    this.overlay = overlay;
    this.declared = declared;
    this.locator = locator;
    this.keep = keep;
    this.brief = brief;
  }

  /**
   * The flows checked, in the order they were recorded or, once {@link #sortFlows}, in theirs
   * (kept for reports only); each step's objects are located when read.
   */
  List<Flow> flows() {
    return flows;
  }

  /**
   * Puts the flows in their order ({@link Flow#compareTo}) on this overlay's core, once it has
   * judged them: a report then finds them sorted, instead of sorting every overlay's flows after
   * the last overlay is judged, on the run's last stretch.
   */
  void sortFlows() {
    flows.sort(null);
  }

  /** Objects the model does not evaluate ({@code REACH-UNKNOWN}, one finding each). */
  void unmodelled(List<Facts.Opaque> objects) {
    for (Facts.Opaque o : objects) {
      findings.add(new Finding(true, UNKNOWN, o.ref(), o.ref().object() + " " + o.why()
          + ": it may open flows no descriptor declares", "remove it, or render only what the model evaluates"));
    }
  }

  /** The findings on declarations alone: a callee allowing a caller that does not call it, an ingress host not allowed. */
  void checkDeclarations() {
    for (Declared.NotCalled n : declared.notCalled) {
      String caller = n.caller().substring(0, n.caller().indexOf('/'));
      findings.add(new Finding(false, NOT_CALLED, n.ref(), n.callee() + " allows " + n.caller()
          + ", which does not list it in calls: the caller's Sidecar and egress NetworkPolicy block the call",
          "add {tenant: " + n.callee().replace("/", ", service: ") + "} to calls in tenants/" + caller
              + ".yaml, or remove this rule"));
    }
    for (Declared.NotAllowed n : declared.notAllowed) {
      findings.add(new Finding(false, NOT_ALLOWED, n.ref(), "ingress host " + n.host() + " routes to " + n.service()
          + ":" + n.port() + ", which does not allow {ingress: true} on that port: its AuthorizationPolicy refuses"
          + " every request from the gateway",
          "add - from: {ingress: true} to the allow rules of " + n.service().substring(n.service().indexOf('/') + 1)
              + " (with ports: naming that port if the rule lists ports)"));
    }
  }

  /** What comparing one flow with the declarations found, and the flow to report when kept. */
  record Judgement(List<Finding> findings, Flow kept) {}

  /** Compares one evaluated flow with what the descriptors declare. */
  void check(Evaluation e) {
    record(judge(e));
  }

  /** Adds a flow for a report, without its findings (judged by an earlier run, or kept apart from them). */
  void carry(Flow flow) {
    flows.add(flow);
  }

  /** Adds a judgement's findings (and its flow, for a report), in the order flows are handed on. */
  void record(Judgement judgement) {
    findings.addAll(judgement.findings());
    if (judgement.kept() != null) {
      flows.add(judgement.kept());
    }
  }

  /**
   * Compares one evaluated flow with what the descriptors declare, changing nothing: flows are
   * judged on every core, then {@link #record recorded} in their order.
   */
  Judgement judge(Evaluation e) {
    BitSet intended = declared.requests(e);
    boolean obligation = declared.obligation(e);
    // Copies only where a set can be other than empty: most flows are certain, declared or not.
    BitSet extra = Bits.minus(e.yes(), intended);
    BitSet uncertain = e.maybe().isEmpty() ? Bits.NONE : Bits.minus(e.maybe(), intended);
    BitSet blocked = obligation && !intended.isEmpty() ? Bits.minus(intended, e.yes()) : Bits.NONE;
    if (!blocked.isEmpty()) {
      blocked.andNot(e.maybe());
    }
    BitSet unproven = Bits.NONE;
    if (obligation && !e.maybe().isEmpty() && !intended.isEmpty()) {
      unproven = Bits.copy(intended);
      unproven.and(e.maybe());
    }
    String wanted = e.family() == Family.EGRESS ? declared.wire(e) : null;
    boolean tlsDiffers = wanted != null && !e.yes().isEmpty() && !wanted.equals(e.wire());
    // The flow a report prints, built here on every core: it holds far less than the evaluation,
    // which can go at once (a report of 1,000 tenants keeps some 100,000 of them).
    Flow kept = keep && !(brief && e.outcome() == Tri.FALSE) ? flow(e, intended, extra, blocked) : null;
    if (extra.isEmpty() && uncertain.isEmpty() && blocked.isEmpty() && unproven.isEmpty() && !tlsDiffers) {
      return new Judgement(List.of(), kept); // most flows: nothing found, nothing to name
    }
    List<Finding> findings = new ArrayList<>(1);
    String title = title(e);
    if (!extra.isEmpty()) {
      List<Ref> openers = openers(e);
      findings.add(new Finding(true, UNDECLARED, openers.isEmpty() ? e.to().ref() : openers.get(0),
          title + " " + describe(e, extra) + " is allowed but no descriptor declares it; opened by "
              + objects(openers),
          "declare the flow (allow in the callee's descriptor, calls in the caller's) or remove what opens it"));
    }
    if (!uncertain.isEmpty()) {
      Check unknown = e.checks().stream().filter(c -> c.applies() && c.outcome() == Tri.UNKNOWN
          || c.maybe() != null && !c.maybe().isEmpty()).findFirst().orElse(null);
      Ref at = unknown != null && !unknown.refs().isEmpty() ? unknown.refs().get(0) : e.to().ref();
      findings.add(new Finding(true, UNKNOWN, at, title + " " + describe(e, uncertain)
          + " may be allowed and nothing declares it: " + (unknown == null ? "" : unknown.layer().title() + ": "
          + unknown.detail()), "the reach model does not evaluate this; remove it or keep to what the model evaluates"));
    }
    Ref declaration = declared.source(e);
    if (!blocked.isEmpty()) {
      Check stop = e.blocking(blocked);
      findings.add(new Finding(false, BLOCKED, declaration != null ? declaration : e.to().ref(),
          "declared " + title + " " + describe(e, blocked) + " is blocked by " + stop(stop), hint(stop)));
    }
    if (!unproven.isEmpty()) {
      Check stop = e.blocking(unproven);
      findings.add(new Finding(false, UNPROVEN, declaration != null ? declaration : e.to().ref(),
          "declared " + title + " " + describe(e, unproven) + " cannot be shown to work: " + stop(stop),
          "the reach model does not evaluate this part of the path"));
    }
    if (tlsDiffers) {
      Check tls = e.checks().stream().filter(c -> c.layer() == Layer.TLS).findFirst().orElse(null);
      findings.add(new Finding(false, BLOCKED, declaration != null ? declaration : e.to().ref(),
          "declared " + title + " asks for " + wanted + " but gets " + e.wire()
              + (tls == null ? "" : " (" + stop(tls) + ")"), "render the DestinationRule that originates and verifies TLS"));
    }
    return new Judgement(findings, kept);
  }

  private static String title(Evaluation e) {
    return e.to().id() + ":" + e.port().display() + (e.via() == null ? "" : " (" + e.via() + ")") + " <- " + e.from().id();
  }

  private static String describe(Evaluation e, BitSet set) {
    return e.space().describe(set).stream().map(Requests::display).collect(Collectors.joining("; "));
  }

  /**
   * The layer that stops a declared flow. No output path: the warning sits at the declaration and
   * reads the same in every overlay, so one line covers them all (reach --from --to has the files).
   */
  private static String stop(Check c) {
    if (c == null) {
      return "a layer the model cannot name";
    }
    return c.layer().title() + ": " + c.detail();
  }

  private static String hint(Check c) {
    if (c == null) {
      return null;
    }
    return switch (c.layer()) {
      case ROUTE -> "the host needs a Route to the tenant's gateway Service";
      case AUTHORIZATION -> "the callee's AuthorizationPolicy does not admit these requests as rendered";
      case SIDECAR -> "the caller's Sidecar does not route there: list the callee in the caller's calls";
      default -> "run meshplate reach with --from and --to for every layer's answer";
    };
  }

  /** The objects that let the flow through, most specific layer first. */
  private static List<Ref> openers(Evaluation e) {
    List<Ref> out = new ArrayList<>();
    for (Layer layer : OPENERS) {
      for (Check c : e.checks()) {
        if (c.layer() == layer && c.applies() && c.outcome() == Tri.TRUE) {
          out.addAll(c.refs());
        }
      }
    }
    return out;
  }

  private String objects(List<Ref> refs) {
    if (refs.isEmpty()) {
      return "no object: nothing isolates it";
    }
    return refs.stream().map(r -> locator.origin(r)).map(o -> o.object() + " (" + o.location() + ")")
        .distinct().collect(Collectors.joining(", "));
  }

  private Flow flow(Evaluation e, BitSet intended, BitSet extra, BitSet blocked) {
    List<Step> steps = new ArrayList<>();
    for (Check c : brief ? List.<Check>of() : e.checks()) {
      String outcome = !c.applies() ? "n/a" : switch (c.outcome()) {
        case TRUE -> "allow";
        case FALSE -> "deny";
        default -> "unknown";
      };
      steps.add(new Step(c.layer(), outcome, c.detail(), new Located(c.refs(), locator),
          c.yes() == null ? List.of() : e.space().describe(c.yes())));
    }
    Verdict verdict = switch (e.outcome()) {
      case TRUE -> Verdict.ALLOWED;
      case FALSE -> Verdict.DENIED;
      default -> Verdict.UNKNOWN;
    };
    return new Flow(overlay, e.family(), e.from().id(), e.to().id(), e.port().display(), e.via(), verdict,
        e.space().describe(e.yes()), e.space().describe(e.maybe()), e.wire(), !intended.isEmpty(),
        e.space().describe(extra), e.space().describe(blocked), steps);
  }
}
