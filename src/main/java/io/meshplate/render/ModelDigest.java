package io.meshplate.render;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
   * and its components' fields, read directly. Reading a component through its accessor method
   * ({@code Method.invoke}) looked up its caller on every call, and the keys of 1,000 tenants x 3
   * overlays read some millions of them. A field and its accessor hold the same value: no model
   * record computes an accessor (a record that did would still be keyed by what it derives from).
   */
  private record Shape(byte[] names, Field[] fields) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      ModelDigest names = new ModelDigest();
      names.text(type.getName());
      RecordComponent[] components = type.getRecordComponents();
      Field[] fields = new Field[components.length];
      for (int i = 0; i < components.length; i++) {
        names.text(components[i].getName());
        try {
          fields[i] = type.getDeclaredField(components[i].getName());
          fields[i].setAccessible(true);
        } catch (NoSuchFieldException | RuntimeException e) {
          throw new IllegalStateException("cannot read the component " + components[i] + " of a template model record", e);
        }
      }
      return new Shape(java.util.Arrays.copyOf(names.buffer, names.length), fields);
    }
  };

  private byte[] buffer = new byte[4096];
  private int length;
  /** The record classes this encoding has named, in the order it named them: a class named before goes in by its number. */
  private final Map<Class<?>, Integer> named = new java.util.IdentityHashMap<>();

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
      try {
        add(field.get(value));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + field, e);
      }
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
      buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
