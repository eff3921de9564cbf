package io.meshplate.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * A random key of this working copy, part of every cache's build id, so that a cache is only ever
 * read by the clone that wrote it. {@code .meshplate/} is ignored by Git, but a pull request can
 * still force-add it: a committed cache could vouch for hand-made output in CI's {@code check},
 * since every other part of a cache key (the build, the inputs) is known to whoever can read the
 * repository. The key lives where a commit cannot put it: in the Git directory
 * ({@code .git/meshplate-cache-key}, found from the project root upwards; a {@code .git} file
 * names it for a worktree or submodule). A project outside Git keeps it in {@code .meshplate/}.
 * A fresh clone gets a new key, so it reads no cache it did not write.
 */
final class CloneKey {
  static final String FILE = "meshplate-cache-key";
  private static final int SIZE = 32;

  private CloneKey() {}

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
