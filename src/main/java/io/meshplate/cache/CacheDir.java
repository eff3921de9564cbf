package io.meshplate.cache;

import io.meshplate.OutputException;
import io.meshplate.output.OutputWriter;
import java.nio.file.Path;

/**
 * {@code .meshplate/cache/} of one project and the build it belongs to. Disabled when the
 * folder cannot be created (a read-only checkout) or the running code cannot be identified:
 * then every lookup misses and nothing is stored.
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
      Path cache = OutputWriter.stateFolder(root).resolve("cache");
      byte[] build = BuildId.of();
      return build == null ? disabled() : new CacheDir(cache, build);
    } catch (OutputException readOnly) {
      return disabled();
    }
  }

  public static CacheDir disabled() {
    return new CacheDir(null, null);
  }

  boolean enabled() {
    return build != null;
  }

  Path dir() {
    return dir;
  }

  byte[] build() {
    return build.clone();
  }
}
