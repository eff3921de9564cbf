package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.SharedFiles;
import io.meshplate.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ci/pr.sh} with bash, end to end, in a temporary repository holding the rendered
 * project as base commit and a PR commit: validate, check and diff all run for real. meshplate
 * runs as {@code java -cp <test classpath> io.meshplate.Main} through the script's
 * {@code MESHPLATE} variable.
 */
class CiScriptTest {
  @TempDir Path root;

  /** The script and .gitignore in the repository, as in a real checkout; commit them with the base. */
  private void withScript() throws Exception {
    Files.createDirectories(root.resolve("ci"));
    Files.copy(Path.of("ci/pr.sh"), root.resolve("ci/pr.sh"));
    Files.copy(Path.of(".gitignore"), root.resolve(".gitignore"));
  }

  private Process run(Map<String, String> env) throws Exception {
    Path script = root.resolve("ci/pr.sh");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(root.toFile());
    pb.environment().put("MESHPLATE", java + " -cp " + classpath
        + " io.meshplate.Main");
    pb.environment().put("NO_COLOR", "1");
    pb.environment().remove("GITHUB_STEP_SUMMARY");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private GitRepo committed(Scenarios scenario) throws Exception {
    withScript();
    return scenario.commit(root);
  }

  @Test
  void writesTheReviewCommentForAPullRequestThatAddsACaller() throws Exception {
    try (GitRepo repo = committed(Scenarios.NEW_CALLER)) {
      Process process = run(Map.of("MESHPLATE_BASE", "HEAD~1"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isZero();
      String comment = Files.readString(root.resolve("target/meshplate-review.md"));
      List<String> lines = comment.lines().toList();
      assertThat(lines.get(0)).isEqualTo("## meshplate review");
      assertThat(lines.get(2)).isEqualTo("**Access widened:** `payments/api:8080` &lt;- notifications/sender: "
          + "GET /v1/payments/\\* (mTLS) in **dev, prod, prod-eu, stage**  ");
      assertThat(comment).contains("t_notifications[\"notifications\"] ==>|added: dev prod prod-eu stage| t_payments[\"payments\"]")
          .contains("<details><summary><b>payments</b>: 8 objects changed in dev, prod, prod-eu, stage</summary>");
      assertThat(log).contains("ci/pr.sh: meshplate validate").contains("ci/pr.sh: meshplate check")
          .contains("output/ is current").doesNotContain("skipping")
          .contains("meshplate diff --base HEAD~1 --format markdown");
    }
  }

  @Test
  @Requires(Requirement.SHARED_SCHEMAS)
  void validatesWithTheRepositorysSchemasFolderByDefault() throws Exception {
    withScript();
    // A repository that keeps its clusters' schemas in schemas/ (here: the upstream copies).
    TestFiles.copy(SharedFiles.require("schemas"), root.resolve("schemas"));
    try (GitRepo repo = Scenarios.NEW_CALLER.commit(root)) {
      Process process = run(Map.of("MESHPLATE_BASE", "HEAD~1"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isZero();
      assertThat(log).containsPattern("7 tenants valid in 4 overlays, \\d+ rendered objects match the schemas in "
              + "schemas/ \\(validation.schemasDir in templates/base/defaults.yaml\\)")
          .containsPattern("\\d+ rendered objects match the schemas in schemas/ \\(validation.schemasDir")
          .contains("tenants: notifications, payments\nplatform paths: none\n");
    }
  }

  @Test
  void skipsStepsNamedInMeshplateSkipAndStillComments() throws Exception {
    try (GitRepo repo = committed(Scenarios.NO_OP)) {
      Process process = run(Map.of("MESHPLATE_BASE", "HEAD~1", "MESHPLATE_SKIP", "validate check",
          "MESHPLATE_COMMENT", "review/comment.md"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isZero();
      assertThat(log).contains("skipping 'validate' (MESHPLATE_SKIP)").contains("skipping 'check' (MESHPLATE_SKIP)");
      assertThat(Files.readString(root.resolve("review/comment.md"))).contains("No changes in the rendered output");
    }
  }

  @Test
  void pullRequestWithoutItsOutputAndWithAPipelineChangeIsReviewedFromFreshRendersAndFlagged() throws Exception {
    withScript();
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      Scenarios.NEW_CALLER.changeSources(tree);
      Files.writeString(root.resolve("ci/pr.sh"), Files.readString(root.resolve("ci/pr.sh")) + "# harmless?\n");
      repo.commitAll("descriptor only, output not rendered; and a small pipeline change");
      Process process = run(Map.of("MESHPLATE_BASE", "HEAD~1"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isEqualTo(1);
      assertThat(log).contains("ci/pr.sh: meshplate scope\ntenants: notifications, payments\nplatform paths: ci/pr.sh\n")
          .contains("stale    output/prod/tenants/payments/authorization-policy.yaml")
          .contains("Fix: run ./meshplate render and commit output/.")
          .contains("meshplate diff --base HEAD~1 --render --format markdown");
      assertThat(Files.readString(root.resolve("target/meshplate-review.md")))
          .contains("> output/ is stale: it does not match tenants/ and templates/ (")
          .contains("so this review compares fresh renders of tenants/ and templates/ at both sides")
          .contains("> **Platform paths changed:** `ci/pr.sh`. The platform team reviews them")
          .contains("**Access widened:** `payments/api:8080` &lt;- notifications/sender")
          .contains("**Scope:** tenants notifications, payments; 1 platform path.")
          .contains("`HEAD~1 (").contains(", rendered`");
    }
  }

  @Test
  void exitsWithMeshplateUsageCodeForAnUnknownBase() throws Exception {
    try (GitRepo repo = committed(Scenarios.NO_OP)) {
      // validate and check pass here (other tests run them); only diff reads the base.
      Process process = run(Map.of("MESHPLATE_BASE", "no-such-branch", "MESHPLATE_SKIP", "validate check"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isEqualTo(2);
      assertThat(log).contains("unknown Git revision 'no-such-branch'");
    }
  }

  @Test
  void blockedTenantDeletionFailsWithGuardrailCodeUntilApproved() throws Exception {
    try (GitRepo repo = committed(Scenarios.TENANT_DELETION)) {
      Process blocked = run(Map.of("MESHPLATE_BASE", "HEAD~1"));
      String log = new String(blocked.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(blocked.waitFor()).as(log).isEqualTo(4);
      assertThat(log).contains("ci/pr.sh: meshplate check")
          .contains("output/dev/tenants/ledger/: REVIEW-DELETION-UNAPPROVED: tenant removed: ledger: 79 of 79 objects")
          .contains("--allow-deletion ledger");
      assertThat(Files.readString(root.resolve("target/meshplate-review.md")))
          .contains("**Deletion blocked:** tenant removed: ledger: 79 of 79 objects removed in dev, prod, prod-eu, stage");
      Process approved = run(Map.of("MESHPLATE_BASE", "HEAD~1", "MESHPLATE_ALLOW_DELETION", "ledger"));
      String approvedLog = new String(approved.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(approved.waitFor()).as(approvedLog).isZero();
      assertThat(approvedLog).contains("deletion approved (--allow-deletion ledger): tenant removed: ledger");
      assertThat(Files.readString(root.resolve("target/meshplate-review.md"))).contains("- approved: tenant removed: ledger");
    }
  }
}
