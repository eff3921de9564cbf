package io.meshplate.review;

import io.meshplate.testing.TestProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshplate diff} run in-process, as users run it, against a real repository. */
class DiffCommandTest {
  @TempDir Path root;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs meshplate in-process; what it prints is appended to {@link #out} and {@link #err}. */
  private int run(String... args) {
    TestProject.Run run = TestProject.cli(root, args);
    out.write(run.out());
    err.write(run.err());
    return run.exitCode();
  }

  @Test
  void exitCodeOneWithChangesBetweenRevisions() throws Exception {
    try (GitRepo repo = Scenarios.NEW_CALLER.commit(root)) {
      assertThat(run("diff", "--base", "HEAD~1", "--head", "HEAD", "--exit-code")).isEqualTo(1);
      assertThat(out.toString()).contains("Access widened").contains("payments/api:8080 <- notifications/sender: GET /v1/payments/* (mTLS)");
      assertThat(run("diff", "--base", "HEAD~1", "--head", "HEAD")).isEqualTo(0);
    }
  }

  @Test
  void worktreeIsTheDefaultHeadAndCleanTreeHasNoChanges() throws Exception {
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      assertThat(run("diff", "--exit-code")).isEqualTo(0);
      assertThat(out.toString()).contains("No changes.");
      Path sidecar = root.resolve("output/prod/tenants/payments/sidecar.yaml");
      Files.writeString(sidecar, Files.readString(sidecar).replace("REGISTRY_ONLY", "ALLOW_ANY"));
      assertThat(run("diff", "--exit-code", "--format", "markdown")).isEqualTo(1);
      assertThat(out.toString()).contains("> [!CAUTION]")
          .contains("**payments**: `Sidecar/default` (REGISTRY\\_ONLY) no longer protects: /spec/outboundTrafficPolicy/mode in **prod**")
          .contains("`HEAD (");
    }
  }

  @Test
  void renderComparesFreshRendersOfEachRevisionForAPullRequestWithoutOutput() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      Scenarios.NEW_CALLER.changeSources(tree);
      repo.commitAll("descriptor only");

      assertThat(run("diff", "--base", "HEAD~1", "--head", "HEAD", "--exit-code")).as("committed output unchanged").isZero();
      assertThat(run("diff", "--base", "HEAD~1", "--head", "HEAD", "--render", "--exit-code")).isEqualTo(1);
      assertThat(out.toString()).contains("HEAD~1 (").contains(", rendered -> HEAD (")
          .contains("payments/api:8080 <- notifications/sender: GET /v1/payments/* (mTLS) [dev, prod, prod-eu, stage]");
    }
  }

  @Test
  void renderOfTheWorkTreeShowsAnUncommittedDescriptorChange() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      Scenarios.NEW_EGRESS_HOST.changeSources(tree);
      out.getBuffer().setLength(0);
      assertThat(run("diff", "--render", "--format", "markdown")).isZero();
      assertThat(out.toString()).contains("`api.adyen.com` external host now reachable in **dev, prod, prod-eu, stage**")
          .contains("`work tree, rendered`");
      assertThat(Files.exists(root.resolve("output/dev/tenants/payments/service-entry.yaml"))).isTrue();
      assertThat(Files.readString(root.resolve("output/dev/tenants/payments/service-entry.yaml")))
          .as("diff never writes").doesNotContain("adyen");
    }
  }

  @Test
  void renderOfARevisionWithInvalidDescriptorsFailsLikeValidate() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      tree.replace("tenants/payments.yaml", "service: ledger}", "service: nowhere}");
      repo.commitAll("broken reference");
      assertThat(run("diff", "--base", "HEAD~1", "--head", "HEAD", "--render")).isEqualTo(3);
      assertThat(err.toString()).contains("tenants/payments.yaml:").contains("REF-UNKNOWN-SERVICE");
    }
  }

  @Test
  void unknownRevisionIsAUsageError() throws Exception {
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      assertThat(run("diff", "--base", "no-such-branch")).isEqualTo(2);
      assertThat(err.toString()).contains("unknown Git revision 'no-such-branch'");
    }
  }

  @Test
  void unknownFormatIsAUsageError() throws Exception {
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      assertThat(run("diff", "--format", "yaml")).isEqualTo(2);
      assertThat(err.toString()).contains("unknown --format 'yaml'");
      assertThat(run("diff", "--max-deletion-share", "1.5")).isEqualTo(2);
      assertThat(err.toString()).contains("--max-deletion-share must be between 0 and 1");
    }
  }

  @Test
  void jsonFormatAndNoColourNeverPrintAnsi() throws Exception {
    try (GitRepo repo = Scenarios.REMOVED_DENY_ALL.commit(root)) {
      assertThat(run("--no-color", "diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "json")).isEqualTo(0);
      assertThat(out.toString()).startsWith("{").contains("\"WEAKENED_PROTECTION\"").doesNotContain("\u001b[");
    }
  }
}
