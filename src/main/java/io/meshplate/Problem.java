package io.meshplate;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong with an input, positioned so that editors and CI logs can jump to it.
 *
 * <p>Printed as {@code file:line:column: RULE-ID: message (hint)}. {@code file} is relative to
 * the project root and uses {@code /}; line and column are 1-based, 0 when unknown.
 */
public record Problem(String file, int line, int column, String rule, String message, String hint)
    implements Comparable<Problem> {

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::rule)
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    hint = hint == null || hint.isBlank() ? null : hint;
  }

  public static Problem at(String file, int line, int column, String rule, String message) {
    return new Problem(file, line, column, rule, message, null);
  }

  public Problem withHint(String newHint) {
    return new Problem(file, line, column, rule, message, newHint);
  }

  /**
   * The single-line form every command prints. Control and invisible formatting characters that
   * reached any part (a file name with a newline, an ANSI escape) are shown as {@code \\uXXXX}:
   * a problem is always one line, so input cannot forge further lines in a CI log (such as
   * {@code ::error::} workflow commands) or recolour the terminal.
   */
  public String format() {
    StringBuilder sb = new StringBuilder(visible(file));
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ").append(visible(rule)).append(": ").append(visible(message));
    if (hint != null) {
      sb.append(" (").append(visible(hint)).append(')');
    }
    return sb.toString();
  }

  /**
   * Leaves printable text (any script) as it is; escapes C0/C1 controls, line and bidi marks,
   * invisible characters and U+FFFD (what a file name's non-UTF-8 bytes decode to when they
   * could not be shown as {@code \xNN}). Used for every line meshplate prints about input.
   */
  public static String visible(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hidden = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
          || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || c == 0x061c
          || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff || c == 0xfffd;
      if (hidden && sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (sb != null) {
        if (hidden) {
          sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return format();
  }
}
