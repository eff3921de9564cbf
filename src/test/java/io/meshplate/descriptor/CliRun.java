package io.meshplate.descriptor;

import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in-process, on real files, and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Path root, String... args) {
    TestProject.Run run = TestProject.cli(root, args);
    return new CliRun(run.exitCode(), run.out(), run.err());
  }


  /** Copies the project's templates/ into {@code root}: validate needs the overlays too. */
  static void withProjectTemplates(Path root) {
    TestFiles.copy(Path.of("templates"), root.resolve("templates"));
  }

  /** Writes {@code files} (path relative to {@code root} → content) under {@code root}. */
  static void write(Path root, Map<String, byte[]> files) {
    files.forEach((name, content) -> {
      try {
        Path path = root.resolve(name);
        Files.createDirectories(path.getParent());
        Files.write(path, content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
