package io.meshplate.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process at random moments and checks that, after recovery, output/ is
 * exactly the tree before the run or exactly the tree after it.
 */
class CrashRecoveryTest {
  private static final int KILLS = 30;
  private static final long SEED = 20261126L;

  @TempDir Path work;

  @Test
  void killedWriterLeavesOutputBeforeOrAfterNeverMixed() throws Exception {
    String before = fingerprintOf(prepare(work.resolve("reference-before")));
    Path reference = prepare(work.resolve("reference-after"));
    new OutputWriter().apply(reference, CrashScenario.after(), CrashScenario.SCOPES);
    String after = OutputTrees.fingerprint(reference.resolve("output"));
    assertThat(after).isNotEqualTo(before);

    long window = Math.max(50, timeOneUninterruptedRun(prepare(work.resolve("timing"))));
    Random random = new Random(SEED);
    int sawBefore = 0;
    int sawAfter = 0;
    int rolledForward = 0;
    for (int i = 0; i < KILLS; i++) {
      Path root = prepare(work.resolve("run-" + i));
      Process child = startWriter(root);
      awaitReady(child);
      if (i % 2 == 0) {
        // Anywhere in the run, a bit beyond its measured length: mostly before the commit point.
        Thread.sleep(random.nextInt((int) (window * 13 / 10) + 1));
      } else {
        // Just after the commit marker appears: inside the deletes, renames and pruning.
        awaitCommitMarker(root, child);
        Thread.sleep(random.nextInt(30));
      }
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);

      if (Files.exists(root.resolve(".meshplate/lock"))) {
        OutputWriter.forceUnlock(root);
      }
      if (OutputWriter.recover(root)) {
        rolledForward++;
      }

      String result = OutputTrees.fingerprint(root.resolve("output"));
      assertThat(result).as("output/ after kill %d", i).isIn(before, after);
      assertThat(root.resolve(".meshplate/staging")).doesNotExist();
      assertThat(root.resolve(".meshplate/journal")).doesNotExist();
      if (result.equals(before)) {
        sawBefore++;
      } else {
        sawAfter++;
      }
      FileTrees.deleteTree(root);
    }
    System.out.printf("crash test: %d kills: %d before, %d after (%d completed by recovery), window %d ms%n",
        KILLS, sawBefore, sawAfter, rolledForward, window);
  }

  private static Path prepare(Path root) throws IOException {
    Files.createDirectories(root);
    OutputTrees.writeAll(root.resolve("output"), CrashScenario.before());
    return root;
  }

  private static String fingerprintOf(Path root) {
    return OutputTrees.fingerprint(root.resolve("output"));
  }

  /** How long a full run takes after the child is ready: the range the kills are spread over. */
  private long timeOneUninterruptedRun(Path root) throws Exception {
    Process child = startWriter(root);
    awaitReady(child);
    long start = System.nanoTime();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void awaitCommitMarker(Path root, Process child) throws InterruptedException {
    Path marker = root.resolve(".meshplate/journal");
    while (child.isAlive() && !Files.exists(marker)) {
      Thread.sleep(1);
    }
  }

  private static Process startWriter(Path root) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
            System.getProperty("java.class.path"), CrashScenario.ApplyMain.class.getName(), root.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void awaitReady(Process child) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("child process output").isEqualTo("READY");
  }
}
