package io.meshplate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same inputs, same bytes: in a JVM with a Turkish or German default locale (and a Latin-1
 * default charset), in the time zone furthest ahead of UTC, whatever order the file system lists
 * tenants in; plus a scan of the main sources for the calls that break this.
 */
class DeterminismAcrossJvmsTest {
  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "-Duser.language=tr -Duser.country=TR",
    "-Duser.language=de -Duser.country=DE -Dfile.encoding=ISO-8859-1",
    "-Duser.timezone=Pacific/Kiritimati"
  })
  void forkedRenderWritesTheSameBytesAsAnInProcessRender(String jvmOptions) throws Exception {
    Path inProcess = project("in-process");
    SortedMap<String, byte[]> expected = new Pipeline(new Workspace(inProcess))
        .renderInMemory(Selection.ALL, null).files();

    Path forked = project("forked");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(jvmOptions.split(" ")));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.meshplate.Main",
        "--root", forked.toString(), "--no-color", "render"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("fork.log").toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("forked render finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(work.resolve("fork.log"))).isZero();

    SortedMap<String, byte[]> actual = read(forked.resolve("output"));
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, byte[]> file : expected.entrySet()) {
      assertThat(new String(actual.get(file.getKey()), StandardCharsets.UTF_8)).as(file.getKey())
          .isEqualTo(new String(file.getValue(), StandardCharsets.UTF_8));
      assertThat(Arrays.equals(actual.get(file.getKey()), file.getValue())).as(file.getKey()).isTrue();
    }
  }

  @Test
  void renderDoesNotDependOnTheOrderTenantFilesWereCreatedIn() throws IOException {
    Path forwards = project("forwards");
    Path backwards = work.resolve("backwards");
    ProjectTrees.link(ProjectTrees.projectRoot().resolve("templates"), backwards.resolve("templates"));
    Files.createDirectories(backwards.resolve("tenants"));
    List<String> names = ProjectTrees.files(ProjectTrees.projectRoot().resolve("tenants"));
    for (int i = names.size() - 1; i >= 0; i--) {
      Files.copy(ProjectTrees.projectRoot().resolve("tenants").resolve(names.get(i)),
          backwards.resolve("tenants").resolve(names.get(i)));
    }
    SortedMap<String, byte[]> one = new Pipeline(new Workspace(forwards)).renderInMemory(Selection.ALL, null).files();
    SortedMap<String, byte[]> two = new Pipeline(new Workspace(backwards)).renderInMemory(Selection.ALL, null).files();
    assertThat(two.keySet()).isEqualTo(one.keySet());
    one.forEach((file, bytes) -> assertThat(two.get(file)).as(file).isEqualTo(bytes));
  }

  /**
   * A source scan, because no single test input can prove the absence of a locale- or
   * hash-order-dependent call on every path. It flags: case conversion or formatting that uses
   * the default locale ({@code toLowerCase()}, {@code String.format("…")}, {@code formatted},
   * {@code equalsIgnoreCase}, which folds the Kelvin sign to {@code k}); and iterating a field
   * built with {@code Set.of}/{@code Map.of}/{@code copyOf}, whose order changes between JVM runs.
   * Lookups in such sets are fine and not flagged.
   */
  @Test
  void mainSourcesHaveNoLocaleOrHashOrderDependentCalls() throws IOException {
    Pattern localeSensitive = Pattern.compile(
        "\\.toLowerCase\\(\\)|\\.toUpperCase\\(\\)|String\\.format\\(\"|\\.formatted\\(|equalsIgnoreCase\\(");
    Pattern unorderedField = Pattern.compile("(\\w+)\\s*=\\s*(?:java\\.util\\.)?(?:Set|Map)\\.(?:of|copyOf)\\(");
    List<String> findings = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(ProjectTrees.projectRoot().resolve("src/main/java"))) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path source : sources) {
      String text = Files.readString(source);
      String name = source.getFileName().toString();
      Matcher sensitive = localeSensitive.matcher(text);
      while (sensitive.find()) {
        findings.add(name + ":" + line(text, sensitive.start()) + ": " + sensitive.group());
      }
      Matcher field = unorderedField.matcher(text);
      while (field.find()) {
        String var = Pattern.quote(field.group(1));
        Matcher iteration = Pattern.compile(":\\s*" + var + "\\s*\\)|\\b" + var
            + "\\.(?:stream|forEach|keySet|values|entrySet|iterator)\\(|String\\.join\\([^;]*\\b" + var + "\\b")
            .matcher(text);
        while (iteration.find()) {
          findings.add(name + ":" + line(text, iteration.start()) + ": iterates " + field.group(1));
        }
      }
    }
    assertThat(findings).isEmpty();
  }

  private static int line(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }

  private Path project(String name) {
    Path root = work.resolve(name);
    ProjectTrees.link(ProjectTrees.projectRoot().resolve("templates"), root.resolve("templates"));
    ProjectTrees.copy(ProjectTrees.projectRoot().resolve("tenants"), root.resolve("tenants"));
    return root;
  }

  private static SortedMap<String, byte[]> read(Path output) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (String file : ProjectTrees.files(output)) {
      files.put(file, Files.readAllBytes(output.resolve(file)));
    }
    return files;
  }
}
