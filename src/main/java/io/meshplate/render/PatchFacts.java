package io.meshplate.render;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.BitSet;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the overlay-wide patch checks need of one folder ({@link OverlayRenderer#checkPatches}),
 * small enough to keep for every folder and to cache with it.
 *
 * @param kinds the kinds its templates rendered, before patches
 * @param matched the overlay's patches (numbered in chain order) that selected something in it
 */
public record PatchFacts(SortedSet<String> kinds, BitSet matched) {
  /** The few distinct sets of kinds, shared: every folder keeps one, and most folders have the same. */
  private static final ConcurrentMap<SortedSet<String>, SortedSet<String>> SHARED =
      new ConcurrentHashMap<>();
  private static final int MAX_SHARED = 1024;

  public PatchFacts {
    SortedSet<String> copy = Collections.unmodifiableSortedSet(new TreeSet<>(kinds));
    SortedSet<String> shared = SHARED.get(copy);
    if (shared == null && SHARED.size() < MAX_SHARED) {
      shared = SHARED.computeIfAbsent(copy, k -> k);
    }
    kinds = shared != null ? shared : copy;
    matched = (BitSet) matched.clone();
  }

  @Override
  public BitSet matched() {
    return (BitSet) matched.clone();
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(kinds.size());
    for (String kind : kinds) {
      out.writeUTF(kind);
    }
    byte[] bits = matched.toByteArray();
    out.writeInt(bits.length);
    out.write(bits);
  }

  public static PatchFacts read(DataInput in) throws IOException {
    TreeSet<String> kinds = new TreeSet<>();
    for (int i = in.readInt(); i > 0; i--) {
      kinds.add(in.readUTF());
    }
    int length = in.readInt();
    if (length < 0 || length > 1 << 16) {
      throw new IOException("damaged patch facts");
    }
    byte[] bits = new byte[length];
    in.readFully(bits);
    return new PatchFacts(kinds, BitSet.valueOf(bits));
  }
}
