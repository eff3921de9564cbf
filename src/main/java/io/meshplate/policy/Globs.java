package io.meshplate.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The glob matching Argo CD applies: over whole strings ({@code *} any run of characters,
 * {@code ?} one, {@code [...]} a class) for project fields, and Go's {@code path.Match} (where
 * {@code *} and {@code ?} stop at {@code /}) for git directory generator paths.
 */
final class Globs {
  private Globs() {}

  /** Whether {@code pattern} has any glob character. */
  static boolean isGlob(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
  }

  /** Whole-string match; {@code *} also crosses {@code /}. */
  static boolean matches(String pattern, String value) {
    return isGlob(pattern) ? WHOLE.computeIfAbsent(pattern, p -> compile(p, ".*", ".")).matcher(value).matches()
        : pattern.equals(value);
  }

  /** Go path.Match: {@code *} and {@code ?} never match {@code /}. */
  static boolean matchesPath(String pattern, String value) {
    return isGlob(pattern) ? PATH.computeIfAbsent(pattern, p -> compile(p, "[^/]*", "[^/]")).matcher(value).matches()
        : pattern.equals(value);
  }

  // Patterns come from templates, a handful per overlay: compiled once per run.
  private static final Map<String, Pattern> WHOLE = new ConcurrentHashMap<>();
  private static final Map<String, Pattern> PATH = new ConcurrentHashMap<>();

  private static Pattern compile(String glob, String star, String one) {
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (char c : glob.toCharArray()) {
      if (inClass) {
        regex.append(c == '\\' ? "\\\\" : c);
        inClass = c != ']';
      } else if (c == '*') {
        regex.append(star);
      } else if (c == '?') {
        regex.append(one);
      } else if (c == '[') {
        regex.append('[');
        inClass = true;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
