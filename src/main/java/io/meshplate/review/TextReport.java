package io.meshplate.review;

import io.meshplate.review.Finding.Category;
import io.meshplate.rollout.WaveChangesFormat;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** The review for a terminal: summary first, then every object change. */
final class TextReport {
  private static final String RED = "\u001b[1;31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final Review review;
  private final boolean colour;
  private final StringBuilder out = new StringBuilder();

  TextReport(Review review, boolean colour) {
    this.review = review;
    this.colour = colour;
  }

  String render() {
    line(paint(BOLD, "meshplate review: " + Messages.escape(review.base()) + " -> " + Messages.escape(review.head())));
    String note = review.outputCheck().note();
    if (note != null) {
      line(paint(YELLOW, "note: " + Messages.escape(note)));
    }
    boolean stale = review.outputCheck().state() == OutputCheck.State.STALE;
    line(stale && !review.hasChanges() ? "No changes in output/." : overview(review));
    scope();
    if (!review.hasChanges()) {
      return out.toString();
    }
    for (Category category : Category.values()) {
      List<Finding> in = review.findings().stream().filter(f -> f.category() == category).toList();
      if (in.isEmpty()) {
        continue;
      }
      line("");
      boolean loud = category == Category.WEAKENED_PROTECTION;
      line(loud ? paint(RED, "!! " + category.title().toUpperCase(Locale.ROOT) + " !!") : paint(BOLD, category.title()));
      for (Finding f : in) {
        String text = "  " + (loud ? "!! " : "") + findingLine(f);
        line(loud ? paint(RED, text) : text);
      }
    }
    if (!review.deletions().isEmpty()) {
      line("");
      line(paint(BOLD, "Deletions (blast radius)"));
      for (Deletion d : review.deletions()) {
        String text = "  " + (d.blocked() ? "BLOCKED " : "approved ") + Messages.escape(Reviewer.blastRadius(d))
            + (d.blocked() ? " -- approve with --allow-deletion " + d.tenant() : "");
        line(d.blocked() ? paint(RED, text) : text);
      }
    }
    if (!review.waves().isEmpty()) {
      line("");
      line(paint(BOLD, "Wave moves: operator checklist"));
      StringBuilder section = new StringBuilder();
      WaveChangesFormat.text(section, review.waves(), "  ");
      out.append(section);
    }
    details();
    return out.toString();
  }

  private void scope() {
    ChangeScope scope = review.scope();
    if (scope == null) {
      return;
    }
    String tenants = scope.tenants().isEmpty() ? "no tenant" : "tenants " + String.join(", ", scope.tenants());
    String platform = scope.touchesPlatform()
        ? "platform paths (the platform team reviews them): " + String.join(", ", scope.platformPaths())
        : "no platform path";
    String text = "scope: " + Messages.escape(tenants + "; " + platform);
    line(scope.touchesPlatform() ? paint(YELLOW, text) : text);
  }

  static String findingLine(Finding f) {
    String where = f.overlays().isEmpty() ? "" : " [" + String.join(", ", f.overlays()) + "]";
    String tenant = f.tenant() == null || f.tenant().equals(f.subject()) ? "" : f.tenant() + ": ";
    return Messages.escape(tenant + f.subject() + " " + f.detail() + where);
  }

  /** One line of counts, also the whole report when nothing changed. */
  static String overview(Review review) {
    if (!review.hasChanges()) {
      return "No changes.";
    }
    long added = review.changes().stream().filter(c -> c.type() == ObjectChange.Type.ADDED).count();
    long removed = review.changes().stream().filter(c -> c.type() == ObjectChange.Type.REMOVED).count();
    long changed = review.changes().size() - added - removed;
    SortedSet<String> tenants = changedTenants(review);
    SortedSet<String> overlays = new TreeSet<>();
    review.changes().forEach(c -> overlays.add(c.overlay()));
    return String.format(Locale.ROOT,
        "%d objects added, %d removed, %d changed; %d of %d tenants touched; overlays: %s",
        added, removed, changed, tenants.size(), review.tenants(),
        overlays.isEmpty() ? "none" : String.join(", ", overlays));
  }

  static SortedSet<String> changedTenants(Review review) {
    SortedSet<String> tenants = new TreeSet<>();
    review.changes().stream().map(ObjectChange::tenant).filter(Objects::nonNull).forEach(tenants::add);
    return tenants;
  }

  private void details() {
    if (review.changes().isEmpty()) {
      return;
    }
    line("");
    line(paint(BOLD, "Changes"));
    String group = null;
    for (ObjectChange c : review.changes()) {
      String g = c.overlay() + "/" + (c.tenant() == null ? "platform" : c.tenant());
      if (!g.equals(group)) {
        group = g;
        line("  " + g);
      }
      String mark = switch (c.type()) {
        case ADDED -> paint(GREEN, "+");
        case REMOVED -> paint(RED, "-");
        case CHANGED -> paint(YELLOW, "~");
      };
      line("    " + mark + " " + Messages.escape(c.key().display()) + "  (" + Messages.escape(c.file()) + ")");
      for (FieldChange f : c.fields()) {
        line("        " + Messages.escape(f.path()) + ": " + Values.change(f));
      }
    }
  }

  private String paint(String ansi, String text) {
    return colour ? ansi + text + RESET : text;
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
