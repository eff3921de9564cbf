package io.meshplate.output;

import io.meshplate.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers: build owned file contents and fingerprint whole trees. */
final class OutputTrees {
  private OutputTrees() {}

  static byte[] owned(String body) {
    return (OutputWriter.OWNERSHIP_HEADER + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Every regular file below {@code dir} with its bytes, keyed by relative path. */
  static SortedMap<String, byte[]> read(Path dir) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** A hash over paths and contents of every file (and empty folder) below {@code dir}. */
  static String fingerprint(Path dir) {
    try {
      MessageDigest digest = Sha256.digest();
      for (Map.Entry<String, byte[]> file : read(dir).entrySet()) {
        digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getValue());
        digest.update((byte) 0);
      }
      if (Files.isDirectory(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.filter(Files::isDirectory).filter(OutputTrees::isEmptyDir).sorted()
              .forEach(empty -> digest.update(("empty:" + dir.relativize(empty)).getBytes(StandardCharsets.UTF_8)));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmptyDir(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeAll(Path dir, Map<String, byte[]> files) {
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path target = dir.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
