package io.meshplate.reach;

import java.util.List;

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

  OverlayCheck(String overlay, List<Checker.Finding> findings, Locator locator, Checker checker, Evaluator evaluator) {
    this.overlay = overlay;
    this.findings = List.copyOf(findings);
    this.locator = locator;
    this.checker = checker;
    this.evaluator = evaluator;
  }

  /** Every evaluated flow (empty for a gate). */
  List<Flow> flows() {
    return checker == null ? List.of() : checker.flows();
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
    List<Evaluation> found = new java.util.ArrayList<>();
    switch (other.family()) {
      case EGRESS -> found.add(evaluator.egress(from, other.to().substring("external:".length()),
          Integer.parseInt(other.port())));
      case INGRESS -> found.addAll(new IngressChain(evaluator).flows(other.host()));
      default -> {
        Party to = evaluator.mesh.parties.get(other.to());
        if (to == null) {
          return null;
        }
        List<PortSpec> ports = new java.util.ArrayList<>(to.ports());
        ports.add(new PortSpec(0, "TCP", false));
        for (PortSpec port : ports) {
          if (port.display().equals(other.port())) {
            found.add(evaluator.connect(from, to, port));
            break;
          }
        }
      }
    }
    Checker one = new Checker(overlay, evaluator.declared, locator, true);
    one.check(found.stream().filter(e -> e.to().id().equals(other.to())
        && e.port().display().equals(other.port())).toList());
    return one.flows().isEmpty() ? null : one.flows().get(0);
  }

  public String overlay() {
    return overlay;
  }
}
