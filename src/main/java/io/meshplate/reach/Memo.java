package io.meshplate.reach;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A value computed once per key and shared by the threads that evaluate an overlay's flows. Not
 * {@code ConcurrentHashMap.computeIfAbsent}: a computation may consult other memos (or this one
 * for another key) while it runs. Two threads may compute the same value at once; the first one
 * stored is the one everybody gets, so each key has one instance.
 */
final class Memo<K, V> {
  private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();

  V get(K key, Function<K, V> compute) {
    V known = values.get(key);
    if (known != null) {
      return known;
    }
    V value = compute.apply(key);
    V first = values.putIfAbsent(key, value);
    return first != null ? first : value;
  }
}
