package io.meshplate.security;

import io.meshplate.Sha256;
import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Cheap copies of a project tree and a fingerprint of a folder, for tests that attack a copy. */
final class ProjectTrees {
  private ProjectTrees() {}

  /** The project this test runs in (the Maven base directory). */
  static Path projectRoot() {
    return Path.of("").toAbsolutePath();
  }

  /**
   * Mirrors {@code from} into {@code to} with hard links where the file system allows. Safe for
   * {@code output/}: the writer replaces files by renaming staged copies over them and never
   * writes into an existing file, so a linked original is never changed.
   */
  static void link(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          try {
            Files.createLink(target, source);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a tree (links are removed, never followed). */
  static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plain copy (for trees a test modifies in place). */
  static void copy(Path from, Path to) {
    TestFiles.copy(from, to);
  }

  /** Relative paths of every regular file below {@code dir}, sorted. */
  static List<String> files(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 over every file's relative path and bytes, in sorted order. */
  static String hash(Path dir) {
    try {
      MessageDigest digest = Sha256.digest();
      for (String file : files(dir)) {
        digest.update(file.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(dir.resolve(file)));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
