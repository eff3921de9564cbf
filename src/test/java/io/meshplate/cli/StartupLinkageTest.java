package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The everyday commands link none of meshplate's record methods through method handles. A
 * record's generated equals, hashCode and toString are call sites the JVM links on their first
 * call, which takes milliseconds (the first one some 20 ms, loading the machinery), and then runs
 * slowly under the quick compiler the launcher uses: the records these commands compare, hash or
 * print write those methods out. Checked in a JVM of its own, as users run it, which prints every
 * call site it links.
 */
class StartupLinkageTest {
  @TempDir Path dir;

  @Test
  void theEverydayCommandsLinkNoRecordMethodThroughMethodHandles() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    List<String> linked = new ArrayList<>();
    for (List<String> command : List.of(List.of("validate"), List.of("render", "--no-cache"), List.of("render"),
        List.of("check"), List.of("reach"), List.of("reach", "--format", "json"))) {
      String trace = run(project.root(), command);
      trace.lines().filter(line -> line.startsWith("linkCallSite io.meshplate.") && line.contains("ObjectMethods.bootstrap"))
          .forEach(line -> linked.add(String.join(" ", command) + ": " + line.substring(0, line.indexOf("/BSA="))));
    }
    assertThat(linked).as("record methods linked through method handles").isEmpty();
  }

  private static String run(Path root, List<String> command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true",
        "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "io.meshplate.Main", "--root", root.toString(), "--no-color"));
    args.addAll(command);
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("%s: %s", command, out.lines().filter(l -> !l.startsWith("link")).toList())
        .isZero();
    return out;
  }
}
