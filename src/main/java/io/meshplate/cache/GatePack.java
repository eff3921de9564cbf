package io.meshplate.cache;

import java.nio.file.Path;

/**
 * What the connectivity gate of one overlay judged last time ({@code io.meshplate.reach.GateMemory}),
 * in {@code .meshplate/cache/gate/<overlay>}: a {@link PackFile}, so an absent, damaged or
 * other build's file reads as nothing and the gate evaluates every flow.
 */
public final class GatePack {
  private static final String FORMAT = "meshplate-reach-gate 1";

  private GatePack() {}

  /** The kept bytes, or null (nothing kept, damaged, another build, or the cache is off). */
  public static byte[] read(CacheDir cache, String overlay) {
    return cache.enabled() ? PackFile.read(file(cache, overlay), FORMAT, cache.build(), PackFile::bytes) : null;
  }

  /** Keeps {@code body} for the next run; does nothing when the cache is off, and a failure only costs time. */
  public static void write(CacheDir cache, String overlay, byte[] body) {
    if (cache.enabled()) {
      PackFile.write(file(cache, overlay), FORMAT, cache.build(), out -> PackFile.write(out, body));
    }
  }

  private static Path file(CacheDir cache, String overlay) {
    return cache.dir().resolve("gate").resolve(overlay);
  }
}
