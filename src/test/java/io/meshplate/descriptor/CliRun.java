package io.meshplate.descriptor;

import io.meshplate.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in-process, on real files, and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Path root, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--root";
    all[1] = root.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Copies the project's templates/ into {@code root}: validate needs the overlays too. */
  static void withProjectTemplates(Path root) {
    try (var paths = Files.walk(Path.of("templates"))) {
      for (Path source : paths.sorted().toList()) {
        Path target = root.resolve(source.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
