package io.meshplate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.review.DeletionPolicy;
import io.meshplate.review.OutputSnapshot;
import io.meshplate.review.ReportFormat;
import io.meshplate.review.Review;
import io.meshplate.review.Reviewer;
import io.meshplate.testing.StageRollout;
import io.meshplate.testing.TestProject;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedMap;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pull request that moves stage's main wave, as {@code meshplate diff} reviews it: the wave
 * move is a section of its own with the operator checklist, in every format; a pull request
 * that moves no wave has none.
 */
class WaveMoveReviewTest {
  @TempDir static Path root;
  private static Review moveMain;
  private static Review cleanup;

  @BeforeAll
  static void reviewTheSteps() {
    TestProject project = TestProject.copyOf(root);
    StageRollout.CANARY.writeTo(project);
    OutputSnapshot canary = OutputSnapshot.fromRendered("canary", render());
    StageRollout.MAIN.writeTo(project);
    OutputSnapshot main = OutputSnapshot.fromRendered("main", render());
    StageRollout.CLEANUP.writeTo(project);
    OutputSnapshot cleaned = OutputSnapshot.fromRendered("cleanup", render());
    moveMain = Reviewer.review(canary, main, DeletionPolicy.DEFAULT);
    cleanup = Reviewer.review(main, cleaned, DeletionPolicy.DEFAULT);
  }

  private static SortedMap<String, byte[]> render() {
    return new Pipeline(new Workspace(root)).renderInMemory(new Selection(Set.of("stage"), Set.of()), null).files();
  }

  @Test
  void theWaveMoveIsItsOwnSectionWithTheChecklist() {
    String markdown = Reviewer.format(moveMain, ReportFormat.MARKDOWN, false);
    String section = markdown.substring(markdown.indexOf("#### Wave moves"), markdown.indexOf("#### Changes per tenant"));
    Approvals.verify(section, new Options().withReporter(new QuietReporter()).forFile().withExtension(".md"));
    assertThat(Reviewer.format(moveMain, ReportFormat.TEXT, false)).contains("Wave moves: operator checklist",
        "  stage: wave main moves from ServiceMeshControlPlane basic (v2.6) to revision default-v1-24-6 (v1.24.6) (4 namespaces)",
        "$ oc rollout restart deployment,statefulset -n storefront-stage");
  }

  @Test
  void theCleanupShowsTheServiceMeshControlPlaneToDeleteByHand() {
    assertThat(cleanup.waves().moves()).isEmpty();
    assertThat(cleanup.waves().removals()).singleElement().satisfies(r -> {
      assertThat(r.display()).isEqualTo("ServiceMeshControlPlane basic");
      assertThat(r.checklist().get(0).commands()).containsExactly("istioctl ps --istioNamespace istio-system --revision basic",
          "oc delete smcp basic -n istio-system");
    });
  }

  @Test
  void theJsonReviewCarriesTheMovesAndFollowsItsSchema() throws Exception {
    JsonNode json = JsonMapper.builder().build().readTree(Reviewer.format(moveMain, ReportFormat.JSON, false));
    try (InputStream in = WaveMoveReviewTest.class.getResourceAsStream("/schema/review-v1.schema.json")) {
      assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in).validate(json)).isEmpty();
    }
    JsonNode move = json.get("waves").get("moves").get(0);
    assertThat(move.get("wave").asString()).isEqualTo("main");
    assertThat(move.get("to").get("name").asString()).isEqualTo("default-v1-24-6");
    assertThat(move.get("namespaces")).hasSize(4);
  }

  @Test
  void aPullRequestMovingNoWaveHasNoWaveSection() {
    Review none = Reviewer.review(OutputSnapshot.fromRendered("a", render()), OutputSnapshot.fromRendered("b", render()),
        DeletionPolicy.DEFAULT);
    assertThat(none.waves().isEmpty()).isTrue();
    assertThat(Reviewer.format(none, ReportFormat.MARKDOWN, false)).doesNotContain("Wave moves");
  }
}
