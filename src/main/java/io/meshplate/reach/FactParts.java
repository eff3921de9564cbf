package io.meshplate.reach;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each part of decoded facts that names no place: the selectors, port rules,
 * label maps, CIDRs and string matches that every tenant's policies repeat (the namespace
 * selector of {@code istio-system}, port 53/UDP, {@code app: api}), and the lists and maps of
 * them. A render judges each overlay on facts decoded from its pack ({@link Facts#decode}), and
 * without this every tenant had its own copy of each: at 10,000 tenants the decoded facts of one
 * overlay are the peak of the run's live memory. A part is found by its encoding, which is the
 * same for equal parts as long as the strings are numbered by one table; so one instance serves
 * the encodings of one string table, and is dropped with it or when its overlay is judged.
 * A part that holds a {@link Ref} is never shared (no two objects have the same place, so it
 * would only fill the table); the parts inside it still are.
 *
 * <p>Safe to share because facts are never changed once made, and no code compares them by
 * identity. Thread-safe: an overlay's folders are decoded on every core.
 */
public final class FactParts {
  private final ConcurrentHashMap<Encoding, Object> parts = new ConcurrentHashMap<>();

  /** The part first decoded from {@code bytes[from, to)}, or {@code decoded} when it is the first. */
  Object share(byte[] bytes, int from, int to, Object decoded) {
    Encoding probe = new Encoding(bytes, from, to);
    Object known = parts.get(probe);
    if (known != null) {
      return known;
    }
    known = parts.putIfAbsent(probe.copy(), decoded);
    return known != null ? known : decoded;
  }

  /** A range of an encoding, by content: a probe points into the bytes being decoded, a kept key owns a copy. */
  private static final class Encoding {
    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int hash;

    Encoding(byte[] bytes, int from, int to) {
      this(bytes, from, to, hash(bytes, from, to));
    }

    private Encoding(byte[] bytes, int from, int to, int hash) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
      this.hash = hash;
    }

    Encoding copy() {
      return new Encoding(Arrays.copyOfRange(bytes, from, to), 0, to - from, hash);
    }

    private static int hash(byte[] bytes, int from, int to) {
      int h = 1;
      for (int i = from; i < to; i++) {
        h = 31 * h + bytes[i];
      }
      return h;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Encoding e && hash == e.hash && Arrays.equals(bytes, from, to, e.bytes, e.from, e.to);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
