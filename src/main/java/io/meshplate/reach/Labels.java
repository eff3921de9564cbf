package io.meshplate.reach;

import io.meshplate.yaml.Frozen;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the model knows about the labels of a pod or namespace. Namespaces are rendered by
 * meshplate, so their labels are complete (plus {@code kubernetes.io/metadata.name}, which the API
 * server sets on every namespace). Tenant pods are the tenants' own: only {@code app: <service>}
 * is known (the tenant contract), so a selector on any other key is unknown, never guessed.
 *
 * @param known labels known to be present
 * @param complete whether a key outside {@code known} is known to be absent
 * @param absent keys known to be absent even when the rest is not known (the label keys the
 *     platform selects other workloads by: {@code istio} on tenant pods, {@code app} on gateways)
 * @param foreign label values known not to be carried, key to values, even when the key itself
 *     may be present: the values that identify another platform workload of the same namespace
 *     (istiod's {@code app: istiod} on the tracing collector, and the collector's labels on istiod)
 */
record Labels(Map<String, String> known, boolean complete, Set<String> absent, Map<String, Set<String>> foreign) {
  Labels {
    // Sorted once and held as one array: a model holds tens of thousands of these, of a few labels
    // each, for which a hash table cost some 300 bytes apiece; a lookup scans a handful of keys.
    known = frozen(known);
    absent = Set.copyOf(absent);
    foreign = foreign.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(foreign));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> frozen(Map<String, String> labels) {
    return (Map<String, String>) Frozen.of(new TreeMap<>(labels));
  }

  Labels(Map<String, String> known, boolean complete, Set<String> absent) {
    this(known, complete, absent, Map.of());
  }

  Labels(Map<String, String> known, boolean complete) {
    this(known, complete, Set.of());
  }

  /** The value of {@code key}: TRUE with a value, FALSE when absent, UNKNOWN when it may be either. */
  Tri has(String key) {
    return known.containsKey(key) ? Tri.TRUE : complete || absent.contains(key) ? Tri.FALSE : Tri.UNKNOWN;
  }

  String value(String key) {
    return known.get(key);
  }

  /** Whether {@code key: value} is carried: TRUE, FALSE, or UNKNOWN when the model cannot say. */
  Tri carries(String key, String value) {
    String carried = known.get(key);
    if (carried != null) {
      return Tri.of(value.equals(carried));
    }
    Tri present = has(key);
    if (present == Tri.TRUE) {
      return Tri.of(value.equals(known.get(key)));
    }
    if (present == Tri.UNKNOWN && foreign.getOrDefault(key, Set.of()).contains(value)) {
      return Tri.FALSE;
    }
    return present;
  }

  /**
   * These labels, known not to carry {@code others}' values where they do not carry them
   * themselves: the pods of two workloads that each selector tells apart by its own labels.
   */
  Labels without(Map<String, String> others) {
    Map<String, Set<String>> out = new TreeMap<>();
    foreign.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
    others.forEach((k, v) -> {
      if (!v.equals(known.get(k))) {
        out.computeIfAbsent(k, x -> new TreeSet<>()).add(v);
      }
    });
    return new Labels(known, complete, absent, out);
  }

  /** These labels plus {@code key: value}, known present. */
  Labels with(String key, String value) {
    Map<String, String> more = new TreeMap<>(known);
    more.put(key, value);
    return new Labels(more, complete, absent, foreign);
  }
}
