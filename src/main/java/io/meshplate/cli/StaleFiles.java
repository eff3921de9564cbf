package io.meshplate.cli;

import io.meshplate.output.WriteReport;
import io.meshplate.review.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;

/** Prints what {@code check} found: each stale, missing or extra file, with a short diff. */
final class StaleFiles {
  private StaleFiles() {}

  static void print(Path output, SortedMap<String, byte[]> desired, WriteReport changes,
      int maxDiffLines, PrintWriter err) {
    for (String path : changes.writtenPaths()) {
      Path file = output.resolve(path);
      if (!Files.exists(file)) {
        err.println("missing  output/" + path);
        continue;
      }
      err.println("stale    output/" + path);
      String diff = UnifiedDiff.of("output/" + path, read(file), desired.get(path), 2);
      diff.lines().limit(maxDiffLines).forEach(line -> err.println("    " + line));
      long more = diff.lines().count() - maxDiffLines;
      if (more > 0) {
        err.println("    ... " + more + " more diff lines");
      }
    }
    for (String path : changes.deletedPaths()) {
      err.println("extra    output/" + path + " (no longer rendered)");
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
