package io.meshplate.explain;

import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A copy of the project's templates and tenants in a temporary folder, driven through the real CLI. */
final class Project {
  private final Path root;

  private Project(Path root) {
    this.root = root;
  }

  static Project copyTo(Path target) {
    Path project = Path.of("").toAbsolutePath();
    copy(project.resolve("templates"), target.resolve("templates"));
    copy(project.resolve("tenants"), target.resolve("tenants"));
    return new Project(target);
  }

  Path root() {
    return root;
  }

  Path file(String relative) {
    return root.resolve(relative);
  }

  /** Runs {@code meshplate --root <copy> args...} in-process. */
  Run run(String... args) {
    TestProject.Run run = TestProject.cli(root, args);
    return new Run(run.exitCode(), run.out(), run.err());
  }


  record Run(int exitCode, String out, String err) {}

  /** Every file under output/, path relative to output/ → its bytes (as ISO-8859-1 text, byte for byte). */
  SortedMap<String, String> output() {
    SortedMap<String, String> files = new TreeMap<>();
    Path output = root.resolve("output");
    if (!Files.isDirectory(output)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(output)) {
      for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
        files.put(output.relativize(file).toString().replace('\\', '/'),
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  void append(String relative, String text) {
    try {
      Files.writeString(file(relative), Files.readString(file(relative)) + text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the first {@code old} in the file; fails when it is not there. */
  void replace(String relative, String old, String replacement) {
    String text = read(relative);
    if (!text.contains(old)) {
      throw new AssertionError("no '" + old + "' in " + relative);
    }
    write(relative, text.replaceFirst(Pattern.quote(old),
        Matcher.quoteReplacement(replacement)));
  }

  String read(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String relative, String text) {
    try {
      Files.createDirectories(file(relative).getParent());
      Files.writeString(file(relative), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based number of the first line of {@code relative} that equals {@code line} (trimmed). */
  int lineOf(String relative, String line) {
    try {
      List<String> lines = Files.readAllLines(file(relative));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().equals(line)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no line '" + line + "' in " + relative);
  }

  private static void copy(Path from, Path to) {
    TestFiles.copy(from, to);
  }
}
