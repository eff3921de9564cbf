package io.meshplate.yaml;

import java.util.Arrays;

/**
 * Text decoded before, found by its bytes: plain scalars {@link TemplateOutputReader} decoded and
 * typed, strings {@link ValueCodec} read back from a cache. Output files repeat a few hundred keys
 * and a few thousand short values (kinds, label values, namespace names, ports) tens of thousands
 * of times: one found here is neither decoded nor typed again, and is one instance whose hash is
 * known, so the maps it goes into do not compute it either. Only ASCII text is kept: in UTF-8 it
 * decodes to the same characters whatever else the file holds.
 *
 * <p>Direct-mapped and shared by every thread without a lock: a slot holds an immutable entry,
 * so a reader sees a whole entry or none, and an entry whose slot another text takes is simply
 * decoded again next time.
 */
final class ScalarCache {
  /** What {@link #get} returns for text it does not hold (a cached value may be null). */
  static final Object MISS = new Object();

  /** The longest text kept: keys and short values; longer text rarely recurs. */
  static final int MAX_LENGTH = 48;

  private record Entry(byte[] text, Object value) {}

  private final Entry[] slots;

  /** @param size a power of two */
  ScalarCache(int size) {
    slots = new Entry[size];
  }

  /**
   * The hash of {@code text[from, to)} for {@link #get} and {@link #put}, or -1 when it is not
   * kept (longer than {@link #MAX_LENGTH}, or not ASCII).
   */
  static int hash(byte[] text, int from, int to) {
    if (to - from > MAX_LENGTH) {
      return -1;
    }
    int hash = 0;
    int bits = 0;
    for (int i = from; i < to; i++) {
      byte b = text[i];
      hash = 31 * hash + b;
      bits |= b;
    }
    return hash(hash, bits, to - from);
  }

  /**
   * {@link #hash(byte[], int, int)} of {@code length} bytes a caller's own scan has folded into
   * {@code hash} ({@code 31 * hash + b} for each) and {@code bits} (their bitwise or).
   */
  static int hash(int hash, int bits, int length) {
    return length > MAX_LENGTH || bits < 0 ? -1 : hash & Integer.MAX_VALUE;
  }

  /** The value kept for {@code text[from, to)} with {@code hash} ({@link #hash}, not -1), or {@link #MISS}. */
  Object get(byte[] text, int from, int to, int hash) {
    Entry entry = slots[slot(hash)];
    return entry != null && Arrays.equals(entry.text, 0, entry.text.length, text, from, to) ? entry.value : MISS;
  }

  /** Keeps {@code value} for {@code text[from, to)} with {@code hash} ({@link #hash}, not -1). */
  void put(byte[] text, int from, int to, int hash, Object value) {
    slots[slot(hash)] = new Entry(Arrays.copyOfRange(text, from, to), value);
  }

  /** The high bits folded in: texts that differ in their last character only differ little in the low bits. */
  private int slot(int hash) {
    return (hash ^ hash >>> 16) & (slots.length - 1);
  }
}
