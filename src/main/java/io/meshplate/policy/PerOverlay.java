package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.descriptor.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Problems of one descriptor value that hold in several overlays, reported once with the list
 * of overlays instead of once per overlay: "... in overlays dev, prod, prod-eu, stage", or with
 * what differs between them, "... in overlays dev ('kube-dev'), prod, prod-eu ('kube-prod')".
 */
final class PerOverlay {
  private record Key(String file, String pointer, String rule, String message, String hint) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return toString().compareTo(o.toString());
    }
  }

  /** Per problem: detail (or "") to the overlays it was found in. */
  private final SortedMap<Key, SortedMap<String, SortedSet<String>>> found = new TreeMap<>();
  private final Map<Key, Tenant> tenants = new TreeMap<>();

  /** @param message the problem without its overlay; the overlays are appended when reported */
  void add(Placement placement, String pointer, String rule, String message, String hint) {
    add(placement, pointer, rule, message, "", hint);
  }

  /** @param detail what the problem looks like in this overlay (a namespace name), or "" */
  void add(Placement placement, String pointer, String rule, String message, String detail, String hint) {
    Key key = new Key(placement.tenant().file(), pointer, rule, message, hint);
    found.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(detail, d -> new TreeSet<>())
        .add(placement.rules().overlay());
    tenants.putIfAbsent(key, placement.tenant());
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    found.forEach((key, byDetail) -> {
      int count = byDetail.values().stream().mapToInt(SortedSet::size).sum();
      String where = byDetail.entrySet().stream()
          .sorted(Map.Entry.comparingByValue((a, b) -> a.first().compareTo(b.first())))
          .map(e -> String.join(", ", e.getValue()) + (e.getKey().isEmpty() ? "" : " (" + e.getKey() + ")"))
          .collect(Collectors.joining(", "));
      problems.add(Guardrails.at(tenants.get(key), key.pointer(), key.rule(),
          key.message() + (count == 1 ? " in overlay " : " in overlays ") + where, key.hint()));
    });
    return problems;
  }
}
