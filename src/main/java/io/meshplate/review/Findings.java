package io.meshplate.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Collects findings, merging the same finding seen in several overlays into one line. */
final class Findings {
  private record Key(Finding.Category category, String tenant, String subject, String detail)
      implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return new Finding(category, tenant, subject, detail, List.of())
          .compareTo(new Finding(o.category, o.tenant, o.subject, o.detail, List.of()));
    }
  }

  private final Map<Key, SortedSet<String>> seen = new TreeMap<>();

  void add(Finding.Category category, String tenant, String subject, String detail, String overlay) {
    seen.computeIfAbsent(new Key(category, tenant, subject, detail), k -> new TreeSet<>()).add(overlay);
  }

  /** A finding that belongs to no overlay in particular (a template nobody's output used). */
  void note(Finding.Category category, String tenant, String subject, String detail) {
    seen.computeIfAbsent(new Key(category, tenant, subject, detail), k -> new TreeSet<>());
  }

  List<Finding> sorted() {
    List<Finding> out = new ArrayList<>(seen.size());
    seen.forEach((k, overlays) ->
        out.add(new Finding(k.category(), k.tenant(), k.subject(), k.detail(), List.copyOf(overlays))));
    return out;
  }
}
