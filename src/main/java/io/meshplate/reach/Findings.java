package io.meshplate.reach;

import io.meshplate.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the intent check found over every overlay: errors ({@code REACH-UNDECLARED},
 * {@code REACH-UNKNOWN}, exit 4) and warnings (the warnings channel: printed, never failing).
 */
public record Findings(List<Problem> errors, List<Problem> warnings) {
  public static final Findings NONE = new Findings(List.of(), List.of());

  public Findings {
    errors = errors.stream().sorted().distinct().toList();
    warnings = warnings.stream().sorted().distinct().toList();
  }

  /** Merges the overlays' findings: one problem per place, rule and message, naming its overlays. */
  static Findings merge(List<OverlayCheck> checks) {
    record Key(boolean error, String file, int line, String rule, String message, String hint) {}
    Map<Key, SortedSet<String>> overlays = new TreeMap<>(Comparator.comparing(
        (Key k) -> k.file()).thenComparingInt(Key::line).thenComparing(Key::rule).thenComparing(Key::message)
        .thenComparing(k -> k.error() ? 0 : 1).thenComparing(k -> k.hint() == null ? "" : k.hint()));
    for (OverlayCheck check : checks) {
      for (Checker.Finding f : check.findings) {
        Origin at = check.locator.origin(f.at());
        overlays.computeIfAbsent(new Key(f.error(), at.file(), at.line(), f.rule(), f.message(), f.hint()),
            k -> new TreeSet<>()).add(check.overlay);
      }
    }
    List<Problem> errors = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    overlays.forEach((k, in) -> {
      Problem p = new Problem(k.file(), k.line(), 0, k.rule(), k.message() + " in " + String.join(", ", in), k.hint());
      (k.error() ? errors : warnings).add(p);
    });
    return new Findings(errors, warnings);
  }
}
