package io.meshplate.testing;

import io.meshplate.Sha256;
import io.meshplate.cli.Cli;
import io.meshplate.cli.Utf8PrintWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A copy of this project's templates, tenants and committed output in a temporary folder, for
 * tests that change inputs and run the real command line on real files.
 */
public record TestProject(Path root) {

  /** What one in-process run of the command line printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  /** Copies {@code templates/}, {@code tenants/} and {@code output/} of the project into {@code target}. */
  public static TestProject copyOf(Path target) {
    Path project = Path.of("").toAbsolutePath();
    for (String folder : new String[] {"templates", "tenants", "output", ".github"}) {
      copyTree(project.resolve(folder), target.resolve(folder));
    }
    return new TestProject(target);
  }

  /** Runs {@code meshplate --root <root> args...} in-process. */
  public Run run(String... args) {
    return cli(root, args);
  }

  /** Runs {@code meshplate --root <root> args...} in-process, through the same factory as main. */
  public static Run cli(Path root, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--root";
    all[1] = root.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Cli.create(new Utf8PrintWriter(out), new PrintWriter(err, true), all).execute(all);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }


  public Path path(String relative) {
    return root.resolve(relative);
  }

  public String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(String relative, String text) {
    try {
      Files.createDirectories(path(relative).getParent());
      Files.writeString(path(relative), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a file or a folder with everything in it. */
  public void delete(String relative) {
    try (Stream<Path> paths = Files.walk(path(relative))) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the first occurrence of {@code from} in a file; fails when it is absent. */
  public void edit(String relative, String from, String to) {
    String text = read(relative);
    if (!text.contains(from)) {
      throw new AssertionError(relative + " does not contain: " + from);
    }
    write(relative, text.replace(from, to));
  }

  /** A digest of every path and every byte under {@code output/}: equal digests, equal trees. */
  public String outputHash() {
    return treeHash(path("output"));
  }

  public static String treeHash(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      MessageDigest digest = Sha256.digest();
      for (Path p : paths.sorted().toList()) {
        digest.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        if (Files.isRegularFile(p)) {
          digest.update(Files.readAllBytes(p));
        }
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    TestFiles.copy(from, to);
  }
}
