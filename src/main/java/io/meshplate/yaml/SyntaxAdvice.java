package io.meshplate.yaml;

import io.meshplate.yaml.SourceMap.Position;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Turns the YAML parser's syntax errors into plain advice at the place to fix. The parser
 * reports where it gave up, which is often lines after the mistake and in its own vocabulary
 * ({@code expected <block end>, but found '?'}); the common mistakes are recognised here: a tab
 * used for indentation, a quote or bracket never closed, a line indented to no level above, a
 * key where a list expects {@code - } items, a missing or doubled {@code :}, a reserved
 * character starting a value. Positions never lie past the end of the file.
 */
final class SyntaxAdvice {
  /** Advice for one error: where, what is wrong, how to fix it. */
  record Advice(Position at, String message, String hint) {}

  private final String[] lines;

  SyntaxAdvice(String text) {
    this.lines = text.split("\r?\n", -1);
  }

  Advice of(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    Position problemAt = position(e.getProblemMark().or(e::getContextMark));
    Optional<Position> contextAt = e.getContextMark().map(SyntaxAdvice::toPosition);

    Optional<Position> openQuote = QuoteScanner.unclosedBefore(lines, problemAt);
    if (openQuote.isPresent() && problem.contains("end of stream")) {
      return new Advice(clamp(openQuote.get()), "the quoted string that starts here is never closed",
          "close it with the same quote it starts with, on this line");
    }
    if (openQuote.isPresent()) {
      return new Advice(clamp(openQuote.get()),
          "the quoted string that starts here is not closed on its line, so YAML reads the lines after it as"
              + " part of the string (parsing failed at line " + clamp(problemAt).line() + ")",
          "close the string with the same quote on this line");
    }
    if (context.contains("quoted scalar") && problem.contains("end of stream")) {
      return new Advice(clamp(contextAt.orElse(problemAt)), "the quoted string that starts here is never closed",
          "close it with the same quote it starts with");
    }
    if (problem.contains("unknown escape character")) {
      return new Advice(clamp(problemAt), "`\\" + escapedCharacter(problemAt)
              + "` is not an escape sequence in a double-quoted string",
          "write `\\\\` for a backslash, or put the value in single quotes, where `\\` has no special meaning");
    }
    if (context.contains("flow sequence") || context.contains("flow mapping")) {
      boolean list = context.contains("sequence");
      String where = problem.contains("<stream end>") ? " before the end of the file"
          : " before line " + clamp(problemAt).line();
      return new Advice(clamp(contextAt.orElse(problemAt)), "the " + (list ? "list opened with `[`" : "map opened with `{`")
              + " here is not closed" + (list ? " with `]`" : " with `}`") + where,
          "close it on this line" + (list ? ", e.g. `[a, b]`" : ", e.g. `{name: http, port: 8080}`")
              + ", and separate entries with `, `");
    }
    if (problem.contains("\\t(TAB)") || problem.contains("tab character")) {
      return new Advice(clamp(problemAt), "a tab character indents this line; YAML indents with spaces only",
          "replace the tab with spaces, as many as the lines around it use");
    }
    if (problem.contains("cannot start any token")) {
      String character = problem.replaceFirst("^found character '(.*?)' that cannot start.*$", "$1");
      return new Advice(clamp(problemAt), "'" + Messages.escape(character) + "' cannot start a plain value in YAML (it is reserved)",
          "put the value in double quotes, e.g. \"" + Messages.escape(character) + "...\"");
    }
    if (problem.contains("mapping values are not allowed")) {
      return missingOrDoubledColon(problemAt);
    }
    if (problem.contains("but found '?'") || problem.contains("but found '<block mapping start>'") && context.contains("collection")) {
      return new Advice(clamp(problemAt), "a `key:` at the indentation of the list above, which holds only `- ` items",
          "indent it under the item it belongs to (two spaces past its `- `), or start a new item with `- `");
    }
    if (problem.contains("but found '-'")) {
      return new Advice(clamp(problemAt), "a list item `- ` where the map above expects `key: value` lines",
          "write the key the list belongs to (`key:`) and indent the items under it, or remove the `-`");
    }
    if (problem.startsWith("expected <block end>")) {
      Position at = clamp(problemAt);
      return new Advice(at, "this line is indented by " + spaces(at.column() - 1) + ", which lines up with none of the"
              + " lines above it" + siblings(at.line()),
          "indent it with spaces exactly as far as the other entries of the map or list it belongs to");
    }
    return new Advice(clamp(problemAt), Messages.escape(problem.strip().replaceAll("\\s*\\R\\s*", " ")),
        "check indentation and quoting at this position");
  }

  /**
   * {@code a: b: c} (a second {@code :} in one value), or a key whose {@code :} is missing on
   * an earlier line, so that line and this one read as one plain value.
   */
  private Advice missingOrDoubledColon(Position problemAt) {
    Position at = clamp(problemAt);
    int index = at.line() - 1;
    String line = lines[index];
    int valueStart = line.indexOf(": ");
    if (valueStart >= 0 && valueStart + 1 < at.column() - 1) {
      return new Advice(at, "a second `: ` in one line: a value cannot contain `: ` unquoted",
          "put the value in quotes, e.g. `key: \"a: b\"`");
    }
    for (int i = index - 1; i >= 0; i--) {
      String previous = lines[i].strip();
      if (previous.isEmpty() || previous.startsWith("#")) {
        continue;
      }
      if (!previous.contains(":") && !previous.startsWith("-")) {
        int column = lines[i].indexOf(previous) + 1;
        return new Advice(new Position(i + 1, column), "line " + (i + 1) + " has no `:` after its key, so YAML joins it with"
            + " the next line into one value", "write `" + Messages.escape(previous) + ":`");
      }
      break;
    }
    return new Advice(at, "`: ` is not allowed here", "put the value in quotes if it contains `: `");
  }

  /** ": the nearest line above is indented by N (`key`)" for the hint of an indentation error. */
  private String siblings(int line) {
    for (int i = line - 2; i >= 0; i--) {
      String above = lines[i];
      String content = above.stripLeading();
      if (content.isEmpty() || content.startsWith("#")) {
        continue;
      }
      int indent = above.length() - content.length();
      if (content.startsWith("- ")) {
        indent += 2;
        content = content.substring(2);
      }
      String key = content.contains(":") ? content.substring(0, content.indexOf(':')) : content;
      return "; line " + (i + 1) + " (`" + Messages.escape(key.strip()) + "`) is indented by " + spaces(indent);
    }
    return "";
  }

  private static String spaces(int count) {
    return count == 1 ? "1 space" : count + " spaces";
  }

  private String escapedCharacter(Position at) {
    String line = lines[Math.min(at.line(), lines.length) - 1];
    int index = at.column() - 1;
    return index >= 0 && index < line.length() ? String.valueOf(line.charAt(index)) : "?";
  }

  /**
   * The position on the last character of the file when {@code at} lies past it (the parser
   * reports an unexpected end of input on the line after the last one).
   */
  Position clamp(Position at) {
    int last = lines.length;
    while (last > 1 && lines[last - 1].isEmpty()) {
      last--;
    }
    if (at.line() < 1) {
      return new Position(1, 1);
    }
    if (at.line() > last || (at.line() == last && at.column() > lines[last - 1].length() + 1)) {
      return new Position(last, Math.max(1, lines[last - 1].length()));
    }
    return new Position(at.line(), Math.max(1, Math.min(at.column(), lines[at.line() - 1].length() + 1)));
  }

  private static Position position(Optional<Mark> mark) {
    return mark.map(SyntaxAdvice::toPosition).orElse(new Position(1, 1));
  }

  private static Position toPosition(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
