package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render streams one folder at a time, so 1,000 tenants in three overlays fit in a 512 MiB
 * heap, and so does a check of the same tree without a cache (what CI runs on a fresh clone).
 * A forked JVM with that ceiling does both; no timing here (bench/render.sh measures speed).
 */
class LargeTreeTest {
  private static final int TENANTS = 1000;

  @TempDir Path work;

  @Test
  void thousandTenantsInThreeOverlaysRenderAndCheckInA512MiBHeap() throws Exception {
    Path project = generated();

    Process render = fork(project, "render");
    assertThat(render.waitFor(600, TimeUnit.SECONDS)).as("forked render finished").isTrue();
    String renderLog = Files.readString(work.resolve("render.log"));
    assertThat(render.exitValue()).as(renderLog).isZero();
    assertThat(renderLog).contains("rendered " + (TENANTS + 7) + " tenants into 3 overlays");

    Process check = fork(project, "check", "--no-cache");
    assertThat(check.waitFor(600, TimeUnit.SECONDS)).as("forked check finished").isTrue();
    String checkLog = Files.readString(work.resolve("check.log"));
    assertThat(check.exitValue()).as(checkLog).isZero();
    assertThat(checkLog).contains("output/ is current");
    try (Stream<Path> files = Files.walk(project.resolve("output/prod/tenants"), 1)) {
      assertThat(files.count()).isEqualTo(TENANTS + 7 + 1);
    }
  }

  private Process fork(Path project, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseParallelGC", "-Xmn32m", "-XX:MaxTenuringThreshold=0", "-XX:OldPLABSize=16384",
        "-XX:TieredStopAtLevel=1", "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "io.meshplate.Main", "--root", project.toString(), "--no-color"));
    args.addAll(List.of(command));
    return new ProcessBuilder(args).redirectErrorStream(true)
        .redirectOutput(work.resolve(command[0] + ".log").toFile()).start();
  }

  /**
   * The example project with only the three environments, plus {@value #TENANTS} tenants that call
   * each other: the tree {@code bench/workspace.sh} writes, so this test holds the tree the
   * benchmark times to the memory ceiling.
   */
  private Path generated() throws IOException, InterruptedException {
    Path project = Files.createDirectories(work.resolve("project"));
    Path script = Path.of("bench", "workspace.sh").toAbsolutePath();
    Process workspace = new ProcessBuilder("bash", script.toString(), String.valueOf(TENANTS), project.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("workspace.log").toFile()).start();
    assertThat(workspace.waitFor(300, TimeUnit.SECONDS)).as("bench/workspace.sh finished").isTrue();
    assertThat(workspace.exitValue()).as(Files.readString(work.resolve("workspace.log"))).isZero();
    TestFiles.delete(project.resolve("templates/overlays/prod-eu"));
    return project;
  }
}
