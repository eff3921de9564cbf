package io.meshplate.yaml;

import io.meshplate.yaml.SourceMap.Position;
import java.util.Optional;

/**
 * Finds a quoted string that runs over a line end into the place where parsing failed: YAML
 * lets quoted strings span lines, so a forgotten closing quote swallows the following lines
 * and the parser fails far from the mistake. Descriptors never need a multi-line quoted string.
 */
final class QuoteScanner {
  private QuoteScanner() {}

  /**
   * The opening quote of the string that spans a line end and is still open at {@code failure},
   * or closed on the failure's own line; empty when there is none.
   */
  static Optional<Position> unclosedBefore(String[] lines, Position failure) {
    char open = 0;
    Position openedAt = null;
    Position lastMultiLine = null;
    int lastMultiLineClosedOn = -1;
    for (int i = 0; i < lines.length && i < failure.line(); i++) {
      String line = lines[i];
      int end = i == failure.line() - 1 ? Math.min(line.length(), failure.column() - 1) : line.length();
      for (int c = 0; c < end; c++) {
        char ch = line.charAt(c);
        if (open == 0) {
          if (ch == '#' && (c == 0 || Character.isWhitespace(line.charAt(c - 1)))) {
            break; // a comment runs to the end of the line
          }
          if ((ch == '"' || ch == '\'') && startsScalar(line, c)) {
            open = ch;
            openedAt = new Position(i + 1, c + 1);
          }
        } else if (open == '"' && ch == '\\') {
          c++; // an escaped character, possibly a quote
        } else if (ch == open) {
          if (open == '\'' && c + 1 < line.length() && line.charAt(c + 1) == '\'') {
            c++; // '' is a quote inside a single-quoted string
          } else {
            if (openedAt.line() != i + 1) {
              lastMultiLine = openedAt;
              lastMultiLineClosedOn = i + 1;
            }
            open = 0;
          }
        }
      }
    }
    if (open != 0 && openedAt.line() < failure.line()) {
      return Optional.of(openedAt);
    }
    return lastMultiLineClosedOn == failure.line() ? Optional.of(lastMultiLine) : Optional.empty();
  }

  /** A quote starts a quoted scalar only where a value can start: after indentation, `: `, `- `, `[`, `{` or `,`. */
  private static boolean startsScalar(String line, int at) {
    for (int i = at - 1; i >= 0; i--) {
      char before = line.charAt(i);
      if (before == ' ' || before == '\t') {
        continue;
      }
      return before == ':' || before == '-' || before == '[' || before == '{' || before == ',' || before == '?';
    }
    return true;
  }
}
