package io.meshplate.cache;

import java.nio.file.Path;
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

  private TreeVerdicts() {}

  /** Whether checks over exactly these inputs passed in one of the last runs (false when the cache is off). */
  public static boolean passed(CacheDir cache, byte[] key) {
    return RecentKeys.contains(read(cache), key);
  }

  /** Keeps {@code key} as passed, first, dropping the oldest beyond a few; a failure only costs time. */
  public static void remember(CacheDir cache, byte[] key) {
    if (!cache.enabled() || key.length != RecentKeys.KEY) {
      return;
    }
    List<byte[]> keys = RecentKeys.withFirst(key, read(cache), KEPT);
    PackFile.write(file(cache), FORMAT, cache.build(), out -> RecentKeys.write(out, keys));
  }

  private static List<byte[]> read(CacheDir cache) {
    if (!cache.enabled()) {
      return List.of();
    }
    List<byte[]> keys = PackFile.read(file(cache), FORMAT, cache.build(), in -> RecentKeys.read(in, KEPT));
    return keys == null ? List.of() : keys;
  }

  private static Path file(CacheDir cache) {
    return cache.dir().resolve("tree");
  }
}
