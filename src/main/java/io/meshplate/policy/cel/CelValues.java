package io.meshplate.policy.cel;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How values of a rendered object look to CEL: integers are CEL ints, numbers doubles,
 * int-or-string whichever is written, other scalars as they are. {@link CrdRules} builds objects,
 * maps and lists as it walks the schema; this class types what it meets on the way.
 */
final class CelValues {
  private CelValues() {}

  /** A scalar typed by its schema: integer as long, number as double, the rest as written. */
  static Object scalar(Object value, SchemaNode node) {
    if (!(value instanceof Number number)) {
      return value;
    }
    if ("number".equals(node.type())) {
      return number.doubleValue();
    }
    if ("integer".equals(node.type()) || integral(number)) {
      return number.longValue();
    }
    return number.doubleValue();
  }

  /** A value without a schema (list items of an untyped list): numbers by their form, maps and lists as they are. */
  static Object untyped(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof Number number) {
      return integral(number) ? number.longValue() : number.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new HashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), untyped(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CelValues::untyped).toList();
    }
    return value;
  }

  private static boolean integral(Number number) {
    return number instanceof Long || number instanceof Integer || number instanceof BigInteger
        || number instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0;
  }
}
