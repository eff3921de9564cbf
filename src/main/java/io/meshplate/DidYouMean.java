package io.meshplate;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The closest known names to a mistyped one (edit distance), for usage hints. */
public final class DidYouMean {
  private DidYouMean() {}

  /** Up to three candidates at most a third of the typed length away, closest first; ties by name. */
  public static List<String> closest(String typed, Collection<String> candidates) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, wanted.length() / 3);
    return candidates.stream()
        .distinct()
        .map(c -> new Scored(c, EditDistance.between(wanted, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance <= limit)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(3)
        .map(Scored::name)
        .toList();
  }

  /** {@code " (did you mean a, b?)"}, or a fallback hint when nothing is close. */
  public static String hint(String typed, Collection<String> candidates, String fallback) {
    List<String> close = closest(typed, candidates);
    return close.isEmpty() ? fallback : "did you mean " + String.join(", ", close) + "?";
  }

  private record Scored(String name, int distance) {}

}
