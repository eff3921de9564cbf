package io.meshplate.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The number of each string of a {@link FactsPack}'s table: an open-addressing table, read
 * without a lock, for the encoders on every core that look up a known string (nearly every
 * lookup); {@link #add} is for one writer at a time. One overlay of 10,000 tenants numbers 510,438
 * strings: a {@link java.util.concurrent.ConcurrentHashMap} held them in 29.5 MB (a node and a
 * boxed number each), this table in 10.1 MB.
 */
final class StringNumbers {
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(String[].class);
  /** Entries per slot at most, before the table doubles: short probes, and at least a third free. */
  private static final double LOAD = 0.66;

  /** One table: read whole by a reader, replaced whole when it grows. */
  private record Table(String[] keys, int[] numbers) {
    int slot(int hash) {
      return (hash ^ hash >>> 16) & (keys.length - 1);
    }
  }

  private volatile Table table;
  private int size;

  /** @param expected how many strings it will hold, to size it once */
  StringNumbers(int expected) {
    table = new Table(new String[capacity(expected)], new int[capacity(expected)]);
  }

  private static int capacity(int entries) {
    int capacity = 16;
    while (capacity * LOAD < entries + 1) {
      capacity <<= 1;
    }
    return capacity;
  }

  /** The number of {@code s}, or -1. Safe from any thread while {@link #add} runs. */
  int get(String s) {
    Table t = table;
    String[] keys = t.keys();
    int mask = keys.length - 1;
    for (int i = t.slot(s.hashCode()); ; i = i + 1 & mask) {
      // The number is written before its key is published (see add): a key seen gives its number.
      String key = (String) KEYS.getAcquire(keys, i);
      if (key == null) {
        return -1;
      }
      if (key == s || key.equals(s)) {
        return t.numbers()[i];
      }
    }
  }

  /** Gives {@code s}, which it does not hold, the number {@code number}. One caller at a time. */
  void add(String s, int number) {
    if (size + 1 > table.keys().length * LOAD) {
      table = grown(table);
    }
    put(table, s, number);
    size++;
  }

  private static void put(Table t, String s, int number) {
    String[] keys = t.keys();
    int mask = keys.length - 1;
    int i = t.slot(s.hashCode());
    while (keys[i] != null) {
      i = i + 1 & mask;
    }
    t.numbers()[i] = number;
    KEYS.setRelease(keys, i, s);
  }

  /** A table twice as large holding the same entries, published only once complete. */
  private static Table grown(Table t) {
    Table bigger = new Table(new String[2 * t.keys().length], new int[2 * t.keys().length]);
    for (int i = 0; i < t.keys().length; i++) {
      if (t.keys()[i] != null) {
        put(bigger, t.keys()[i], t.numbers()[i]);
      }
    }
    return bigger;
  }
}
