package io.meshplate.cache;

import io.meshplate.OutputException;
import io.meshplate.Sha256;
import io.meshplate.output.OutputWriter;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * {@code .meshplate/cache/} of one project and the build and working copy it belongs to, or the
 * clones that share CI's key ({@link CloneKey}). Disabled when the folder cannot be created (a
 * read-only checkout), or the running code or the working copy's key cannot be had: then every
 * lookup misses and nothing is stored.
 */
public final class CacheDir {
  private final Path dir;
  private final byte[] build;
  private final boolean shared;

  private CacheDir(Path dir, byte[] build, boolean shared) {
    this.dir = dir;
    this.build = build;
    this.shared = shared;
  }

  /**
   * The cache of the project at {@code root}, bound to this working copy, or to every clone given
   * the same {@code MESHPLATE_CACHE_KEY}.
   *
   * @throws io.meshplate.UsageException when that variable holds too short a key
   */
  public static CacheDir open(Path root) {
    return open(root, System.getenv(CloneKey.VARIABLE));
  }

  /**
   * Checks {@code MESHPLATE_CACHE_KEY} as {@link #open(Path)} does, without opening anything: for a
   * command that must report a key too short to use before a failure elsewhere hides it, and that
   * must not create {@code .meshplate/} while another thread walks the work tree.
   *
   * @throws io.meshplate.UsageException when that variable holds too short a key
   */
  public static void checkSharedKey() {
    CloneKey.shared(System.getenv(CloneKey.VARIABLE));
  }

  /** As {@link #open(Path)}, with the shared key's text given ({@code null}: none). */
  static CacheDir open(Path root, String sharedKey) {
    byte[] shared = CloneKey.shared(sharedKey);
    try {
      Path state = OutputWriter.stateFolder(root);
      byte[] build = BuildId.of();
      byte[] key = shared != null ? shared : build == null ? null : CloneKey.of(root, state);
      return build == null || key == null ? disabled()
          : new CacheDir(state.resolve("cache"), identity(build, key), shared != null);
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

  /** What every cache file names as its writer: this build, in this working copy or with CI's key ({@link CloneKey}). */
  private static byte[] identity(byte[] build, byte[] clone) {
    MessageDigest digest = Sha256.digest();
    digest.update(build);
    return digest.digest(clone);
  }

  public static CacheDir disabled() {
    return new CacheDir(null, null, false);
  }

  public boolean enabled() {
    return build != null;
  }

  /**
   * Whether other clones read what this run keeps (CI's shared key): a run that writes nothing to
   * {@code output/} then keeps what a render keeps, as the cache outlives its clone.
   */
  public boolean shared() {
    return shared;
  }

  Path dir() {
    return dir;
  }

  byte[] build() {
    return build.clone();
  }
}
