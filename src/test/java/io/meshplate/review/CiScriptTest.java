package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ci/pr.sh} with bash, end to end, in a temporary repository holding a base commit
 * and a PR commit. meshplate runs as {@code java -cp <test classpath> io.meshplate.Main} through
 * the script's {@code MESHPLATE} variable; steps this build lacks are skipped by the script.
 */
class CiScriptTest {
  @TempDir Path root;

  private Process run(Map<String, String> env) throws Exception {
    Path script = root.resolve("ci/pr.sh");
    Files.createDirectories(script.getParent());
    Files.copy(Path.of("ci/pr.sh"), script);
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

  @Test
  void writesTheReviewCommentForAPullRequestThatAddsACaller() throws Exception {
    try (GitRepo repo = Scenarios.NEW_CALLER.commit(root)) {
      Process process = run(Map.of("MESHPLATE_BASE", "HEAD~1"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isZero();
      String comment = Files.readString(root.resolve("target/meshplate-review.md"));
      List<String> lines = comment.lines().toList();
      assertThat(lines.get(0)).isEqualTo("## meshplate review");
      assertThat(lines.get(2)).isEqualTo("**Access widened:** `payments/api` accepts notifications/sender: "
          + "GET on /v1/payments/\\*/status in **dev, prod, stage**  ");
      assertThat(comment).contains("t_notifications[\"notifications\"] ==>|added: dev prod stage| t_payments[\"payments\"]")
          .contains("<details><summary><b>payments</b>: 3 objects changed in dev, prod, stage</summary>");
      assertThat(log).contains("meshplate diff --base HEAD~1 --format markdown");
    }
  }

  @Test
  void skipsStepsNamedInMeshplateSkipAndStillComments() throws Exception {
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      Process process = run(Map.of("MESHPLATE_BASE", "HEAD~1", "MESHPLATE_SKIP", "validate check",
          "MESHPLATE_COMMENT", "review/comment.md"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isZero();
      assertThat(log).contains("skipping 'validate' (MESHPLATE_SKIP)").contains("skipping 'check' (MESHPLATE_SKIP)");
      assertThat(Files.readString(root.resolve("review/comment.md"))).contains("No changes in the rendered output");
    }
  }

  @Test
  void exitsWithMeshplateUsageCodeForAnUnknownBase() throws Exception {
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      Process process = run(Map.of("MESHPLATE_BASE", "no-such-branch"));
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(log).isEqualTo(2);
      assertThat(log).contains("unknown Git revision 'no-such-branch'");
    }
  }

  @Test
  void blockedTenantDeletionFailsWithGuardrailCodeUntilApproved() throws Exception {
    try (GitRepo repo = Scenarios.TENANT_DELETION.commit(root)) {
      Process blocked = run(Map.of("MESHPLATE_BASE", "HEAD~1"));
      String log = new String(blocked.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(blocked.waitFor()).as(log).isEqualTo(4);
      assertThat(log).contains("REVIEW-DELETION-UNAPPROVED: tenant removed: ledger");
      assertThat(Files.readString(root.resolve("target/meshplate-review.md")))
          .contains("**Deletion blocked:** tenant removed: ledger: 21 of 21 objects removed in dev, prod, stage");
      Files.delete(root.resolve("ci/pr.sh"));
      Process approved = run(Map.of("MESHPLATE_BASE", "HEAD~1", "MESHPLATE_ALLOW_DELETION", "ledger"));
      String approvedLog = new String(approved.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(approved.waitFor()).as(approvedLog).isZero();
      assertThat(Files.readString(root.resolve("target/meshplate-review.md"))).contains("- approved: tenant removed: ledger");
    }
  }
}
