package io.meshplate.cli;

import io.meshplate.output.WriteReport;
import io.meshplate.review.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints what {@code check} found: each stale, missing or extra file, with a short diff. */
final class StaleFiles {
  private StaleFiles() {}

  static void print(Path output, WriteReport changes, int maxDiffLines, PrintWriter err) {
    for (String path : changes.writtenPaths()) {
      Path file = output.resolve(path);
      byte[] proposed = changes.proposed().get(path);
      if (!Files.exists(file)) {
        err.println("missing  output/" + path);
      } else if (proposed == null) {
        err.println("stale    output/" + path);
      } else {
        printDiff("output/" + path, read(file), proposed, maxDiffLines, err);
      }
    }
    more(changes.written(), changes.writtenPaths().size(), "stale or missing", err);
    for (String path : changes.deletedPaths()) {
      err.println("extra    output/" + path + " (no longer rendered)");
    }
    more(changes.deleted(), changes.deletedPaths().size(), "extra", err);
    for (String path : changes.foreignPaths()) {
      err.println(ForeignFiles.problem(output, path).format());
    }
  }

  private static void more(int total, int listed, String what, PrintWriter err) {
    if (total > listed) {
      err.println("... and " + (total - listed) + " more " + what + " files");
    }
  }

  /** One generated file outside {@code output/}: missing, or stale with a short diff. */
  static void printOne(String path, byte[] onDisk, String desired, int maxDiffLines, PrintWriter err) {
    if (onDisk.length == 0) {
      err.println("missing  " + path);
    } else {
      printDiff(path, onDisk, desired.getBytes(StandardCharsets.UTF_8), maxDiffLines, err);
    }
  }

  private static void printDiff(String path, byte[] onDisk, byte[] desired, int maxDiffLines, PrintWriter err) {
    err.println("stale    " + path);
    String diff = UnifiedDiff.of(path, onDisk, desired, 2);
    diff.lines().limit(maxDiffLines).forEach(line -> err.println("    " + line));
    long more = diff.lines().count() - maxDiffLines;
    if (more > 0) {
      err.println("    ... " + more + " more diff lines");
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
