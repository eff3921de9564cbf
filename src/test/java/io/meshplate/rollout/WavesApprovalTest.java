package io.meshplate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.meshplate.testing.StageRollout;
import io.meshplate.testing.TestProject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.approvaltests.Approvals;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code meshplate waves --env stage} at each step of the shipped migration (installed, canary
 * moved, main moved, cleaned up), in every format, through the real command line. The README's
 * walk-through quotes the text form. Accept a change by renaming the .received file to .approved.
 */
class WavesApprovalTest {
  @TempDir static Path root;
  private static final Map<StageRollout, Map<String, TestProject.Run>> RUNS = new EnumMap<>(StageRollout.class);

  @BeforeAll
  static void runEveryStep() {
    TestProject project = TestProject.copyOf(root);
    for (StageRollout step : StageRollout.values()) {
      step.writeTo(project);
      Map<String, TestProject.Run> byFormat = new TreeMap<>();
      for (String format : new String[] {"text", "markdown", "json"}) {
        byFormat.put(format, project.run("waves", "--env", "stage", "--format", format));
      }
      RUNS.put(step, byFormat);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(StageRollout.class)
  void text(StageRollout step) {
    verify(step, "text", ".txt");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(StageRollout.class)
  void markdown(StageRollout step) {
    verify(step, "markdown", ".md");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(StageRollout.class)
  void json(StageRollout step) throws Exception {
    verify(step, "json", ".json");
    Schema schema;
    try (InputStream in = WavesApprovalTest.class.getResourceAsStream("/schema/waves-v1.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    String json = RUNS.get(step).get("json").out();
    assertThat(schema.validate(JsonMapper.builder().build().readTree(json))).as(json).isEmpty();
  }

  @Test
  void theNextStepFollowsTheWavesInOrderThenCleansUp() {
    assertThat(RUNS.get(StageRollout.INSTALLED).get("text").out()).contains("Next step: move wave canary from v2.6 to v1.24.6");
    assertThat(RUNS.get(StageRollout.CANARY).get("text").out()).contains("Next step: move wave main from v2.6 to v1.24.6");
    assertThat(RUNS.get(StageRollout.MAIN).get("text").out())
        .contains("Next step: every wave runs v1.24.6: remove the ServiceMeshControlPlane basic (delete rollout.from)");
    assertThat(RUNS.get(StageRollout.CLEANUP).get("text").out()).contains("Next step: every wave runs v1.24.6 (revision default-v1-24-6)");
  }

  @Test
  void theReadmeWalksThroughEveryStepWithItsOutput() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Migrating OSSM 2.6 to 3 in waves"));
    for (StageRollout step : StageRollout.values()) {
      assertThat(section).as(step.name()).contains("```\n" + RUNS.get(step).get("text").out() + "```\n");
    }
  }

  @Test
  void anOverlayWithoutRolloutSaysSo() {
    TestProject.Run run = new TestProject(root).run("waves", "--env", "prod");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("ServiceMeshControlPlane istio-system/basic: ossm-2.6, v2.6")
        .contains("overlay prod declares no rollout");
  }

  @Test
  void anUnknownOverlayIsAUsageError() {
    TestProject.Run run = new TestProject(root).run("waves", "--env", "qa");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--env: UNKNOWN-OVERLAY: no overlay named 'qa' (known overlays: dev, prod, prod-eu, stage)");
  }

  private static void verify(StageRollout step, String format, String extension) {
    TestProject.Run run = RUNS.get(step).get(format);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Approvals.verify(run.out(), Approvals.NAMES.withParameters(step.name().toLowerCase(Locale.ROOT))
        .withReporter(new QuietReporter()).forFile().withExtension(extension));
  }
}
