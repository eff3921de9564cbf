package io.meshplate.review;

import io.meshplate.review.Finding.Category;
import io.meshplate.rollout.WaveChangesFormat;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The review as a pull-request comment. The first lines answer the reviewer's first questions:
 * which protections weaken, and whose access widens, where. Details fold per tenant.
 */
final class MarkdownReport {
  private static final int HEADLINE_LIMIT = 10;
  private static final int GRAPH_LIMIT = 200;
  private static final int CATEGORY_LIMIT = 50;
  private static final int PATH_LIMIT = 20;
  /** GitHub refuses comments over 65,536 characters; folded details stop before that. */
  static final int COMMENT_LIMIT = 60_000;

  private final Review review;
  private final StringBuilder out = new StringBuilder();

  MarkdownReport(Review review) {
    this.review = review;
  }

  String render() {
    line("## meshplate review");
    line("");
    outputNote();
    platformPaths();
    if (!review.hasChanges()) {
      line("No changes in the rendered output between " + code(review.base()) + " and " + code(review.head()) + ".");
      scope();
      return out.toString();
    }
    headline();
    line("Comparing " + code(review.base()) + " with " + code(review.head()) + ": "
        + md(TextReport.overview(review)) + ".");
    scope();
    line("");
    summary();
    deletions();
    waves();
    graph();
    details();
    return out.toString();
  }

  /** When output/ was stale, the review compares something else than the PR's committed output: say so first. */
  private void outputNote() {
    String note = review.outputCheck().note();
    if (note != null) {
      line("> [!WARNING]");
      line("> " + md(note));
      line("");
    }
  }

  /**
   * A pull request that changes platform paths changes what every tenant gets, or the pipeline
   * that checked it: the reviewer must read those files as code.
   */
  private void platformPaths() {
    ChangeScope scope = review.scope();
    if (scope == null || !scope.touchesPlatform()) {
      return;
    }
    line("> [!WARNING]");
    line("> **Platform paths changed:** " + paths(scope.platformPaths()) + ". The platform team reviews them"
        + " (CODEOWNERS). This pull request's checks ran with its own version of these files, so read them as"
        + " code, not as a tenant change.");
    line("");
  }

  private void scope() {
    ChangeScope scope = review.scope();
    if (scope == null) {
      return;
    }
    line("");
    line("**Scope:** " + (scope.tenants().isEmpty() ? "no tenant" : (scope.tenants().size() == 1 ? "tenant " : "tenants ")
        + md(String.join(", ", scope.tenants()))) + "; "
        + (scope.touchesPlatform() ? scope.platformPaths().size() + " platform path"
            + (scope.platformPaths().size() == 1 ? "" : "s") : "no platform path") + ".");
  }

  private static String paths(SortedSet<String> paths) {
    List<String> shown = paths.stream().limit(PATH_LIMIT).map(MarkdownReport::code).toList();
    return String.join(", ", shown) + (paths.size() > PATH_LIMIT ? " and " + (paths.size() - PATH_LIMIT) + " more" : "");
  }

  private void headline() {
    List<Finding> weakened = of(Category.WEAKENED_PROTECTION);
    if (!weakened.isEmpty()) {
      line("> [!CAUTION]");
      line("> **Weakened protections: " + weakened.size() + "** (a baseline protection is removed or altered)");
      weakened.stream().limit(CATEGORY_LIMIT).forEach(f -> line("> - " + bullet(f)));
      if (weakened.size() > CATEGORY_LIMIT) {
        line("> - ... and " + (weakened.size() - CATEGORY_LIMIT) + " more");
      }
      line("");
    }
    List<Finding> widened = of(Category.ACCESS_WIDENED);
    for (int i = 0; i < Math.min(widened.size(), HEADLINE_LIMIT); i++) {
      Finding f = widened.get(i);
      line("**Access widened:** " + code(f.subject()) + " " + md(f.detail()) + in(f) + "  ");
    }
    if (widened.size() > HEADLINE_LIMIT) {
      line("... and " + (widened.size() - HEADLINE_LIMIT) + " more access widenings (listed below).  ");
    }
    List<Deletion> blocked = review.blockedDeletions();
    for (Deletion d : blocked) {
      line("**Deletion blocked:** " + md(Reviewer.blastRadius(d)) + ".  ");
    }
    if (!widened.isEmpty() || !blocked.isEmpty()) {
      line("");
    }
    if (!blocked.isEmpty()) {
      deletionApproval(blocked);
    }
  }

  /** What the author of the pull request can do about a blocked deletion. */
  private void deletionApproval(List<Deletion> blocked) {
    String names = String.join(" ", blocked.stream().map(Deletion::tenant).toList());
    line("> [!IMPORTANT]");
    line("> This pull request deletes more than the checks let through without approval, so they fail until"
        + " the platform team approves it.");
    line("> - **If the deletion is intended**, ask the platform team to approve it: they set"
        + " `MESHPLATE_ALLOW_DELETION` to `" + md(names) + "` (a repository variable in GitHub Actions, the"
        + " `allow-deletion` parameter of the Tekton pipeline) and re-run the checks. To see it pass locally: "
        + code("./meshplate check" + blocked.stream().map(d -> " --allow-deletion " + d.tenant())
            .collect(Collectors.joining())) + ".");
    for (Deletion d : blocked) {
      line("> - **If it is not**, " + (d.tenantRemoved()
          ? "restore `tenants/" + md(d.tenant()) + ".yaml`."
          : "restore what was removed from `tenants/" + md(d.tenant()) + ".yaml`.")
          + " Then run `./meshplate render` and commit `output/`.");
    }
    line("");
  }

  private void summary() {
    line("| | |");
    line("| --- | --- |");
    for (Category c : Category.values()) {
      if (!of(c).isEmpty()) {
        line("| " + c.title() + " | " + of(c).size() + " |");
      }
    }
    line("");
    for (Category c : Category.values()) {
      List<Finding> in = of(c);
      if (in.isEmpty() || c == Category.WEAKENED_PROTECTION) {
        continue;
      }
      line("#### " + c.title());
      in.stream().limit(CATEGORY_LIMIT).forEach(f -> line("- " + bullet(f)));
      if (in.size() > CATEGORY_LIMIT) {
        line("- ... and " + (in.size() - CATEGORY_LIMIT) + " more (see `meshplate diff --format json`)");
      }
      line("");
    }
  }

  private void deletions() {
    if (review.deletions().isEmpty()) {
      return;
    }
    line("#### Deletions (blast radius)");
    for (Deletion d : review.deletions()) {
      line("- " + (d.blocked() ? "**BLOCKED** " : "approved: ") + md(Reviewer.blastRadius(d)));
    }
    line("");
  }

  /** Rollout waves that move: what the operator does once the change is synced. */
  private void waves() {
    if (review.waves().isEmpty()) {
      return;
    }
    line("#### Wave moves: operator checklist");
    line("");
    StringBuilder section = new StringBuilder();
    WaveChangesFormat.markdown(section, review.waves(), "#####");
    out.append(section);
  }

  private void graph() {
    List<CallEdge> edges = review.callGraph();
    if (edges.isEmpty()) {
      return;
    }
    line("#### Allowed calls between the tenants this change touches");
    line("");
    line("```mermaid");
    line("graph LR");
    List<String> styles = new ArrayList<>();
    int index = 0;
    for (CallEdge e : edges.subList(0, Math.min(edges.size(), GRAPH_LIMIT))) {
      String from = node(e.from());
      String to = node(e.to());
      switch (e.state()) {
        case "added" -> {
          line("  " + from + " ==>|added: " + String.join(" ", e.overlays()) + "| " + to);
          styles.add("  linkStyle " + index + " stroke:#1a7f37,stroke-width:3px");
        }
        case "removed" -> {
          line("  " + from + " -.->|removed: " + String.join(" ", e.overlays()) + "| " + to);
          styles.add("  linkStyle " + index + " stroke:#cf222e,stroke-width:3px");
        }
        default -> line("  " + from + " --> " + to);
      }
      index++;
    }
    styles.forEach(this::line);
    line("```");
    if (edges.size() > GRAPH_LIMIT) {
      line("(" + (edges.size() - GRAPH_LIMIT) + " more edges not drawn)");
    }
    line("");
  }

  private void details() {
    SortedMap<String, List<ObjectChange>> byTenant = new TreeMap<>();
    for (ObjectChange c : review.changes()) {
      byTenant.computeIfAbsent(c.tenant() == null ? " platform" : c.tenant(), k -> new ArrayList<>()).add(c);
    }
    if (byTenant.isEmpty()) {
      return;
    }
    line("#### Changes per tenant");
    line("");
    int shown = 0;
    for (Map.Entry<String, List<ObjectChange>> entry : byTenant.entrySet()) {
      String name = entry.getKey().strip();
      List<ObjectChange> changes = entry.getValue();
      int before = out.length();
      tenantDetails(name, changes);
      if (out.length() > COMMENT_LIMIT) {
        out.setLength(before);
        line("Details of " + (byTenant.size() - shown) + " more tenant folders are left out to keep this comment "
            + "under GitHub's size limit; run `meshplate diff` for all of them.");
        return;
      }
      shown++;
    }
  }

  private void tenantDetails(String name, List<ObjectChange> changes) {
    SortedSet<String> overlays = new TreeSet<>();
    changes.forEach(c -> overlays.add(c.overlay()));
    line("<details><summary><b>" + md(name) + "</b>: " + changes.size() + " object"
        + (changes.size() == 1 ? "" : "s") + " changed in " + md(String.join(", ", overlays)) + "</summary>");
    line("");
    line("```diff");
    for (ObjectChange c : changes) {
      String mark = switch (c.type()) {
        case ADDED -> "+";
        case REMOVED -> "-";
        case CHANGED -> "!";
      };
      line(mark + " " + Messages.escape(c.key().display()) + "  (" + c.overlay() + ": " + Messages.escape(c.file()) + ")");
      for (FieldChange f : c.fields()) {
        line("    " + Messages.escape(f.path()) + ": " + Values.change(f));
      }
    }
    line("```");
    line("");
    line("</details>");
    line("");
  }

  private List<Finding> of(Category category) {
    return review.findings().stream().filter(f -> f.category() == category).toList();
  }

  private static String bullet(Finding f) {
    String tenant = f.tenant() == null || f.tenant().equals(f.subject()) ? "" : "**" + md(f.tenant()) + "**: ";
    return tenant + code(f.subject()) + " " + md(f.detail()) + in(f);
  }

  private static String in(Finding f) {
    return f.overlays().isEmpty() ? "" : " in **" + md(String.join(", ", f.overlays())) + "**";
  }

  private static String node(String tenant) {
    String id = "t_" + tenant.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    return id + "[\"" + Messages.escape(tenant).replace("\"", "'") + "\"]";
  }

  /** Inline code, safe for any text (backticks cannot close it early). */
  private static String code(String text) {
    return "`" + Messages.escape(text).replace('`', '\'') + "`";
  }

  /** Text safe in Markdown and HTML: no tags, no emphasis, no links from input. */
  static String md(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : Messages.escape(text).toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '*', '_', '[', ']', '`', '|', '#' -> sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
