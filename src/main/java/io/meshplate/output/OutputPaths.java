package io.meshplate.output;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.List;
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
  private static final List<String> DEVICES = List.of("con", "prn", "aux", "nul");

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
    for (int start = 0; ; ) {
      int slash = relative.indexOf('/', start);
      int end = slash < 0 ? relative.length() : slash;
      Optional<String> why = whyInvalidSegment(relative, start, end);
      if (why.isPresent() || slash < 0) {
        return why;
      }
      start = slash + 1;
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
    return whyInvalidSegment(name, 0, name.length());
  }

  private static final String OUTSIDE_ASCII = "path contains a character outside the allowed ASCII set";

  /** Printable ASCII only, and none of backslash, NUL or colon. */
  private static boolean allowedCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '\\' || c == ':') {
        return false;
      }
    }
    return true;
  }

  /**
   * One segment, {@code path[from, to)}: {@code [A-Za-z0-9_][A-Za-z0-9._-]*}, not ending in a
   * dot, not a device name. Read in place: a journal's check looks at every path of a render
   * (52,000 at 1,000 tenants), and a copy of each segment was most of its time.
   */
  private static Optional<String> whyInvalidSegment(String path, int from, int to) {
    if (from == to) {
      return Optional.of("path has an empty segment");
    }
    if (to - from > MAX_SEGMENT) {
      return Optional.of("path segment longer than " + MAX_SEGMENT + " characters");
    }
    boolean valid = isWordChar(path.charAt(from)) && path.charAt(to - 1) != '.';
    for (int i = from + 1; valid && i < to; i++) {
      char c = path.charAt(i);
      valid = isWordChar(c) || c == '.' || c == '-';
    }
    if (!valid) {
      return Optional.of("path segment '" + path.substring(from, to) + "' is not [A-Za-z0-9_][A-Za-z0-9._-]*");
    }
    if (isDeviceName(path, from, to)) {
      return Optional.of("path segment '" + path.substring(from, to) + "' is a reserved device name");
    }
    return Optional.empty();
  }

  private static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /**
   * Windows device names, alone or with any extension, in any case: {@code con}, {@code LPT1.yaml}.
   * The segment is ASCII at this point, so comparing while ignoring case is exact.
   */
  private static boolean isDeviceName(String path, int from, int to) {
    int dot = path.indexOf('.', from);
    int stem = (dot < 0 || dot > to ? to : dot) - from;
    if (stem == 3) {
      for (String device : DEVICES) {
        if (path.regionMatches(true, from, device, 0, 3)) {
          return true;
        }
      }
      return false;
    }
    return stem == 4 && (path.regionMatches(true, from, "com", 0, 3) || path.regionMatches(true, from, "lpt", 0, 3))
        && path.charAt(from + 3) >= '0' && path.charAt(from + 3) <= '9';
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
