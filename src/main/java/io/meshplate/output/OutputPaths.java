package io.meshplate.output;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The shape every path below {@code output/} must have before it touches the file system: a
 * relative path of ASCII segments joined by {@code /}. Checked by whole-string match, so no
 * {@code ..}, absolute path, backslash, NUL, hidden or look-alike name can slip through.
 */
final class OutputPaths {
  static final String RULE_INVALID = "OUTPUT-PATH-INVALID";

  private static final int MAX_PATH = 1024;
  private static final int MAX_SEGMENT = 255;
  // A segment starts with a letter, digit or underscore, so ".", "..", hidden files and "-flags" are out.
  private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul");
  private static final String NEVER = "\\\0:";

  private OutputPaths() {}

  /** Why {@code relative} is not a safe path below {@code output/}, or empty when it is. */
  static Optional<String> whyInvalid(String relative) {
    if (relative == null || relative.isEmpty()) {
      return Optional.of("empty path");
    }
    if (relative.length() > MAX_PATH) {
      return Optional.of("path longer than " + MAX_PATH + " characters");
    }
    if (!allowedCharacters(relative)) {
      return Optional.of(OUTSIDE_ASCII);
    }
    if (relative.startsWith("/")) {
      return Optional.of("path is absolute");
    }
    int start = 0;
    while (true) {
      int end = relative.indexOf('/', start);
      String segment = end < 0 ? relative.substring(start) : relative.substring(start, end);
      Optional<String> why = whyInvalidSegment(segment);
      if (why.isPresent()) {
        return why;
      }
      if (end < 0) {
        return Optional.empty();
      }
      start = end + 1;
    }
  }

  /**
   * Why {@code folder/name} is not a safe path, for a {@code folder} that {@link #whyInvalid}
   * already accepted and a {@code name} without {@code /}: the same answer as {@code
   * whyInvalid(folder + "/" + name)} without checking the folder's segments once per file.
   */
  static Optional<String> whyInvalidIn(String folder, String name) {
    if (folder.length() + 1 + name.length() > MAX_PATH) {
      return Optional.of("path longer than " + MAX_PATH + " characters");
    }
    if (!allowedCharacters(name)) {
      return Optional.of(OUTSIDE_ASCII);
    }
    return whyInvalidSegment(name);
  }

  private static final String OUTSIDE_ASCII = "path contains a character outside the allowed ASCII set";

  /** Printable ASCII only, and none of backslash, NUL or colon. */
  private static boolean allowedCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (NEVER.indexOf(c) >= 0 || c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** One segment: {@code [A-Za-z0-9_][A-Za-z0-9._-]*}, not ending in a dot, not a device name. */
  private static Optional<String> whyInvalidSegment(String segment) {
    if (segment.isEmpty()) {
      return Optional.of("path has an empty segment");
    }
    if (segment.length() > MAX_SEGMENT) {
      return Optional.of("path segment longer than " + MAX_SEGMENT + " characters");
    }
    boolean valid = isWordChar(segment.charAt(0)) && segment.charAt(segment.length() - 1) != '.';
    for (int i = 1; valid && i < segment.length(); i++) {
      char c = segment.charAt(i);
      valid = isWordChar(c) || c == '.' || c == '-';
    }
    if (!valid) {
      return Optional.of("path segment '" + segment + "' is not [A-Za-z0-9_][A-Za-z0-9._-]*");
    }
    // ASCII-only at this point, so lower-casing with ROOT is exact.
    if (isDeviceName(segment.toLowerCase(Locale.ROOT))) {
      return Optional.of("path segment '" + segment + "' is a reserved device name");
    }
    return Optional.empty();
  }

  private static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** Windows device names, alone or with any extension: {@code con}, {@code lpt1.yaml}. */
  private static boolean isDeviceName(String lower) {
    int dot = lower.indexOf('.');
    String stem = dot < 0 ? lower : lower.substring(0, dot);
    return DEVICES.contains(stem)
        || stem.length() == 4 && (stem.startsWith("com") || stem.startsWith("lpt"))
            && stem.charAt(3) >= '0' && stem.charAt(3) <= '9';
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
