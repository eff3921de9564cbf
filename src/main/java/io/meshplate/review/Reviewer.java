package io.meshplate.review;

import io.meshplate.Problem;
import io.meshplate.descriptor.Tenant;
import io.meshplate.rollout.WaveChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reviews a change of the rendered output: which objects changed, field by field, and what
 * that means for access, exposure, egress and the baseline protections.
 *
 * <pre>
 * Review review = Reviewer.review(OutputSnapshot.fromGit(ws, "HEAD"), OutputSnapshot.fromWorkTree(ws),
 *     DeletionPolicy.DEFAULT);
 * String comment = Reviewer.format(review, ReportFormat.MARKDOWN, false);
 * </pre>
 */
public final class Reviewer {
  /** Rule id of a deletion that needs {@code --allow-deletion}. */
  public static final String DELETION_RULE = "REVIEW-DELETION-UNAPPROVED";

  private Reviewer() {}

  /**
   * Compares two snapshots object by object; access comes from the AuthorizationPolicies' text.
   * Deterministic: the same inputs give the same review.
   */
  public static Review review(OutputSnapshot base, OutputSnapshot head, DeletionPolicy policy) {
    return review(base, head, policy, null);
  }

  /**
   * Compares two snapshots; with {@code effects} (the connectivity model on both sides), access
   * is judged by the flows that change, not by the policies' text: a hand-edited output is
   * reviewed by what it opens, and the head's intent warnings are part of the review.
   */
  public static Review review(OutputSnapshot base, OutputSnapshot head, DeletionPolicy policy, Effects effects) {
    Side before = new Side(base);
    Side after = new Side(head);
    List<ObjectChange> changes = changes(before, after);
    Map<String, String> owners = new TreeMap<>(before.namespaceOwners);
    owners.putAll(after.namespaceOwners);
    boolean byEffect = effects != null && effects.unavailable() == null;
    List<Finding> findings = new Classifier(before, after, owners, byEffect ? effects : null)
        .classify(base, head, changes, effects);
    // The graph is drawn around tenants whose callers changed, not every tenant a template touched.
    SortedSet<String> changedTenants = new TreeSet<>();
    findings.stream()
        .filter(f -> f.category().name().startsWith("ACCESS_") || f.category().name().startsWith("TENANT_"))
        .map(Finding::tenant).filter(Objects::nonNull).forEach(changedTenants::add);
    return new Review(
        base.label(),
        head.label(),
        changes,
        findings,
        DeletionGuard.find(before, after, changes, policy),
        byEffect ? CallGraph.around(effects, changedTenants) : CallGraph.around(before, after, owners, changedTenants),
        allTenants(before, after),
        effects,
        OutputCheck.NOT_CHECKED,
        null,
        WaveChanges.between(base.files(), head.files()));
  }

  private static int allTenants(Side before, Side after) {
    SortedSet<String> all = before.allTenants();
    all.addAll(after.allTenants());
    return all.size();
  }

  /** Prints a review; {@code colour} adds ANSI colours to the text format only. */
  public static String format(Review review, ReportFormat format, boolean colour) {
    return switch (format) {
      case TEXT -> new TextReport(review, colour).render();
      case MARKDOWN -> new MarkdownReport(review).render();
      case JSON -> JsonReport.render(review);
    };
  }

  /**
   * The blocked deletions of a review as problems ({@value #DELETION_RULE}), one per tenant,
   * positioned at the tenant's output folder; empty when nothing is blocked.
   */
  public static List<Problem> deletionProblems(Review review) {
    return deletionProblems(review.deletions());
  }

  /** The deletions of {@code deletions} that lack an approval, as problems ({@value #DELETION_RULE}). */
  public static List<Problem> blocked(List<Deletion> deletions) {
    return deletionProblems(deletions);
  }

  private static List<Problem> deletionProblems(List<Deletion> deletions) {
    List<Problem> problems = new ArrayList<>();
    for (Deletion d : deletions) {
      if (d.blocked()) {
        problems.add(new Problem("output/" + d.overlays().get(0) + "/tenants/" + d.tenant() + "/", 0, 0,
            DELETION_RULE, blastRadius(d),
            "if the deletion is intended, approve it: --allow-deletion " + d.tenant()));
      }
    }
    return problems;
  }

  /** One line describing what a deletion takes away: tenant, objects removed, overlays, namespaces. */
  public static String blastRadius(Deletion d) {
    return String.format(Locale.ROOT, "%s %s: %d of %d objects removed in %s%s",
        d.tenantRemoved() ? "tenant removed:" : "large deletion in tenant", d.tenant(),
        d.removedObjects(), d.baseObjects(), String.join(", ", d.overlays()),
        d.namespaces().isEmpty() ? "" : " (namespaces " + String.join(", ", d.namespaces()) + ")");
  }

  /**
   * The {@code .github/CODEOWNERS} text giving every path to the platform team, except each
   * tenant's descriptor and output folders, which go to the tenant's owners.
   *
   * @param platformTeam owner of every other path, e.g. {@code @acme/platform}
   */
  public static String codeOwners(List<Tenant> tenants, String platformTeam) {
    return CodeOwners.render(tenants, platformTeam);
  }

  private static List<ObjectChange> changes(Side before, Side after) {
    List<ObjectChange> changes = new ArrayList<>();
    before.objects.forEach((id, old) -> {
      Side.Entry now = after.objects.get(id);
      if (now == null) {
        changes.add(new ObjectChange(ObjectChange.Type.REMOVED, id.overlay(), old.tenant(), old.file(), id.key(), List.of()));
      } else if (!old.object().equals(now.object())) {
        List<FieldChange> fields = ObjectDiff.diff(old.object(), now.object());
        if (!fields.isEmpty()) { // empty: only the order of a scalar list moved
          changes.add(new ObjectChange(ObjectChange.Type.CHANGED, id.overlay(), now.tenant(), now.file(), id.key(), fields));
        }
      }
    });
    after.objects.forEach((id, now) -> {
      if (!before.objects.containsKey(id)) {
        changes.add(new ObjectChange(ObjectChange.Type.ADDED, id.overlay(), now.tenant(), now.file(), id.key(), List.of()));
      }
    });
    changes.sort(null);
    return changes;
  }
}
