package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.output.CommittedWrites;
import io.meshplate.testing.TestProject.Run;
import io.meshplate.testing.TestProject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A render killed after its commit point leaves output/ half old, half new. Every command that
 * reads output/ completes it first, also when the dead render's lock is still there; check says
 * what is wrong when it cannot.
 */
class InterruptedWriteTest {
  private static final String EDIT_FROM = "methods: [GET]\n          paths: [/v1/settlements/*]";
  private static final String EDIT_TO = "methods: [GET, HEAD]\n          paths: [/v1/settlements/*]";

  @TempDir Path dir;
  private TestProject project;
  private String after;

  /** The project with a descriptor edit whose render was killed halfway through applying. */
  @BeforeEach
  void killedRender() {
    TestProject rendered = TestProject.copyOf(dir.resolve("rendered"));
    rendered.edit("tenants/payments.yaml", EDIT_FROM, EDIT_TO);
    assertThat(rendered.run("render").exitCode()).isZero();
    after = rendered.outputHash();

    project = TestProject.copyOf(dir.resolve("project"));
    project.edit("tenants/payments.yaml", EDIT_FROM, EDIT_TO);
    CommittedWrites.commitAndStop(project.root(), CommittedWrites.read(rendered.path("output")),
        List.of("dev/", "prod/", "prod-eu/", "stage/"), 2);
    assertThat(project.outputHash()).as("half applied").isNotEqualTo(after);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "check", "render", "diff"})
  void everyCommandThatReadsOutputCompletesTheWriteFirst(String command) {
    Run run = project.run(command);

    assertThat(run.err()).as(run.out()).contains("note: completed an interrupted write to output/: 3 files written, 0 deleted")
        .doesNotContain("wrote again");
    assertThat(project.outputHash()).isEqualTo(after);
    assertThat(project.path(".meshplate/journal")).doesNotExist();
    assertThat(project.path(".meshplate/staging")).doesNotExist();
    if (command.equals("check")) {
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("output/ is current");
    }
  }

  @Test
  void theLockOfTheDeadRenderIsTakenOverToCompleteIt() throws Exception {
    Files.writeString(project.path(".meshplate/lock"), "pid=2147483646\nhost=" + InetAddress.getLocalHost().getHostName()
        + "\nstarted=2001-01-01T00:00:00Z\n");

    Run check = project.run("check");

    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.err()).contains("completed an interrupted write");
    assertThat(project.outputHash()).isEqualTo(after);
    assertThat(project.path(".meshplate/lock")).doesNotExist();
  }

  @Test
  void checkSaysSoWhenALiveRunIsApplyingTheWrite() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(project.path(".meshplate/lock"), "pid=" + self.pid() + "\nhost="
        + InetAddress.getLocalHost().getHostName() + "\nstarted=" + self.info().startInstant().orElseThrow() + "\n");

    Run check = project.run("check");

    assertThat(check.exitCode()).isEqualTo(6);
    assertThat(check.err()).contains("OUTPUT-LOCKED: output/ is being written right now",
        "partly the old and partly the new tree");
  }

  @Test
  void checkSaysSoWhenTheWriteCannotBeCompleted() throws Exception {
    Path pack = project.path(".meshplate/staging/pack");
    Files.write(pack, Arrays.copyOf(Files.readAllBytes(pack), 10));

    Run check = project.run("check");

    assertThat(check.exitCode()).isEqualTo(6);
    assertThat(check.err()).contains(".meshplate/journal: OUTPUT-JOURNAL-DAMAGED: the output journal cannot be applied");
    assertThat(project.path(".meshplate/journal")).exists();
  }
}
