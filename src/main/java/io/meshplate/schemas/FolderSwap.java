package io.meshplate.schemas;

import io.meshplate.OutputException;
import io.meshplate.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Replaces a folder with a new set of files all at once: the set is written and flushed into a
 * staging folder next to it, then the old folder is moved aside and the new one renamed into
 * place, and the old one deleted. A reader sees the old set or the new one, never a mixture; a
 * run killed between the two renames leaves the old set as {@code .<name>.previous}, which the
 * next pull puts back before it starts.
 */
final class FolderSwap {
  static final String WRITE_FAILED = "SCHEMAS-WRITE-FAILED";

  private FolderSwap() {}

  /**
   * Makes {@code target} hold exactly {@code files} (relative path to bytes).
   *
   * @return false when it already did (nothing is touched then)
   */
  static boolean replace(Path target, SortedMap<String, byte[]> files) {
    Path staging = target.resolveSibling("." + target.getFileName() + ".staging");
    Path previous = target.resolveSibling("." + target.getFileName() + ".previous");
    try {
      if (!Files.exists(target) && Files.isDirectory(previous)) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      }
      delete(staging);
      delete(previous);
      if (same(target, files)) {
        return false;
      }
      for (var entry : files.entrySet()) {
        Path file = staging.resolve(entry.getKey());
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer bytes = ByteBuffer.wrap(entry.getValue());
          while (bytes.hasRemaining()) {
            channel.write(bytes);
          }
          channel.force(true);
        }
      }
      if (Files.exists(target)) {
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      delete(previous);
      return true;
    } catch (IOException e) {
      try {
        delete(staging);
      } catch (IOException ignored) {
        // the first failure is the one to report
      }
      throw new OutputException(List.of(new Problem(target.toString(), 0, 0, WRITE_FAILED,
          "cannot write the schemas: " + e.getMessage(), "check the free space and permissions of the folder, then pull again")));
    }
  }

  private static boolean same(Path target, SortedMap<String, byte[]> files) throws IOException {
    if (!Files.isDirectory(target)) {
      return false;
    }
    SortedMap<String, byte[]> present = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(target)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        present.put(target.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    if (!present.keySet().equals(files.keySet())) {
      return false;
    }
    return files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), present.get(e.getKey())));
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
