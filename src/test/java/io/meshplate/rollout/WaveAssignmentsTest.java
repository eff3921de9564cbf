package io.meshplate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which wave a tenant moves with, through the real command line: the platform's assignment, the
 * descriptor's {@code spec.upgradeWave} (or an environment override of it), else the last wave;
 * refusals are positioned, exit with the guardrail or input code, and write nothing.
 */
class WaveAssignmentsTest {
  @TempDir Path root;
  private TestProject project;

  @BeforeEach
  void copyProject() {
    project = TestProject.copyOf(root);
  }

  @Test
  void aDescriptorNamingAnUnknownWaveIsRefusedAtItsLine() {
    project.edit("tenants/notifications.yaml", "upgradeWave: canary", "upgradeWave: early");
    String before = project.outputHash();
    TestProject.Run run = project.run("render");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("tenants/notifications.yaml:" + line("tenants/notifications.yaml", "upgradeWave") + ":16: "
        + "WAVES-UNKNOWN-WAVE: tenant 'notifications' chooses upgrade wave 'early', which the rollout does not declare in overlay stage"
        + " (choose one of canary, main)");
    assertThat(project.outputHash()).isEqualTo(before);
  }

  @Test
  void aChoiceAgainstThePlatformsAssignmentIsRefused() {
    project.edit("tenants/catalog.yaml", "  telemetry:", "  upgradeWave: main\n  telemetry:");
    TestProject.Run run = project.run("validate");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("tenants/catalog.yaml:" + line("tenants/catalog.yaml", "upgradeWave") + ":16: WAVES-ASSIGNMENT-CONFLICT: "
        + "tenant 'catalog' chooses upgrade wave 'main', but the platform assigns it to wave 'canary' in overlay stage"
        + " (remove spec.upgradeWave, or ask the platform team to move it)");
  }

  @Test
  void aWaveAssigningATenantThatIsNotThereIsListedNotRefused() {
    // Removing a tenant is the tenant team's pull request; it must not need a platform edit too.
    project.edit("templates/overlays/stage/overlay.yaml", "tenants: [catalog, identity]", "tenants: [catalog, identity, billing]");
    assertThat(project.run("validate").exitCode()).isZero();
    TestProject.Run run = project.run("waves", "--env", "stage");
    assertThat(run.out()).contains("    assigned, but not rendered to stage: billing (remove from the wave)");
  }

  @Test
  void anEnvironmentOverrideChoosesTheWaveForOneOverlay() {
    project.edit("tenants/notifications.yaml", "  upgradeWave: canary\n", "  environmentOverrides:\n    stage: {upgradeWave: main}\n");
    TestProject.Run run = project.run("waves", "--env", "stage", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().replaceAll("\\s+", " ")).contains("\"tenant\" : \"notifications\", \"namespace\" : \"notifications-stage\","
        + " \"assignedBy\" : \"descriptor\"");
    assertThat(run.out().indexOf("\"notifications\"")).isGreaterThan(run.out().indexOf("\"name\" : \"main\""));
  }

  @Test
  void anOverlayRuleStopsEveryCommandWithExit3AndWritesNothing() {
    project.edit("templates/overlays/stage/overlay.yaml", "version: v1.24.6\n        tenants", "version: v2.6\n        tenants");
    project.edit("templates/overlays/stage/overlay.yaml", "      - name: main\n        version: v2.6", "      - name: main\n        version: v1.24.6");
    String before = project.outputHash();
    TestProject.Run run = project.run("render");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("WAVES-ORDER: overlay 'stage': wave 'main' (v1.24.6) is ahead of the earlier wave 'canary' (v2.6)");
    assertThat(project.outputHash()).isEqualTo(before);
  }

  private int line(String file, String fragment) {
    String[] lines = project.read(file).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment)) {
        return i + 1;
      }
    }
    throw new AssertionError(fragment);
  }
}
