package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}; the requirements
 * are ANDed, an empty selector selects everything). Operators are In, NotIn, Exists and
 * DoesNotExist (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements).
 * An operator the model does not know makes every match unknown.
 *
 * @param pairs the {@code matchLabels} sorted by key and flattened: key, value, key, value. Not a
 *     map: every flow matches selectors, and iterating a map allocates an iterator and its entries
 *     at each match under the quick compiler the launcher uses (3% of the garbage of a reach),
 *     where a list is read by index; the list of one pair is the size of a one-entry map.
 */
record Selector(List<String> pairs, List<Requirement> expressions, boolean understood) {
  /** One {@code matchExpressions} entry. */
  record Requirement(String key, String operator, List<String> values) {}

  static final Selector ALL = of(Map.of(), List.of(), true);

  Selector {
    if (pairs.size() % 2 != 0) {
      throw new IllegalArgumentException("matchLabels pairs: a key without its value");
    }
    pairs = List.copyOf(pairs);
    expressions = List.copyOf(expressions);
  }

  /** A selector of {@code matchLabels} (in any order) and {@code matchExpressions}. */
  static Selector of(Map<String, String> matchLabels, List<Requirement> expressions, boolean understood) {
    List<String> pairs = new ArrayList<>(matchLabels.size() * 2);
    new TreeMap<>(matchLabels).forEach((k, v) -> {
      pairs.add(k);
      pairs.add(v);
    });
    return new Selector(pairs, expressions, understood);
  }

  /** Reads a selector node; {@code null} node gives null (the field is absent). */
  static Selector read(Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      return null;
    }
    List<Requirement> expressions = new ArrayList<>();
    boolean understood = true;
    for (Object e : Fields.list(map, "matchExpressions")) {
      String op = Fields.text(e, "operator");
      if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
        understood = false;
      }
      expressions.add(new Requirement(Fields.text(e, "key"), op, Fields.strings(e, "values")));
    }
    for (Object key : map.keySet()) {
      if (!"matchLabels".equals(key) && !"matchExpressions".equals(key)) {
        understood = false;
      }
    }
    return of(Fields.labels(map, "matchLabels"), expressions, understood);
  }

  /** Only {@code matchLabels} (an Istio WorkloadSelector). */
  static Selector ofLabels(Map<String, String> labels) {
    return of(labels, List.of(), true);
  }

  /**
   * Whether a workload selector ({@code matchLabels} only: a Service's, a Gateway's) names at
   * least one label and is known to select pods labelled {@code labels}. Read from the map as it
   * is: the pairs are ANDed, so their order does not matter, and the model asks this at every
   * gateway it adds and every host it routes.
   */
  static boolean selects(Map<String, String> workloadSelector, Labels labels) {
    if (workloadSelector.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, String> pair : workloadSelector.entrySet()) {
      if (labels.carries(pair.getKey(), pair.getValue()) != Tri.TRUE) {
        return false;
      }
    }
    return true;
  }

  boolean isEmpty() {
    return pairs.isEmpty() && expressions.isEmpty();
  }

  /** The number of {@code matchLabels} pairs. */
  int labelCount() {
    return pairs.size() / 2;
  }

  String labelKey(int i) {
    return pairs.get(2 * i);
  }

  String labelValue(int i) {
    return pairs.get(2 * i + 1);
  }

  Tri matches(Labels labels) {
    if (!understood) {
      return Tri.UNKNOWN;
    }
    Tri result = Tri.TRUE;
    for (int i = 0; i < pairs.size(); i += 2) {
      result = result.and(labels.carries(pairs.get(i), pairs.get(i + 1)));
    }
    for (int i = 0; i < expressions.size(); i++) { // not for-each: see NetworkPolicies#evaluate
      Requirement r = expressions.get(i);
      Tri present = labels.has(r.key());
      Tri in = Tri.FALSE;
      List<String> values = r.values();
      for (int v = 0; v < values.size(); v++) {
        in = in.or(labels.carries(r.key(), values.get(v)));
      }
      result = result.and(switch (r.operator()) {
        case "In" -> in;
        case "NotIn" -> in.not();
        case "Exists" -> present;
        default -> present.not();
      });
    }
    return result;
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "{}";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < labelCount(); i++) {
      sb.append(sb.length() == 0 ? "" : ",").append(labelKey(i)).append('=').append(labelValue(i));
    }
    expressions.forEach(r -> sb.append(sb.length() == 0 ? "" : ",").append(r.key()).append(' ')
        .append(r.operator()).append(r.values().isEmpty() ? "" : " " + r.values()));
    return sb.toString();
  }
}
