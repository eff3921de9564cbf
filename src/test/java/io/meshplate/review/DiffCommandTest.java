package io.meshplate.review;

import io.meshplate.testing.TestProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

  /**
   * The gate a check keeps for {@code output/} spares the review of the work tree a whole
   * evaluation of the head (only its flows that found nothing are taken): the review says to the
   * byte what it says without any cache.
   */
  @ParameterizedTest
  @EnumSource(Scenarios.class)
  void theGateACheckKeptGivesTheReviewItGivesWithoutCache(Scenarios scenario) throws Exception {
    try (GitRepo repo = scenario.commit(root)) {
      ProjectTree.delete(root.resolve(".meshplate"));
      assertThat(run("diff", "--base", "HEAD~1", "--format", "json")).as(err.toString()).isZero();
      String withoutCache = out.toString();
      out.getBuffer().setLength(0);
      run("check");
      assertThat(root.resolve(".meshplate/cache/gate/prod")).as("the gate check kept").exists();
      out.getBuffer().setLength(0);
      assertThat(run("diff", "--base", "HEAD~1", "--format", "json")).as(err.toString()).isZero();
      assertThat(out.toString()).isEqualTo(withoutCache);
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
  void aSameSizeEditAfterTheCommitIsInTheScopeAndAFileOnlyTouchedIsNot() throws Exception {
    // The work tree is compared through the index: a file whose size and time match its entry
    // takes the entry's id. An edit that keeps the size moves the time, so the file is read.
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      Path sidecar = root.resolve("output/prod/tenants/payments/sidecar.yaml");
      String text = Files.readString(sidecar);
      Files.writeString(sidecar, text.replace("REGISTRY_ONLY", "REGISTRY_0NLY"));
      Files.setLastModifiedTime(sidecar, FileTime.from(Instant.now().plusSeconds(30)));
      Path descriptor = root.resolve("tenants/notifications.yaml");
      Files.setLastModifiedTime(descriptor, FileTime.from(Instant.now().plusSeconds(30)));
      assertThat(run("scope", "--base", "HEAD")).isEqualTo(0);
      assertThat(out.toString()).containsSubsequence("tenants: payments", "platform paths: none");
      assertThat(run("diff", "--exit-code")).isEqualTo(1);
      assertThat(out.toString()).contains("Sidecar/default");
    }
  }

  @Test
  void aProjectInAFolderOfItsRepositoryIsComparedThroughTheIndexToo() throws Exception {
    Path project = root.resolve("mesh/platform");
    ProjectTree.copyOfProject(project).render();
    Files.writeString(root.resolve("README.md"), "the repository around the project\n");
    try (GitRepo repo = new GitRepo(root)) {
      repo.commitAll("base");
      TestProject.Run clean = TestProject.cli(project, "diff", "--exit-code");
      assertThat(clean.exitCode()).as(clean.err()).isZero();
      assertThat(clean.out()).contains("No changes.");
      Path sidecar = project.resolve("output/prod/tenants/payments/sidecar.yaml");
      Files.writeString(sidecar, Files.readString(sidecar).replace("REGISTRY_ONLY", "REGISTRY_0NLY"));
      Files.setLastModifiedTime(sidecar, FileTime.from(Instant.now().plusSeconds(30)));
      Files.writeString(root.resolve("README.md"), "the repository around the project, edited\n");
      TestProject.Run scope = TestProject.cli(project, "scope", "--base", "HEAD");
      assertThat(scope.out()).containsSubsequence("tenants: payments", "platform paths: /README.md");
      TestProject.Run changed = TestProject.cli(project, "diff", "--exit-code");
      assertThat(changed.exitCode()).as(changed.err()).isEqualTo(1);
      assertThat(changed.out()).contains("Sidecar/default");
    }
  }

  @Test
  void anUnrenderedDescriptorEditIsReportedAsStaleOutputWithTheCommandToReviewIt() throws Exception {
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      Scenarios.NEW_CALLER.changeSources(new ProjectTree(root));

      assertThat(run("diff", "--exit-code")).as("stale output is a difference").isEqualTo(1);
      assertThat(out.toString()).doesNotContain("No changes.")
          .contains("note: output/ is stale: it does not match tenants/ and templates/ (")
          .contains("output/dev/tenants/notifications/destination-rule.yaml")
          .contains("run meshplate diff --render to review them, or meshplate render first.")
          .contains("No changes in output/.");
      assertThat(run("diff", "--render", "--format", "markdown")).isZero();
      assertThat(out.toString()).contains("> [!WARNING]\n> output/ is stale: it does not match tenants/ and "
              + "templates/ (").contains("so this review compares fresh renders of tenants/ and templates/ at both sides")
          .contains("**Access widened:** `payments/api:8080` &lt;- notifications/sender: GET /v1/payments/\\* (mTLS)");
    }
  }

  @Test
  void sourcesThatDoNotValidateAreANoteNotAFailureOfDiff() throws Exception {
    try (GitRepo repo = Scenarios.NO_OP.commit(root)) {
      new ProjectTree(root).replace("tenants/payments.yaml", "accessLog: all", "accessLog: sometimes");

      assertThat(run("diff")).isZero();
      assertThat(out.toString()).contains("note: tenants/ or templates/ do not validate, so output/ may not match them")
          .contains("tenants/payments.yaml:31:").contains("(run meshplate validate).");
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
  void aChangeOfOwnersIsReviewedThoughNoRenderedObjectChanges() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      tree.replace("tenants/payments.yaml", "owners: [\"@acme/payments\", \"@acme/security\"]", "owners: [\"@acme/payments\"]")
          .render();
      repo.commitAll("security no longer reviews payments");

      assertThat(run("diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "markdown", "--exit-code")).isEqualTo(1);
      assertThat(out.toString()).contains("#### Owners changed")
          .contains("`payments` owners @acme/payments @acme/security -&gt; @acme/payments");
      out.getBuffer().setLength(0);
      assertThat(run("diff", "--base", "HEAD~1", "--head", "HEAD", "--render", "--format", "json")).isZero();
      assertThat(out.toString()).contains("\"OWNERS_CHANGED\"");
    }
  }

  @Test
  void checkNamesAnUncommittedOwnersChangeThroughCodeOwners() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      tree.replace("tenants/payments.yaml", "\"@acme/security\"", "\"@acme/fraud\"");

      assertThat(run("check", "--base", "HEAD")).isEqualTo(1);
      assertThat(err.toString()).contains(".github/CODEOWNERS").contains("@acme/fraud");
      out.getBuffer().setLength(0);
      assertThat(run("diff", "--render", "--exit-code")).isEqualTo(1);
      assertThat(out.toString()).contains("@acme/payments @acme/security -> @acme/fraud @acme/payments");
    }
  }

  @Test
  void inAPullRequestAHostConflictIsBlamedOnTheTenantThatChanged() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      tree.replace("tenants/payments.yaml", "  calls:\n", "  ingress: {hosts: [{name: shop, service: api}]}\n  calls:\n");

      assertThat(run("check", "--base", "HEAD")).isEqualTo(4);
      assertThat(err.toString()).contains("tenants/payments.yaml:").contains("GUARD-INGRESS-HOST-OWNER")
          .contains("whose claim predates this change").doesNotContain("tenants/storefront.yaml:28:16:");
      assertThat(err.toString().lines().filter(l -> l.contains("GUARD-INGRESS-HOST-OWNER")).count()).isEqualTo(1);
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
