package io.meshplate.policy;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes LabelSelector ({@code matchLabels} and {@code matchExpressions} with In, NotIn,
 * Exists, DoesNotExist; all terms ANDed) evaluated against a label set, as the API machinery
 * does (k8s.io/apimachinery pkg/apis/meta/v1 LabelSelector). An empty selector matches everything.
 */
final class KubernetesSelectors {
  private KubernetesSelectors() {}

  static boolean matches(Object selector, Map<?, ?> labels) {
    for (Map.Entry<?, ?> e : PlacedObject.Fields.map(selector, "matchLabels").entrySet()) {
      if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()) == null ? null : String.valueOf(labels.get(e.getKey())))) {
        return false;
      }
    }
    for (Object expression : PlacedObject.Fields.list(selector, "matchExpressions")) {
      String key = PlacedObject.Fields.text(expression, "key");
      String operator = PlacedObject.Fields.text(expression, "operator");
      List<?> values = PlacedObject.Fields.list(expression, "values");
      Object value = labels.get(key);
      boolean ok = switch (operator == null ? "" : operator) {
        case "In" -> value != null && values.stream().anyMatch(v -> String.valueOf(v).equals(String.valueOf(value)));
        case "NotIn" -> value == null || values.stream().noneMatch(v -> String.valueOf(v).equals(String.valueOf(value)));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
