package io.meshplate.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kubernetes label selector in its string form, as Kustomize's {@code labelSelector} and
 * {@code annotationSelector} take it: requirements separated by commas, all must hold.
 */
final class LabelSelector {
  private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

  private record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<?, ?> labels) {
      Object raw = labels.get(key);
      String value = raw == null ? null : raw.toString();
      boolean present = labels.containsKey(key);
      return switch (operator) {
        case EXISTS -> present;
        case NOT_EXISTS -> !present;
        case EQUALS, IN -> present && values.contains(value);
        case NOT_EQUALS, NOT_IN -> !present || !values.contains(value);
      };
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException with a message fit for a problem report
   */
  static LabelSelector parse(String text) {
    List<Requirement> parsed = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      parsed.add(requirement(part.strip()));
    }
    return new LabelSelector(List.copyOf(parsed));
  }

  boolean matches(Map<?, ?> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  /** Splits on commas that are not inside {@code ( )}. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    if (depth != 0) {
      throw new IllegalArgumentException("unbalanced parentheses in selector");
    }
    return parts;
  }

  private static Requirement requirement(String part) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("empty requirement in selector");
    }
    if (part.startsWith("!")) {
      return new Requirement(key(part.substring(1).strip()), Operator.NOT_EXISTS, Set.of());
    }
    String[] words = part.split("\\s+", 2);
    if (words.length == 2 && !part.contains("=")) {
      String rest = words[1].strip();
      Operator op;
      if (rest.startsWith("notin")) {
        op = Operator.NOT_IN;
        rest = rest.substring("notin".length()).strip();
      } else if (rest.startsWith("in")) {
        op = Operator.IN;
        rest = rest.substring("in".length()).strip();
      } else {
        throw new IllegalArgumentException("expected 'in' or 'notin' after " + words[0]);
      }
      if (!rest.startsWith("(") || !rest.endsWith(")")) {
        throw new IllegalArgumentException("expected a value list in parentheses after " + words[0]);
      }
      Set<String> values = new TreeSet<>();
      for (String v : rest.substring(1, rest.length() - 1).split(",", -1)) {
        values.add(value(v.strip()));
      }
      return new Requirement(key(words[0]), op, values);
    }
    int ne = part.indexOf("!=");
    if (ne >= 0) {
      return new Requirement(
          key(part.substring(0, ne).strip()), Operator.NOT_EQUALS, Set.of(value(part.substring(ne + 2).strip())));
    }
    int eq = part.indexOf('=');
    if (eq >= 0) {
      String rest = part.substring(eq + 1);
      if (rest.startsWith("=")) {
        rest = rest.substring(1);
      }
      return new Requirement(key(part.substring(0, eq).strip()), Operator.EQUALS, Set.of(value(rest.strip())));
    }
    return new Requirement(key(part), Operator.EXISTS, Set.of());
  }

  private static String key(String key) {
    if (!key.matches("([A-Za-z0-9][-A-Za-z0-9_.]*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
      throw new IllegalArgumentException("invalid key '" + key + "' in selector");
    }
    return key;
  }

  private static String value(String value) {
    if (!value.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")) {
      throw new IllegalArgumentException("invalid value '" + value + "' in selector");
    }
    return value;
  }
}
