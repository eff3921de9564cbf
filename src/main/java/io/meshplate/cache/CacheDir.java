package io.meshplate.cache;

import io.meshplate.OutputException;
import io.meshplate.Sha256;
import io.meshplate.output.OutputWriter;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * {@code .meshplate/cache/} of one project and the build and working copy it belongs to.
 * Disabled when the folder cannot be created (a read-only checkout), or the running code or the
 * working copy's key ({@link CloneKey}) cannot be had: then every lookup misses and nothing is
 * stored.
 */
public final class CacheDir {
  private final Path dir;
  private final byte[] build;

  private CacheDir(Path dir, byte[] build) {
    this.dir = dir;
    this.build = build;
  }

  public static CacheDir open(Path root) {
    try {
      Path state = OutputWriter.stateFolder(root);
      byte[] build = BuildId.of();
      byte[] clone = build == null ? null : CloneKey.of(root, state);
      return clone == null ? disabled() : new CacheDir(state.resolve("cache"), identity(build, clone));
    } catch (OutputException readOnly) {
      return disabled();
    }
  }

  /**
   * Works out this build's id now, on the calling thread, for a process that will open its cache:
   * reading and summing the jar's directory takes some 15 ms at start, which a thread that is
   * idle then can spend instead.
   */
  public static void warmUp() {
    BuildId.of();
  }

  /** What every cache file names as its writer: this build, in this working copy ({@link CloneKey}). */
  private static byte[] identity(byte[] build, byte[] clone) {
    MessageDigest digest = Sha256.digest();
    digest.update(build);
    return digest.digest(clone);
  }

  public static CacheDir disabled() {
    return new CacheDir(null, null);
  }

  public boolean enabled() {
    return build != null;
  }

  Path dir() {
    return dir;
  }

  byte[] build() {
    return build.clone();
  }
}
