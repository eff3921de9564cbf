package io.meshplate.render;

import io.meshplate.RecordFields;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a template model into a digest without ambiguity: every value is tagged with its type
 * and every string and collection with its length. Maps go in iteration order, which templates
 * see, except maps whose iteration order is not part of their value ({@link HashMap} and the
 * immutable {@code Map.of}/{@code Map.copyOf} maps), which go in key order: {@code Map.of}
 * iterates in an order that changes from one JVM to the next, and a key that changed with it
 * would miss the cache on every other run. Two models give the same bytes only when templates see the same values, so
 * the digest can key the render cache. Types it does not know fail loudly: a new kind of model value must be
 * added here, never silently left out of the key.
 *
 * <p>The encoding is collected in a buffer and handed to the digest once: a tenant's model is
 * thousands of small values, and each call into a {@link MessageDigest} has a fixed cost.
 */
final class ModelDigest {
  /**
   * A record class as the encoding names it: its name and its components' names, encoded once;
   * and its components' fields ({@link RecordFields}). The keys of 1,000 tenants x 3 overlays read
   * some millions of components.
   */
  private record Shape(byte[] names, Field[] fields) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      ModelDigest names = new ModelDigest();
      names.text(type.getName());
      Field[] fields = RecordFields.of(type);
      for (Field field : fields) {
        names.text(field.getName());
      }
      return new Shape(Arrays.copyOf(names.buffer, names.length), fields);
    }
  };

  private byte[] buffer = new byte[4096];
  private int length;
  /** The record classes this encoding has named, in the order it named them: a class named before goes in by its number. */
  private final Map<Class<?>, Integer> named = new IdentityHashMap<>();

  private ModelDigest() {}

  /** Feeds {@code value}'s unambiguous encoding into {@code digest}. */
  static void add(MessageDigest digest, Object value) {
    ModelDigest encoding = new ModelDigest();
    encoding.add(value);
    digest.update(encoding.buffer, 0, encoding.length);
  }

  private void add(Object value) {
    if (value == null) {
      tag('n');
    } else if (value instanceof String text) {
      tag('s');
      text(text);
    } else if (value instanceof Boolean bool) {
      tag(bool ? 'T' : 'F');
    } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || value instanceof Short || value instanceof Byte) {
      tag('i');
      text(value.toString());
    } else if (value instanceof BigDecimal number) {
      tag('d');
      text(number.toString());
    } else if (value instanceof Map<?, ?> map) {
      tag('m');
      count(map.size());
      if (!unordered(map)) {
        map.forEach((k, v) -> {
          add(k);
          add(v);
        });
      } else {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
        entries.forEach(e -> {
          add(e.getKey());
          add(e.getValue());
        });
      }
    } else if (value instanceof Collection<?> list) {
      tag('l');
      count(list.size());
      list.forEach(this::add);
    } else if (value instanceof Enum<?> constant) {
      tag('e');
      text(constant.getDeclaringClass().getName() + "." + constant.name());
    } else if (value.getClass().isRecord()) {
      record(value);
    } else {
      throw new IllegalArgumentException("template model value of unknown type " + value.getClass().getName()
          + ": add it to ModelDigest so the render cache sees it");
    }
  }

  private static boolean unordered(Map<?, ?> map) {
    return (map instanceof HashMap<?, ?> && !(map instanceof LinkedHashMap<?, ?>))
        || map.getClass().getName().startsWith("java.util.ImmutableCollections$");
  }

  private void record(Object value) {
    Class<?> type = value.getClass();
    Shape shape = SHAPES.get(type);
    Integer number = named.get(type);
    if (number == null) {
      named.put(type, named.size());
      tag('R');
      room(shape.names().length);
      System.arraycopy(shape.names(), 0, buffer, length, shape.names().length);
      length += shape.names().length;
    } else {
      tag('r');
      count(number);
    }
    for (Field field : shape.fields()) {
      add(RecordFields.read(field, value));
    }
  }

  private void tag(char tag) {
    room(1);
    buffer[length++] = (byte) tag;
  }

  private void count(int n) {
    room(4);
    buffer[length++] = (byte) (n >>> 24);
    buffer[length++] = (byte) (n >>> 16);
    buffer[length++] = (byte) (n >>> 8);
    buffer[length++] = (byte) n;
  }

  private void text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    count(bytes.length);
    room(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void room(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
