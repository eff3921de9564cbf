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

  private static final int SCALAR_LENGTH = 64;

  /**
   * A string value of a document a run keeps: shared when short. Descriptors are held for the
   * whole run and repeat their keys and most of their values (10,000 of them held some 900,000
   * strings); longer text is mostly unique.
   */
  public static String scalar(String text) {
    return text.length() <= SCALAR_LENGTH ? of(text) : text;
  }

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
