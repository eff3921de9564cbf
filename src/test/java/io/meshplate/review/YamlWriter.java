package io.meshplate.review;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A small block-style YAML writer for test fixtures (the real renderer has its own). */
final class YamlWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9_./*:@-]*");

  private YamlWriter() {}

  static String document(Map<String, Object> object) {
    StringBuilder sb = new StringBuilder();
    map(sb, object, 0);
    return sb.toString();
  }

  private static void map(StringBuilder sb, Map<?, ?> map, int indent) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      sb.append(" ".repeat(indent)).append(scalar(e.getKey())).append(':');
      value(sb, e.getValue(), indent);
    }
  }

  private static void value(StringBuilder sb, Object value, int indent) {
    if (value instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append(" {}\n");
      } else {
        sb.append('\n');
        map(sb, m, indent + 2);
      }
    } else if (value instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append(" []\n");
      } else {
        sb.append('\n');
        for (Object item : l) {
          sb.append(" ".repeat(indent)).append("-");
          if (item instanceof Map<?, ?> m && !m.isEmpty()) {
            StringBuilder inner = new StringBuilder();
            map(inner, m, indent + 2);
            sb.append(' ').append(inner.substring(indent + 2));
          } else {
            value(sb, item, indent + 2);
          }
        }
      }
    } else {
      sb.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String scalar(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String s = value.toString();
    if (PLAIN.matcher(s).matches() && !s.matches("true|false|null|yes|no|on|off|y|n|~")) {
      return s;
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
