package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectivity check's warnings in a streamed render: a run that starts from the record of an
 * identical earlier run (nothing validated, rendered or modelled) still shows what that run warned
 * about, and a run whose folders all come from the render cache models them from output/; a
 * {@code --tenant} run on a tree without output/ judges mesh membership from the platform folder
 * rendered in memory.
 */
class ReachWarningsTest {
  @TempDir Path dir;

  @Test
  void anUnchangedRenderWarnsAsTheRenderBeforeIt() {
    TestProject project = TestProject.copyOf(dir);
    project.edit("tenants/payments.yaml", "          paths: [/v1/settlements/*]\n",
        "          paths: [/v1/settlements/*]\n        - from: {tenant: notifications, service: sender}\n"
            + "          methods: [GET]\n          paths: [/v1/payments/*]\n");
    String warning = "warning: tenants/payments.yaml:22: REACH-NOT-CALLED: payments/api allows notifications/sender";

    TestProject.Run first = project.run("render");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).contains(warning);

    TestProject.Run again = project.run("render");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("0 files written");
    assertThat(again.err()).contains(warning);

    TestProject.Run check = project.run("check");
    assertThat(check.err()).contains(warning);
  }

  @Test
  void aOneTenantRenderIntoAnEmptyOutputKnowsTheMesh() {
    TestProject project = TestProject.copyOf(dir);
    TestFiles.delete(project.path("output"));

    // identity has an ingress gateway: its flows depend on whether its namespace is a mesh member,
    // which the platform folder (not rendered with --tenant, not on disk) decides.
    TestProject.Run run = project.run("render", "--tenant", "identity");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("REACH-UNKNOWN").doesNotContain("REACH-UNPROVEN");
    assertThat(project.path("output/prod/platform")).doesNotExist();
  }
}
