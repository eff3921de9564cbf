package io.meshplate.cache;

import java.nio.file.Path;

/**
 * What the connectivity model of one overlay kept last time ({@code io.meshplate.reach.GateMemory}),
 * one {@link PackFile} per overlay, so an absent, damaged or other build's file reads as nothing
 * and every flow is evaluated.
 */
public enum GatePack {
  /** A gate's findings, in {@code .meshplate/cache/gate/<overlay>}. */
  FINDINGS("gate", "meshplate-reach-gate 3"),
  /** The flows of {@code meshplate reach}'s table, in {@code .meshplate/cache/table/<overlay>}. */
  FLOWS("table", "meshplate-reach-table 2");

  private final String folder;
  private final String format;

  GatePack(String folder, String format) {
    this.folder = folder;
    this.format = format;
  }

  /** The kept bytes, or null (nothing kept, damaged, another build, or the cache is off). */
  public byte[] read(CacheDir cache, String overlay) {
    return cache.enabled() ? PackFile.read(file(cache, overlay), format, cache.build(), PackFile::bytes) : null;
  }

  /** Keeps {@code body} for the next run; does nothing when the cache is off, and a failure only costs time. */
  public void write(CacheDir cache, String overlay, byte[] body) {
    if (cache.enabled()) {
      PackFile.write(file(cache, overlay), format, cache.build(), out -> PackFile.write(out, body));
    }
  }

  private Path file(CacheDir cache, String overlay) {
    return cache.dir().resolve(folder).resolve(overlay);
  }
}
