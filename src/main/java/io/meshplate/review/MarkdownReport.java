package io.meshplate.review;

import io.meshplate.review.Finding.Category;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The review as a pull-request comment. The first lines answer the reviewer's first questions:
 * which protections weaken, and whose access widens, where. Details fold per tenant.
 */
final class MarkdownReport {
  private static final int HEADLINE_LIMIT = 10;
  private static final int GRAPH_LIMIT = 200;
  private static final int CATEGORY_LIMIT = 50;
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
    if (!review.hasChanges()) {
      line("No changes in the rendered output between " + code(review.base()) + " and " + code(review.head()) + ".");
      return out.toString();
    }
    headline();
    line("Comparing " + code(review.base()) + " with " + code(review.head()) + ": "
        + md(TextReport.overview(review)) + ".");
    line("");
    summary();
    deletions();
    waves();
    graph();
    details();
    return out.toString();
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
    if (widened.isEmpty()) {
      line("**Access widened:** none.  ");
    }
    List<Deletion> blocked = review.blockedDeletions();
    for (Deletion d : blocked) {
      line("**Deletion blocked:** " + md(Reviewer.blastRadius(d)) + "; approve with `--allow-deletion "
          + md(d.tenant()) + "`.  ");
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
    io.meshplate.rollout.WaveChangesFormat.markdown(section, review.waves(), "#####");
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
