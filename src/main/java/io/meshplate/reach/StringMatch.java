package io.meshplate.reach;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An AuthorizationPolicy string match: exact {@code abc}, prefix {@code abc*}, suffix
 * {@code *abc} or presence {@code *} (https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule).
 * Path templates ({@code {*}}, {@code {**}}, Istio 1.22+) are not evaluated: they are unknown.
 *
 * @param ignoreCase hosts match case-insensitively (Operation.hosts)
 */
record StringMatch(String pattern, boolean ignoreCase) {
  // Written out, as Ref's are: rules are compared for every sample request of every flow.
  @Override
  public boolean equals(Object other) {
    return other instanceof StringMatch m && ignoreCase == m.ignoreCase && Objects.equals(pattern, m.pattern);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(pattern) * 31 + Boolean.hashCode(ignoreCase);
  }

  static StringMatch of(String pattern) {
    return new StringMatch(pattern, false);
  }

  static StringMatch host(String pattern) {
    return new StringMatch(pattern.toLowerCase(Locale.ROOT), true);
  }

  boolean understood() {
    if (pattern.indexOf('{') >= 0) {
      return false;
    }
    int star = pattern.indexOf('*');
    // none, the presence match, one leading (suffix match) or one trailing (prefix match)
    return star < 0 || pattern.length() == 1 || star == 0 && pattern.lastIndexOf('*') == 0
        || star == pattern.length() - 1;
  }

  boolean isPresence() {
    return pattern.equals("*");
  }

  boolean isPrefix() {
    return !isPresence() && pattern.endsWith("*");
  }

  boolean isSuffix() {
    return !isPresence() && pattern.startsWith("*");
  }

  /** The fixed part: {@code /v1/} of {@code /v1/*}. */
  String stem() {
    return isPresence() ? "" : isPrefix() ? pattern.substring(0, pattern.length() - 1)
        : isSuffix() ? pattern.substring(1) : pattern;
  }

  /** Whether {@code value} matches; a null value (attribute absent) never matches. */
  Tri matches(String value) {
    if (!understood()) {
      return Tri.UNKNOWN;
    }
    if (value == null) {
      return Tri.FALSE;
    }
    String v = ignoreCase ? Hosts.lower(value) : value;
    if (isPresence()) {
      return Tri.of(!v.isEmpty());
    }
    // The stem compared in place: matching runs for every sample request of every flow.
    int stem = pattern.length() - 1;
    if (isPrefix()) {
      return Tri.of(v.length() >= stem && v.regionMatches(0, pattern, 0, stem));
    }
    if (isSuffix()) {
      return Tri.of(v.length() >= stem && v.regionMatches(v.length() - stem, pattern, 1, stem));
    }
    return Tri.of(v.equals(pattern));
  }

  /** Whether any of {@code patterns} matches {@code value}. */
  static Tri any(List<StringMatch> patterns, String value) {
    Tri result = Tri.FALSE;
    for (int i = 0; i < patterns.size(); i++) { // not for-each: see NetworkPolicies#evaluate
      result = result.or(patterns.get(i).matches(value));
    }
    return result;
  }
}
