package io.meshplate.cache;

import io.meshplate.Problem;
import io.meshplate.Sha256;
import io.meshplate.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;

/**
 * A random key of this working copy, part of every cache's build id, so that a cache is only ever
 * read by the clone that wrote it. {@code .meshplate/} is ignored by Git, but a pull request can
 * still force-add it: a committed cache could vouch for hand-made output in CI's {@code check},
 * since every other part of a cache key (the build, the inputs) is known to whoever can read the
 * repository. The key lives where a commit cannot put it: in the Git directory
 * ({@code .git/meshplate-cache-key}, found from the project root upwards; a {@code .git} file
 * names it for a worktree or submodule). A project outside Git keeps it in {@code .meshplate/}.
 * A fresh clone gets a new key, so it reads no cache it did not write.
 *
 * <p>CI can share one cache between its clones by giving each the same secret instead
 * ({@value #VARIABLE}, at least {@value #SHORTEST} characters): a cache that runs of the protected
 * branch saved and a pull request's run restores is then read, and a committed one still is not,
 * as long as the secret stays with CI. The stamps in the output state describe one work tree and
 * prove nothing in another (the change time of every checked-out file differs), so a restored
 * cache saves the work its content keys name, never the reading of {@code output/}.
 */
final class CloneKey {
  static final String FILE = "meshplate-cache-key";
  /** The environment variable holding a key CI shares between its clones. */
  static final String VARIABLE = "MESHPLATE_CACHE_KEY";
  /** Fewest characters a shared key may have: 32 random hex digits are 128 bits nobody can guess. */
  static final int SHORTEST = 32;
  private static final int SIZE = 32;

  private CloneKey() {}

  /**
   * The key CI shares between its clones ({@value #VARIABLE}), as the digest of its text; null when
   * {@code value} is null or empty.
   *
   * @throws UsageException when the secret is too short to keep a forged cache out
   */
  static byte[] shared(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.strip().length() < SHORTEST) {
      throw new UsageException(List.of(new Problem(VARIABLE, 0, 0, "CACHE-KEY-TOO-SHORT",
          "has " + value.strip().length() + " characters; a cache key shared between clones needs at least "
              + SHORTEST + " random ones, or a pull request could guess it and commit a cache that vouches for"
              + " its own output/",
          "make one with `openssl rand -hex 32` and keep it as a CI secret; or unset the variable, and each clone"
              + " then keeps a key of its own")));
    }
    return Sha256.of(value.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** This working copy's key, made on first use; null when it can be neither read nor made (caching is then off). */
  static byte[] of(Path root, Path stateFolder) {
    Path file = location(root, stateFolder);
    byte[] known = read(file);
    if (known != null) {
      return known;
    }
    byte[] key = new byte[SIZE];
    new SecureRandom().nextBytes(key);
    Path temp = null;
    try {
      temp = Files.createTempFile(file.getParent(), FILE, ".tmp");
      Files.write(temp, key);
      // Without replacing: when two runs make a key at once, the first kept is the clone's key.
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
    }
    return read(file);
  }

  /** Where the key of the working copy at {@code root} is kept. */
  static Path location(Path root, Path stateFolder) {
    for (Path dir = root.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path git = dir.resolve(".git");
      if (Files.isDirectory(git, LinkOption.NOFOLLOW_LINKS)) {
        return git.resolve(FILE);
      }
      if (Files.isRegularFile(git, LinkOption.NOFOLLOW_LINKS)) {
        Path named = gitDirNamedBy(git);
        return named != null ? named.resolve(FILE) : stateFolder.resolve(FILE);
      }
    }
    return stateFolder.resolve(FILE);
  }

  /** The directory a {@code .git} file names ({@code gitdir: <path>}, relative to the file's folder), or null. */
  private static Path gitDirNamedBy(Path gitFile) {
    try {
      String text = Files.readString(gitFile, StandardCharsets.UTF_8).strip();
      if (!text.startsWith("gitdir:")) {
        return null;
      }
      Path named = gitFile.getParent().resolve(text.substring("gitdir:".length()).strip()).normalize();
      return Files.isDirectory(named) ? named : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] read(Path file) {
    try {
      byte[] key = Files.readAllBytes(file);
      return key.length == SIZE ? key : null;
    } catch (IOException | RuntimeException absent) {
      return null;
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // a stray temporary file in the Git directory costs nothing
    }
  }
}
