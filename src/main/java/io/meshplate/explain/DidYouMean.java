package io.meshplate.explain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The closest known names to a mistyped one (edit distance), for usage hints. */
final class DidYouMean {
  private DidYouMean() {}

  /** Up to three candidates at most a third of the typed length away, closest first; ties by name. */
  static List<String> closest(String typed, Collection<String> candidates) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, wanted.length() / 3);
    return candidates.stream()
        .distinct()
        .map(c -> new Scored(c, distance(wanted, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance <= limit)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(3)
        .map(Scored::name)
        .toList();
  }

  /** {@code " (did you mean a, b?)"}, or a fallback hint when nothing is close. */
  static String hint(String typed, Collection<String> candidates, String fallback) {
    List<String> close = closest(typed, candidates);
    return close.isEmpty() ? fallback : "did you mean " + String.join(", ", close) + "?";
  }

  private record Scored(String name, int distance) {}

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
