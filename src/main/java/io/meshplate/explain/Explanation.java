package io.meshplate.explain;

import java.util.List;

/**
 * What {@code meshplate explain} prints: deterministic lines of text.
 *
 * @param lines without line ends
 */
public record Explanation(List<String> lines) {
  public Explanation {
    lines = List.copyOf(lines);
  }

  /** The lines joined with LF, ending with LF. */
  public String text() {
    return String.join("\n", lines) + "\n";
  }
}
