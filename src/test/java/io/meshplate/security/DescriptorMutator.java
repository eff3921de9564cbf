package io.meshplate.security;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Random, reproducible damage to a descriptor: first to its tree (delete, retype, swap, nest,
 * poison strings), then to its text (truncate, insert a hostile character, duplicate, drop or
 * re-indent a line). Everything comes from one {@link Random}, so a seed replays a case.
 */
final class DescriptorMutator {
  /** Characters that have broken YAML readers, template engines or name checks before. */
  static final String[] HOSTILE = {
    "\0", "\u0007", "\t", "\r", "\n", "\u0085", "\u2028", "\u2029", "\uFEFF", "\u212A", "\uFF4B",
    "\uD800", ":", ": ", "#", " #", "&a", "*a", "!", "!!str", "{", "}", "[", "]", "'", "\"", "\\",
    "---", "...", "%", "@", "`", "|", ">", "<<", "${x}", "{{x}}", "<#assign x=1>", "..", "/", "~",
    "*", "-", "?", "İ", "ı", "ß", "\u00A0", "\u200B", "\uD83D\uDE00"
  };
  private static final Object[] ODD_VALUES = {
    null, true, false, 0L, -1L, 65536L, Long.MAX_VALUE, 1.5, 1e-30, "", " ", "no", "on", "~",
    "0755", "1e3", ".inf", "2026-01-01", List.of(), Map.of(), List.of(List.of(List.of())),
    "kube-system", "istio-system", "*", "*.acme.example", "shop", "payments", "api", "../x"
  };
  private static final Dump DUMP = new Dump(DumpSettings.builder()
      .setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(4000).build());

  private final Random random;

  DescriptorMutator(Random random) {
    this.random = random;
  }

  /** One mutated text of {@code tree}: one to three tree mutations, then maybe a text mutation. */
  String mutate(Map<String, Object> tree) {
    Object copy = plain(tree);
    int treeMutations = 1 + random.nextInt(3);
    for (int i = 0; i < treeMutations; i++) {
      copy = mutateTree(copy, 0);
    }
    String text;
    try {
      text = DUMP.dumpToString(copy);
    } catch (RuntimeException unwritable) {
      // The dumper itself refuses some values (a lone surrogate); damage the text instead.
      return mutateText(DUMP.dumpToString(plain(tree)));
    }
    return random.nextInt(3) == 0 ? mutateText(text) : text;
  }

  private Object mutateTree(Object node, int depth) {
    List<Object> children = children(node);
    if (!children.isEmpty() && random.nextInt(4) != 0 && depth < 12) {
      int index = random.nextInt(children.size());
      Object child = children.get(index);
      Object replaced = mutateTree(child, depth + 1);
      return replaceChild(node, index, replaced);
    }
    return switch (random.nextInt(8)) {
      case 0 -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
      case 1 -> node instanceof String s ? poison(s) : poison(String.valueOf(node));
      case 2 -> random.nextBoolean() ? new ArrayList<>(Arrays.asList(plain(node))) : single("x", node);
      case 3 -> deleteChild(node);
      case 4 -> duplicateChild(node);
      case 5 -> swapChildren(node);
      case 6 -> node instanceof String s && !s.isEmpty() ? s.substring(0, random.nextInt(s.length())) : node;
      default -> node instanceof String s ? s.repeat(2 + random.nextInt(40)) : node;
    };
  }

  private String poison(String value) {
    String hostile = HOSTILE[random.nextInt(HOSTILE.length)];
    int at = value.isEmpty() ? 0 : random.nextInt(value.length() + 1);
    return value.substring(0, at) + hostile + value.substring(at);
  }

  private String mutateText(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    switch (random.nextInt(6)) {
      case 0 -> {
        return text.substring(0, random.nextInt(text.length() + 1));
      }
      case 1 -> {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + HOSTILE[random.nextInt(HOSTILE.length)] + text.substring(at);
      }
      case 2 -> lines.add(line, lines.get(line));
      case 3 -> lines.remove(line);
      case 4 -> lines.set(line, "  ".repeat(1 + random.nextInt(3)) + lines.get(line));
      default -> {
        int other = random.nextInt(lines.size());
        String swap = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, swap);
      }
    }
    return String.join("\n", lines);
  }

  private static List<Object> children(Object node) {
    if (node instanceof Map<?, ?> map) {
      return new ArrayList<>(map.values());
    }
    if (node instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private static Object replaceChild(Object node, int index, Object value) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
      String key = new ArrayList<>(copy.keySet()).get(index);
      copy.put(key, value);
      return copy;
    }
    List<Object> copy = new ArrayList<>((List<Object>) node);
    copy.set(index, value);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private Object deleteChild(Object node) {
    List<Object> children = children(node);
    if (children.isEmpty()) {
      return null;
    }
    int index = random.nextInt(children.size());
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
      copy.remove(new ArrayList<>(copy.keySet()).get(index));
      return copy;
    }
    List<Object> copy = new ArrayList<>((List<Object>) node);
    copy.remove(index);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private Object duplicateChild(Object node) {
    if (node instanceof List<?> list && !list.isEmpty()) {
      List<Object> copy = new ArrayList<>((List<Object>) list);
      copy.add(copy.get(random.nextInt(copy.size())));
      return copy;
    }
    if (node instanceof Map<?, ?> map && !map.isEmpty()) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
      String key = new ArrayList<>(copy.keySet()).get(random.nextInt(copy.size()));
      copy.put(poison(key), copy.get(key));
      return copy;
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private Object swapChildren(Object node) {
    List<Object> children = children(node);
    if (children.size() < 2) {
      return node;
    }
    int a = random.nextInt(children.size());
    int b = random.nextInt(children.size());
    Object first = children.get(a);
    return replaceChild(replaceChild(node, a, children.get(b)), b, first);
  }

  private static Map<String, Object> single(String key, Object value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key, plain(value));
    return map;
  }

  /** A deep copy the dumper can write: big numbers become plain Java numbers. */
  static Object plain(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(plain(item)));
      return copy;
    }
    if (node instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (node instanceof BigInteger integer) {
      return integer.toString();
    }
    return node;
  }
}
