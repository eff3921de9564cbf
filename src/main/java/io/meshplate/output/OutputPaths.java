package io.meshplate.output;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape every path below {@code output/} must have before it touches the file system: a
 * relative path of ASCII segments joined by {@code /}. Checked by whole-string match, so no
 * {@code ..}, absolute path, backslash, NUL, hidden or look-alike name can slip through.
 */
final class OutputPaths {
  static final String RULE_INVALID = "OUTPUT-PATH-INVALID";

  private static final int MAX_PATH = 1024;
  private static final int MAX_SEGMENT = 255;
  // Starts with a letter, digit or underscore, so ".", "..", hidden files and "-flags" are out.
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern WINDOWS_DEVICE =
      Pattern.compile("(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
  private static final Set<Character> NEVER = Set.of('\\', '\0', ':');

  private OutputPaths() {}

  /** Why {@code relative} is not a safe path below {@code output/}, or empty when it is. */
  static Optional<String> whyInvalid(String relative) {
    if (relative == null || relative.isEmpty()) {
      return Optional.of("empty path");
    }
    if (relative.length() > MAX_PATH) {
      return Optional.of("path longer than " + MAX_PATH + " characters");
    }
    for (int i = 0; i < relative.length(); i++) {
      char c = relative.charAt(i);
      if (NEVER.contains(c) || c < 0x20 || c > 0x7e) {
        return Optional.of("path contains a character outside the allowed ASCII set");
      }
    }
    if (relative.startsWith("/")) {
      return Optional.of("path is absolute");
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("path has an empty segment");
      }
      if (segment.length() > MAX_SEGMENT) {
        return Optional.of("path segment longer than " + MAX_SEGMENT + " characters");
      }
      if (!SEGMENT.matcher(segment).matches() || segment.endsWith(".")) {
        return Optional.of("path segment '" + segment + "' is not [A-Za-z0-9_][A-Za-z0-9._-]*");
      }
      // ASCII-only at this point, so lower-casing with ROOT is exact.
      if (WINDOWS_DEVICE.matcher(segment.toLowerCase(Locale.ROOT)).matches()) {
        return Optional.of("path segment '" + segment + "' is a reserved device name");
      }
    }
    return Optional.empty();
  }

  static Problem invalid(String relative, String why) {
    String shown = relative == null ? "<null>" : Messages.escape(relative);
    return Problem.at("output/" + shown, 0, 0, RULE_INVALID, "refusing to write '" + shown + "': " + why)
        .withHint("output paths come from tenant and template names; fix the name that produced it");
  }

  /** A scope without its trailing slash ({@code dev/} becomes {@code dev}). */
  static String scopeDir(String scope) {
    return scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
  }

  /**
   * True when a proper ancestor folder of {@code relative} is one of {@code scopeDirs}: one set
   * lookup per path segment, so thousands of tenant scopes cost nothing extra per file.
   */
  static boolean isInsideAny(String relative, Set<String> scopeDirs) {
    for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
      if (scopeDirs.contains(relative.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }
}
