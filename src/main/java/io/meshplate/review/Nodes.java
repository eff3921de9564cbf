package io.meshplate.review;

import java.util.List;
import java.util.Map;

/** Null-safe navigation of object trees read from YAML. */
final class Nodes {
  private Nodes() {}

  static Object at(Object tree, String... path) {
    Object node = tree;
    for (String step : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(step);
    }
    return node;
  }

  static Map<?, ?> map(Object tree, String... path) {
    return at(tree, path) instanceof Map<?, ?> m ? m : Map.of();
  }

  static List<?> list(Object tree, String... path) {
    return at(tree, path) instanceof List<?> l ? l : List.of();
  }

  static String text(Object tree, String... path) {
    Object value = at(tree, path);
    return value == null ? null : value.toString();
  }
}
