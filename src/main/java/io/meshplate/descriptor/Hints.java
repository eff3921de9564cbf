package io.meshplate.descriptor;

import io.meshplate.EditDistance;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Wording shared by all checks: quoting echoed input and suggesting the nearest valid name. */
final class Hints {
  private static final int MAX_ECHO = 80;

  private Hints() {}

  /** Input echoed in a message: escaped, shortened, in backquotes. */
  static String quote(Object value) {
    String text = Messages.escape(String.valueOf(value));
    if (text.length() > MAX_ECHO) {
      text = text.substring(0, MAX_ECHO) + "...";
    }
    return "`" + text + "`";
  }

  /** "did you mean `x`?" for the candidate closest to {@code given}, if any is close enough. */
  static Optional<String> didYouMean(String given, Collection<String> candidates) {
    String wanted = given.toLowerCase(Locale.ROOT);
    int budget = given.length() <= 3 ? 1 : Math.max(2, given.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates.stream().sorted().toList()) {
      int distance = EditDistance.between(wanted, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= budget
        ? Optional.of("did you mean " + quote(best) + "?")
        : Optional.empty();
  }

  /** "did you mean ...?" or else the list of what is allowed. */
  static String suggest(String given, Collection<String> candidates, String listIntro) {
    return didYouMean(given, candidates)
        .orElseGet(() -> candidates.isEmpty() ? null : listIntro + " " + list(candidates));
  }

  static String list(Collection<String> values) {
    return values.stream().sorted().map(v -> "`" + Messages.escape(v) + "`")
        .collect(Collectors.joining(", "));
  }


  /** A pointer as a whole field path: {@code ingress.replicas}, {@code mesh.istiodPorts[1]}. */
  static String path(String pointer) {
    StringBuilder path = new StringBuilder();
    for (String token : SourceMap.tokens(pointer)) {
      if (!token.isEmpty() && token.chars().allMatch(Character::isDigit)) {
        path.append('[').append(token).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(Messages.escape(token));
      }
    }
    return path.toString();
  }

  /** The last token of a pointer as a field label: {@code port}, or {@code paths[1]} for items. */
  static String field(String pointer) {
    int slash = pointer.lastIndexOf('/');
    if (slash < 0) {
      return "document";
    }
    String last = SourceMap.unescaped(pointer.substring(slash + 1));
    if (!last.isEmpty() && last.chars().allMatch(Character::isDigit)) {
      String parent = pointer.substring(0, slash);
      return Messages.escape(SourceMap.unescaped(parent.substring(parent.lastIndexOf('/') + 1))) + "[" + last + "]";
    }
    return Messages.escape(last);
  }
}
