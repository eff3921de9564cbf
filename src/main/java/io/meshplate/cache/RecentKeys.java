package io.meshplate.cache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SHA-256 keys of the last few runs that passed a check, latest first: a few rather than one,
 * so runs over different selections or branches in turn do not push each other out. Read and
 * written inside a {@link PackFile}.
 */
final class RecentKeys {
  static final int KEY = 32;

  private RecentKeys() {}

  /** Whether {@code keys} holds {@code key}. */
  static boolean contains(List<byte[]> keys, byte[] key) {
    return keys.stream().anyMatch(k -> Arrays.equals(k, key));
  }

  /** {@code key} first, then those of {@code before} that differ from it, {@code kept} in all. */
  static List<byte[]> withFirst(byte[] key, List<byte[]> before, int kept) {
    List<byte[]> keys = new ArrayList<>(List.of(key));
    before.stream().filter(k -> !Arrays.equals(k, key)).limit(kept - 1L).forEach(keys::add);
    return List.copyOf(keys);
  }

  /** Whether the two lists hold equal keys in the same order. */
  static boolean same(List<byte[]> a, List<byte[]> b) {
    return Arrays.deepEquals(a.toArray(), b.toArray());
  }

  static void write(DataOutputStream out, List<byte[]> keys) throws IOException {
    out.writeInt(keys.size());
    for (byte[] key : keys) {
      out.write(key);
    }
  }

  /** @throws IOException when the count is beyond {@code kept} or the bytes end early */
  static List<byte[]> read(DataInputStream in, int kept) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > kept) {
      throw new IOException("damaged count of keys");
    }
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] key = new byte[KEY];
      in.readFully(key);
      keys.add(key);
    }
    return List.copyOf(keys);
  }
}
