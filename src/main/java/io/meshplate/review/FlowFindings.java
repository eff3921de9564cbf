package io.meshplate.review;

import io.meshplate.Problem;
import io.meshplate.reach.Family;
import io.meshplate.reach.FlowChange;
import io.meshplate.reach.Reach;
import io.meshplate.review.Finding.Category;
import java.util.HashSet;
import java.util.Set;

/**
 * Access by effect: each flow gained, lost or changed between the two sides, a denied flow whose
 * denying layers changed (defence in depth), the head's flows that no descriptor declares, and the
 * head's intent warnings. Reads like {@code payments/api:8080 <- notifications/sender: GET /v1/payments/*}.
 */
final class FlowFindings {
  private final Findings findings;

  FlowFindings(Findings findings) {
    this.findings = findings;
  }

  void add(Effects effects) {
    // A pair whose flow changed: the other ports' changed defence is a consequence, not news.
    Set<String> changedPairs = new HashSet<>();
    effects.changes().stream().filter(c -> c.change() != FlowChange.Change.LAYERS)
        .forEach(c -> changedPairs.add(c.overlay() + "|" + c.from() + "|" + c.to()));
    for (FlowChange c : effects.changes()) {
      if (c.change() == FlowChange.Change.LAYERS && changedPairs.contains(c.overlay() + "|" + c.from() + "|" + c.to())) {
        continue;
      }
      if (c.newParty() && !c.undeclared() && (c.family() == Family.PLATFORM
          || c.change() == FlowChange.Change.GAINED && c.family() == Family.MESH && c.toGateway())) {
        // A tenant, service or gateway comes or goes with its DNS, istiod and monitoring flows, and a
        // new gateway is open to its own namespace; "Ingress hosts added" names the exposure.
        continue;
      }
      String tenant = Reach.tenantOf(c.to()) != null ? Reach.tenantOf(c.to()) : Reach.tenantOf(c.from());
      String subject = c.to() + ":" + c.port() + (c.host() == null ? "" : " (" + c.host() + ")");
      String undeclared = c.undeclared() ? " (declared by no descriptor)" : "";
      switch (c.change()) {
        case GAINED -> findings.add(Category.ACCESS_WIDENED, tenant, subject, "<- " + c.from() + ": " + c.after() + undeclared,
            c.overlay());
        case LOST -> findings.add(Category.ACCESS_NARROWED, tenant, subject, "<- " + c.from() + ": nothing passes any more (was "
            + c.before() + ")", c.overlay());
        case WIDENED -> findings.add(Category.ACCESS_WIDENED, tenant, subject, "<- " + c.from() + ": now " + c.after()
            + " (was " + c.before() + ")" + undeclared, c.overlay());
        case NARROWED -> findings.add(Category.ACCESS_NARROWED, tenant, subject, "<- " + c.from() + ": now only " + c.after()
            + " (was " + c.before() + ")" + undeclared, c.overlay());
        case CHANGED -> findings.add(Category.ACCESS_CHANGED, tenant, subject, "<- " + c.from() + ": now " + c.after()
            + " (was " + c.before() + ")" + undeclared, c.overlay());
        default -> findings.add(Category.DEFENCE_CHANGED, tenant, subject, "<- " + c.from() + ": " + c.after()
            + " (was: " + c.before() + ")", c.overlay());
      }
    }
    for (Problem p : effects.after().errors()) {
      note(Category.UNDECLARED_FLOW, p);
    }
    // Warnings the base already had are not news: the review shows those the change brings.
    Set<String> known = new HashSet<>();
    effects.before().warnings().forEach(p -> known.add(p.format()));
    for (Problem p : effects.after().warnings()) {
      if (!known.contains(p.format())) {
        note(Category.REACH_WARNING, p);
      }
    }
  }

  private void note(Category category, Problem p) {
    String tenant = p.file().startsWith("tenants/") && p.file().endsWith(".yaml")
        ? p.file().substring("tenants/".length(), p.file().length() - ".yaml".length()) : null;
    findings.note(category, tenant, p.file() + (p.line() > 0 ? ":" + p.line() : ""),
        p.rule() + ": " + p.message() + (p.hint() == null ? "" : " (" + p.hint() + ")"));
  }
}
