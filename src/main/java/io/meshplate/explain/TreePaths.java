package io.meshplate.explain;

import io.meshplate.yaml.Messages;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading YAML trees by path, and printing values on one line. */
final class TreePaths {
  /** Marks a path that leads nowhere (a YAML {@code null} is a value). */
  static final Object ABSENT = new Object();

  private TreePaths() {}

  /** The node at {@code tokens} below {@code tree}, or {@link #ABSENT}. */
  static Object at(Object tree, List<String> tokens) {
    Object node = tree;
    for (String token : tokens) {
      if (node instanceof Map<?, ?> map && map.containsKey(token)) {
        node = map.get(token);
      } else if (node instanceof List<?> list && token.matches("0|[1-9][0-9]{0,8}")
          && Integer.parseInt(token) < list.size()) {
        node = list.get(Integer.parseInt(token));
      } else {
        return ABSENT;
      }
    }
    return node;
  }

  /** Every path below {@code tree} (maps and list items included), as token lists, in document order. */
  static List<List<String>> paths(Object tree) {
    List<List<String>> paths = new ArrayList<>();
    collect(tree, new ArrayList<>(), paths);
    return paths;
  }

  private static void collect(Object node, List<String> prefix, List<List<String>> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        List<String> path = new ArrayList<>(prefix);
        path.add((String) k);
        out.add(path);
        collect(v, path, out);
      });
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        List<String> path = new ArrayList<>(prefix);
        path.add(Integer.toString(i));
        out.add(path);
        collect(list.get(i), path, out);
      }
    }
  }

  /** The leaves below a map (lists count as leaves: layers replace them whole). */
  static List<List<String>> leaves(Map<?, ?> map, List<String> prefix) {
    List<List<String>> leaves = new ArrayList<>();
    map.forEach((k, v) -> {
      List<String> path = new ArrayList<>(prefix);
      path.add((String) k);
      if (v instanceof Map<?, ?> child && !child.isEmpty()) {
        leaves.addAll(leaves(child, path));
      } else {
        leaves.add(path);
      }
    });
    return leaves;
  }

  /** A value on one line, flow style: {@code [a, b]}, {@code {k: v}}, text unquoted unless empty. */
  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return s.isBlank() || !s.strip().equals(s) ? "\"" + Messages.escape(s) + "\""
          : Messages.escape(s);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(v -> items.add(show(v)));
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, v) -> items.add(show(k) + ": " + show(v)));
      return "{" + String.join(", ", items) + "}";
    }
    return Messages.escape(String.valueOf(value));
  }
}
