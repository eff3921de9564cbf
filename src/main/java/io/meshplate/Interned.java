package io.meshplate;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One instance of each equal string among what a run keeps of every folder (kinds, namespaces,
 * label keys, JSON pointers): the same few thousand strings recur in every tenant. A lookup in
 * this table is several times cheaper than {@link String#intern()}, which calls into the JVM
 * each time. Past {@value #MAX} strings, by when the recurring ones are in, the rest go to the
 * JVM's table, which still shares them.
 */
public final class Interned {
  private static final int MAX = 1 << 17;
  private static final ConcurrentMap<String, String> TABLE = new ConcurrentHashMap<>(4096);

  private Interned() {}

  /** The shared instance equal to {@code text} (null for null). */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    String known = TABLE.get(text);
    if (known != null) {
      return known;
    }
    if (TABLE.size() >= MAX) {
      return text.intern();
    }
    known = TABLE.putIfAbsent(text, text);
    return known != null ? known : text;
  }
}
