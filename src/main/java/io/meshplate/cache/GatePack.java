package io.meshplate.cache;

import java.io.IOException;
import java.io.OutputStream;
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

  /** Writes a body of a known length. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Keeps the {@code length} bytes {@code body} writes for the next run, read back by {@link #read}
   * as one array; does nothing when the cache is off, and a failure only costs time.
   */
  public void write(CacheDir cache, String overlay, int length, Body body) {
    if (cache.enabled()) {
      PackFile.write(file(cache, overlay), format, cache.build(), out -> PackFile.write(out, length, body::writeTo));
    }
  }

  private Path file(CacheDir cache, String overlay) {
    return cache.dir().resolve(folder).resolve(overlay);
  }
}
