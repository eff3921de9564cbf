package io.meshplate.review;

import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints tree values on one line, YAML flow style, with input text escaped. */
final class Values {
  private static final int MAX = 200;

  private Values() {}

  static String show(Object value) {
    String text = flow(value);
    return text.length() > MAX ? text.substring(0, MAX - 3) + "..." : text;
  }

  private static String flow(Object value) {
    if (value == null) {
      return "(none)";
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> Messages.escape(String.valueOf(e.getKey())) + ": " + flow(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Values::flow).collect(Collectors.joining(", ", "[", "]"));
    }
    return Messages.escape(String.valueOf(value));
  }

  /** The change of one field: {@code + a, - b} for sets, {@code old -> new} otherwise. */
  static String change(FieldChange change) {
    if (change.isSetChange()) {
      StringBuilder sb = new StringBuilder();
      change.added().forEach(a -> sb.append(sb.length() == 0 ? "" : ", ").append("+ ").append(Messages.escape(a)));
      change.removed().forEach(r -> sb.append(sb.length() == 0 ? "" : ", ").append("- ").append(Messages.escape(r)));
      return sb.toString();
    }
    return show(change.before()) + " -> " + show(change.after());
  }
}
