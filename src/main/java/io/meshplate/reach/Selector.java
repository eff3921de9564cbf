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
 */
record Selector(Map<String, String> matchLabels, List<Requirement> expressions, boolean understood) {
  /** One {@code matchExpressions} entry. */
  record Requirement(String key, String operator, List<String> values) {}

  static final Selector ALL = new Selector(Map.of(), List.of(), true);

  Selector {
    // Most selectors name one label: an immutable one-entry map is a fifth of a sorted map's size,
    // and a run holds the selectors of every folder of an overlay.
    matchLabels = matchLabels.size() <= 1 ? Map.copyOf(matchLabels)
        : java.util.Collections.unmodifiableMap(new TreeMap<>(matchLabels));
    expressions = List.copyOf(expressions);
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
    return new Selector(Fields.labels(map, "matchLabels"), expressions, understood);
  }

  /** Only {@code matchLabels} (an Istio WorkloadSelector). */
  static Selector ofLabels(Map<String, String> labels) {
    return new Selector(labels, List.of(), true);
  }

  boolean isEmpty() {
    return matchLabels.isEmpty() && expressions.isEmpty();
  }

  Tri matches(Labels labels) {
    if (!understood) {
      return Tri.UNKNOWN;
    }
    Tri result = Tri.TRUE;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      result = result.and(equal(labels, e.getKey(), e.getValue()));
    }
    for (int i = 0; i < expressions.size(); i++) { // not for-each: see NetworkPolicies#evaluate
      Requirement r = expressions.get(i);
      Tri present = labels.has(r.key());
      Tri in = Tri.FALSE;
      for (String v : r.values()) {
        in = in.or(equal(labels, r.key(), v));
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

  private static Tri equal(Labels labels, String key, String value) {
    return labels.carries(key, value);
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "{}";
    }
    StringBuilder sb = new StringBuilder();
    matchLabels.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    expressions.forEach(r -> sb.append(sb.length() == 0 ? "" : ",").append(r.key()).append(' ')
        .append(r.operator()).append(r.values().isEmpty() ? "" : " " + r.values()));
    return sb.toString();
  }
}
