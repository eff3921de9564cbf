package io.meshplate.descriptor;

import io.meshplate.yaml.SourceMap;
import java.util.List;
import java.util.Map;

/**
 * Typed peeks into a tree that may not have passed the schema yet: semantic checks run on
 * every file, also invalid ones, so they look at a node only when it has the expected type.
 */
final class Nodes {
  private Nodes() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node) {
    return node instanceof List<?> l ? (List<Object>) l : List.of();
  }

  static String string(Object node) {
    return node instanceof String s ? s : null;
  }

  /** A port number as written, when it is an integer at all. */
  static Long integer(Object node) {
    return node instanceof Long l ? l : null;
  }

  /** The node at an RFC 6901 pointer, or null. */
  static Object at(Object root, String pointer) {
    Object node = root;
    for (String key : SourceMap.tokens(pointer)) {
      if (node instanceof Map<?, ?> m && m.containsKey(key)) {
        node = m.get(key);
      } else if (node instanceof List<?> l && key.chars().allMatch(Character::isDigit) && !key.isEmpty()
          && key.length() < 10 && Integer.parseInt(key) < l.size()) {
        node = l.get(Integer.parseInt(key));
      } else {
        return null;
      }
    }
    return node;
  }

  /** Whether the pointer names a node that exists (even a null one). */
  static boolean exists(Object root, String pointer) {
    if (pointer.isEmpty()) {
      return true;
    }
    int slash = pointer.lastIndexOf('/');
    Object parent = at(root, pointer.substring(0, slash));
    String key = SourceMap.unescaped(pointer.substring(slash + 1));
    if (parent instanceof Map<?, ?> m) {
      return m.containsKey(key);
    }
    return parent instanceof List<?> l && !key.isEmpty() && key.length() < 10
        && key.chars().allMatch(Character::isDigit) && Integer.parseInt(key) < l.size();
  }
}
