package io.meshplate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.cli.Cli;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.Yaml11Check;
import io.meshplate.yaml.YamlLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every case of {@code src/test/resources/hostile/} through the real CLI ({@code render})
 * on a copy of the project: the example tenants plus the hostile file, with {@code output/}
 * already rendered. A reject must fail with the expected exit code, rule id and position, print
 * no stack trace and leave {@code output/} byte-identical; an accept must render, re-render
 * without writing, and produce files that re-parse strictly and mean the same in YAML 1.1.
 * See {@link HostileCase} for the file format.
 */
class HostileCorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/hostile");

  @TempDir static Path work;
  static Path baseline;
  static String baselineHash;

  @BeforeAll
  static void renderBaselineOnce() {
    baseline = work.resolve("baseline");
    Path project = ProjectTrees.projectRoot();
    ProjectTrees.link(project.resolve("templates"), baseline.resolve("templates"));
    ProjectTrees.copy(project.resolve("tenants"), baseline.resolve("tenants"));
    ProjectTrees.copy(project.resolve("output"), baseline.resolve("output"));
    Run run = Run.render(baseline);
    assertThat(run.code).as(run.err).isZero();
    baselineHash = ProjectTrees.hash(baseline.resolve("output"));
  }

  @TestFactory
  Stream<DynamicTest> everyHostileCase() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(90);
    return files.stream().map(file -> {
      String id = CORPUS.relativize(file).toString().replace('\\', '/');
      return DynamicTest.dynamicTest(id, () -> run(HostileCase.read(file, id)));
    });
  }

  private static void run(HostileCase hostile) throws IOException {
    Path root = work.resolve(hostile.id().replace('/', '_'));
    ProjectTrees.link(baseline.resolve("templates"), root.resolve("templates"));
    ProjectTrees.link(baseline.resolve("tenants"), root.resolve("tenants"));
    ProjectTrees.link(baseline.resolve("output"), root.resolve("output"));
    place(hostile, root);

    Run run = Run.render(root);

    String context = hostile.id() + "\nstdout:\n" + run.out + "\nstderr:\n" + run.err;
    assertThat(run.err).as(context).doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("internal error").doesNotContain("\u001B");
    // Every problem is one line: input cannot forge a CI workflow command (::error::) line.
    assertThat(run.err.lines()).as(context).noneMatch(line -> line.startsWith("::"));
    if (hostile.accepts()) {
      for (String warning : hostile.warns()) {
        int space = warning.indexOf(' ');
        assertThat(run.err()).as(context).contains(warning.substring(space + 1) + ": " + warning.substring(0, space) + ": ");
      }
      hostile.notes().forEach(note -> assertThat(run.err()).as(context).contains("note: " + note));
      for (Map.Entry<String, String> planted : hostile.plants().entrySet()) {
        assertThat(Files.readString(root.resolve(planted.getKey()), StandardCharsets.UTF_8)).as(context)
            .isEqualTo(planted.getValue());
      }
      assertAccepted(hostile, root, run, context);
    } else {
      assertThat(run.code).as(context).isEqualTo(hostile.exitCode());
      assertThat(run.err).as(context).contains(expectedLine(hostile));
      assertThat(ProjectTrees.hash(root.resolve("output"))).as(context + "\noutput/ changed")
          .isEqualTo(baselineHash);
    }
  }

  private static String expectedLine(HostileCase hostile) {
    return switch (hostile.position()) {
      case "*" -> ": " + hostile.rule() + ": ";
      case "-" -> "tenants/" + hostile.shownName() + ": " + hostile.rule() + ": ";
      default -> "tenants/" + hostile.shownName() + ":" + hostile.position() + ": " + hostile.rule() + ": ";
    };
  }

  private static void assertAccepted(HostileCase hostile, Path root, Run run, String context)
      throws IOException {
    assertThat(run.code).as(context).isZero();
    Path output = root.resolve("output");
    String afterFirst = ProjectTrees.hash(output);
    Run again = Run.render(root);
    assertThat(again.code).as(again.err).isZero();
    assertThat(again.out).as("second render of " + hostile.id()).contains(" 0 files written");
    assertThat(ProjectTrees.hash(output)).isEqualTo(afterFirst);

    List<Object> values = new ArrayList<>();
    for (String file : changedFiles(output, hostile)) {
      String text = Files.readString(output.resolve(file), StandardCharsets.UTF_8);
      StrictYaml.readAll("output/" + file, text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM)
          .forEach(document -> collectStrings(document.root(), values));
      assertThat(Yaml11Check.ambiguousScalars(text)).as("YAML 1.1 reading of output/" + file).isEmpty();
    }
    assertThat(values).as(hostile.id() + ": rendered strings").containsAll(hostile.renders());
  }

  /** Files that differ from the baseline render (new or changed), planted files left out. */
  private static List<String> changedFiles(Path output, HostileCase hostile) throws IOException {
    Path before = baseline.resolve("output");
    List<String> changed = new ArrayList<>();
    for (String file : ProjectTrees.files(output)) {
      if (hostile.plants().containsKey("output/" + file)) {
        continue;
      }
      Path old = before.resolve(file);
      if (!Files.exists(old) || !Arrays.equals(Files.readAllBytes(old), Files.readAllBytes(output.resolve(file)))) {
        changed.add(file);
      }
    }
    return changed;
  }

  private static void collectStrings(Object node, List<Object> into) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        into.add(k);
        collectStrings(v, into);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectStrings(item, into));
    } else if (node instanceof String) {
      into.add(node);
    }
  }

  private static void place(HostileCase hostile, Path root) throws IOException {
    Path tenants = root.resolve("tenants");
    if (hostile.placement() == HostileCase.Placement.TENANTS_LINK) {
      // tenants/ becomes a link to a copy outside the project, holding the examples and the body.
      Path outside = root.resolveSibling(root.getFileName() + "-outside");
      ProjectTrees.link(tenants, outside);
      Files.write(outside.resolve("evil.yaml"), hostile.body());
      ProjectTrees.delete(tenants);
      Files.createSymbolicLink(tenants, outside);
      placeStaleLock(hostile, root);
      return;
    }
    byte[] name = hostile.fileNameBytes();
    boolean plainName = new String(name, StandardCharsets.UTF_8).equals(hostile.fileName());
    Path target = tenants.resolve(plainName ? hostile.fileName() : "raw-name.tmp");
    Files.deleteIfExists(target); // never write through a hard link into the baseline
    switch (hostile.placement()) {
      case SYMLINK -> {
        Path outside = root.resolve("outside.yaml");
        Files.write(outside, hostile.body());
        Files.createSymbolicLink(target, outside);
      }
      case FOLDER -> Files.write(Files.createDirectories(target).resolve("x.yaml"), hostile.body());
      case FIFO -> run(tenants, "mkfifo", target.getFileName().toString());
      default -> Files.write(target, hostile.body());
    }
    if (!plainName) {
      // Java names files in UTF-8 only; the shell's printf writes the raw bytes of the name.
      StringBuilder octal = new StringBuilder();
      for (byte b : name) {
        octal.append(String.format(Locale.ROOT, "\\%03o", b & 0xff));
      }
      run(tenants, "sh", "-c", "mv raw-name.tmp \"$(printf '" + octal + "')\"");
    }
    for (Map.Entry<String, String> planted : hostile.plants().entrySet()) {
      Path file = root.resolve(planted.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, planted.getValue(), StandardCharsets.UTF_8);
    }
    if (!hostile.interruptedWrites().isEmpty()) {
      Path staging = Files.createDirectories(root.resolve(".meshplate/staging"));
      StringBuilder journal = new StringBuilder("meshplate-journal 2\nboot -\nwriter pid 1 on host hostile\n");
      ByteArrayOutputStream pack = new ByteArrayOutputStream();
      for (Map.Entry<String, String> write : hostile.interruptedWrites().entrySet()) {
        byte[] bytes = write.getValue().getBytes(StandardCharsets.UTF_8);
        journal.append("W ").append(pack.size()).append(' ').append(bytes.length).append(' ').append(write.getKey()).append('\n');
        pack.writeBytes(bytes);
      }
      journal.append("commit pack ").append(pack.size()).append(" entries ").append(hostile.interruptedWrites().size())
          .append("\nend\n");
      Files.write(staging.resolve("pack"), pack.toByteArray());
      Files.writeString(root.resolve(".meshplate/journal"), journal, StandardCharsets.UTF_8);
    }
    placeStaleLock(hostile, root);
  }

  private static void run(Path dir, String... command) throws IOException {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
      assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void placeStaleLock(HostileCase hostile, Path root) throws IOException {
    if (hostile.staleLock()) {
      Path meta = Files.createDirectories(root.resolve(".meshplate"));
      Files.writeString(meta.resolve("lock"), "pid=2147483646\nhost="
          + InetAddress.getLocalHost().getHostName() + "\nstarted=2001-01-01T00:00:00Z\n");
    }
  }

  /** One in-process run of the CLI. */
  record Run(int code, String out, String err) {
    static Run render(Path root) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true))
          .execute("--root", root.toString(), "--no-color", "render");
      return new Run(code, out.toString(), err.toString());
    }
  }
}
