package io.meshplate.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inputs of the last whole-tree checks that passed ({@code io.meshplate.policy.Invariants#treeKey}),
 * in {@code .meshplate/cache/tree}: the checks are a function of those inputs, so a run whose
 * inputs are among them passes without decoding what every folder kept. Most descriptor changes
 * leave every folder's kept objects (Argo CD objects, Namespaces, Telemetry) as they were. A few
 * keys are kept, so runs over different selections ({@code --tenant}, {@code --env}) do not
 * push each other out. A {@link PackFile}: absent, damaged or another build's reads as none.
 */
public final class TreeVerdicts {
  private static final String FORMAT = "meshplate-tree-verdicts 1";
  /** Enough for a render of everything and a few selections in turn. */
  private static final int KEPT = 8;
  private static final int KEY = 32;

  private TreeVerdicts() {}

  /** Whether checks over exactly these inputs passed in one of the last runs (false when the cache is off). */
  public static boolean passed(CacheDir cache, byte[] key) {
    return read(cache).stream().anyMatch(k -> Arrays.equals(k, key));
  }

  /** Keeps {@code key} as passed, first, dropping the oldest beyond a few; a failure only costs time. */
  public static void remember(CacheDir cache, byte[] key) {
    if (!cache.enabled() || key.length != KEY) {
      return;
    }
    List<byte[]> keys = new ArrayList<>(List.of(key));
    read(cache).stream().filter(k -> !Arrays.equals(k, key)).limit(KEPT - 1).forEach(keys::add);
    PackFile.write(file(cache), FORMAT, cache.build(), out -> {
      out.writeInt(keys.size());
      for (byte[] k : keys) {
        out.write(k);
      }
    });
  }

  private static List<byte[]> read(CacheDir cache) {
    if (!cache.enabled()) {
      return List.of();
    }
    List<byte[]> keys = PackFile.read(file(cache), FORMAT, cache.build(), in -> {
      int count = in.readInt();
      if (count < 0 || count > KEPT) {
        throw new java.io.IOException("damaged count");
      }
      List<byte[]> read = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] k = new byte[KEY];
        in.readFully(k);
        read.add(k);
      }
      return read;
    });
    return keys == null ? List.of() : keys;
  }

  private static Path file(CacheDir cache) {
    return cache.dir().resolve("tree");
  }
}
