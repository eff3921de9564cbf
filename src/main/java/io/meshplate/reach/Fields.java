package io.meshplate.reach;

import io.meshplate.Interned;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Null-safe reading of object trees, and the fields a fact reader did not expect. The texts read
 * are interned: facts are held for every folder of an overlay, and their namespaces, labels,
 * hosts and ports recur across objects and tenants, while each parsed object has its own copies.
 */
final class Fields {
  private Fields() {}

  static Map<?, ?> map(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> child ? child : Map.of();
  }

  static List<?> list(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) instanceof List<?> child ? child : List.of();
  }

  static boolean has(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) != null;
  }

  static String text(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) != null ? Interned.of(String.valueOf(m.get(field))) : null;
  }

  /** An integer field written as a number, or null (a string such as a named port is not one). */
  static Integer integer(Object parent, String field) {
    Object value = parent instanceof Map<?, ?> m ? m.get(field) : null;
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    if (value instanceof BigInteger b && b.bitLength() < 32) {
      return b.intValue();
    }
    return null;
  }

  /** The items of a list field as text, in a list sized to fit (facts are held for a whole overlay). */
  static List<String> strings(Object parent, String field) {
    List<?> items = list(parent, field);
    List<String> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(Interned.of(String.valueOf(item)));
    }
    return out;
  }

  /** A string-to-string map ({@code matchLabels}, {@code labels}), sorted. */
  static Map<String, String> labels(Object parent, String field) {
    Map<String, String> out = new TreeMap<>();
    map(parent, field).forEach((k, v) -> out.put(Interned.of(String.valueOf(k)), v == null ? "" : Interned.of(String.valueOf(v))));
    return out;
  }

  /**
   * The keys of {@code node} outside {@code known}, as {@code prefix.key}: fields a reader does not
   * evaluate, which make the verdicts that depend on them unknown instead of guessed.
   */
  static void unexpected(Object node, Set<String> known, String prefix, List<String> into) {
    if (node instanceof Map<?, ?> m) {
      for (Object key : m.keySet()) {
        if (!known.contains(String.valueOf(key)) && m.get(key) != null) {
          into.add(prefix + key);
        }
      }
    }
  }
}
