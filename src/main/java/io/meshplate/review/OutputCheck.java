package io.meshplate.review;

import java.util.List;
import java.util.SortedSet;

/**
 * Whether the new side's {@code output/} matched its own descriptors and templates, and so what
 * the review's comparison means. A review of stale output says nothing about the change a pull
 * request makes to its descriptors, so every report says so first.
 *
 * @param state what was found
 * @param staleFiles output files (relative to {@code output/}) whose objects differ from a fresh
 *     render, sorted; empty unless stale
 * @param problem for {@link State#INVALID_SOURCES}: the first problem that stopped the render
 */
public record OutputCheck(State state, List<String> staleFiles, String problem) {
  /** What the check found. */
  public enum State {
    /** Not checked: both sides are committed revisions. */
    NOT_CHECKED,
    /** {@code output/} equals a fresh render of {@code tenants/} and {@code templates/}. */
    CURRENT,
    /** {@code output/} is stale; the review compares it as it is. */
    STALE,
    /** {@code output/} is stale; the review compares fresh renders of both sides instead. */
    STALE_RENDERED,
    /** {@code tenants/} or {@code templates/} do not validate, so {@code output/} may be stale. */
    INVALID_SOURCES
  }

  public static final OutputCheck NOT_CHECKED = new OutputCheck(State.NOT_CHECKED, List.of(), null);
  public static final OutputCheck CURRENT = new OutputCheck(State.CURRENT, List.of(), null);

  public OutputCheck {
    staleFiles = List.copyOf(staleFiles);
  }

  /** Compares the output the review would otherwise use with a fresh render of the same side. */
  public static OutputCheck compare(OutputSnapshot output, OutputSnapshot rendered, boolean reviewUsesRender) {
    SortedSet<String> differing = output.differingFiles(rendered);
    if (differing.isEmpty()) {
      return CURRENT;
    }
    return new OutputCheck(reviewUsesRender ? State.STALE_RENDERED : State.STALE, List.copyOf(differing), null);
  }

  /** The sources do not render; {@code problem} is the first problem, as printed. */
  public static OutputCheck invalidSources(String problem) {
    return new OutputCheck(State.INVALID_SOURCES, List.of(), problem);
  }

  /** One paragraph for reports, or null when there is nothing to say. */
  String note() {
    return switch (state) {
      case NOT_CHECKED, CURRENT -> null;
      case STALE -> "output/ is stale: it does not match tenants/ and templates/ (" + files() + "). This review "
          + "compares output/ as it is, so it does not show what the descriptor and template changes do: run "
          + "meshplate diff --render to review them, or meshplate render first.";
      case STALE_RENDERED -> "output/ is stale: it does not match tenants/ and templates/ (" + files() + "), so this "
          + "review compares fresh renders of tenants/ and templates/ at both sides instead of the committed "
          + "output/. Run ./meshplate render and commit output/.";
      case INVALID_SOURCES -> "tenants/ or templates/ do not validate, so output/ may not match them and this "
          + "review may not show what they would change: " + problem + " (run meshplate validate).";
    };
  }

  private String files() {
    int shown = Math.min(3, staleFiles.size());
    String listed = String.join(", ", staleFiles.subList(0, shown).stream().map(f -> "output/" + f).toList());
    return staleFiles.size() + (staleFiles.size() == 1 ? " file differs: " : " files differ: ") + listed
        + (staleFiles.size() > shown ? ", ..." : "");
  }
}
