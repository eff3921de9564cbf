package io.meshplate.reach;

import java.util.Map;
import java.util.TreeMap;

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
 */
record Labels(Map<String, String> known, boolean complete, java.util.Set<String> absent) {
  Labels {
    known = java.util.Collections.unmodifiableMap(new TreeMap<>(known));
    absent = java.util.Set.copyOf(absent);
  }

  Labels(Map<String, String> known, boolean complete) {
    this(known, complete, java.util.Set.of());
  }

  /** The value of {@code key}: TRUE with a value, FALSE when absent, UNKNOWN when it may be either. */
  Tri has(String key) {
    return known.containsKey(key) ? Tri.TRUE : complete || absent.contains(key) ? Tri.FALSE : Tri.UNKNOWN;
  }

  String value(String key) {
    return known.get(key);
  }
}
