package io.meshplate;

import java.util.Comparator;
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

  /** The single-line form every command prints. */
  public String format() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ").append(rule).append(": ").append(message);
    if (hint != null) {
      sb.append(" (").append(hint).append(')');
    }
    return sb.toString();
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
