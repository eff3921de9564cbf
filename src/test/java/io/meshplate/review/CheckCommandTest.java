package io.meshplate.review;

import io.meshplate.testing.TestProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshplate check} and {@code render} in-process: the deletion guard and CODEOWNERS. */
class CheckCommandTest {
  @TempDir Path root;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    TestProject.Run run = TestProject.cli(root, args);
    out = new StringWriter();
    err = new StringWriter();
    out.write(run.out());
    err.write(run.err());
    return run.exitCode();
  }

  @Test
  void removingATenantFailsCheckWithItsBlastRadiusUntilTheDeletionIsAllowed() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      Scenarios.TENANT_DELETION.change(tree);

      assertThat(run("check")).as(err.toString()).isEqualTo(4);
      assertThat(err.toString()).contains("output/dev/tenants/ledger/: REVIEW-DELETION-UNAPPROVED: tenant removed: ledger: "
          + "79 of 79 objects removed in dev, prod, prod-eu, stage (namespaces ledger-dev, ledger-prod, ledger-stage)")
          .contains("approve it: --allow-deletion ledger");

      assertThat(run("check", "--allow-deletion", "ledger")).as(err.toString()).isZero();
      assertThat(err.toString()).contains("deletion approved (--allow-deletion ledger): tenant removed: ledger");
      assertThat(out.toString()).contains("output/ is current");
    }
  }

  @Test
  void objectsRemovedFromATenantFolderCountAgainstTheShareWithAndWithoutTheCache() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      tree.replace("tenants/payments.yaml", "  egress:\n    - {host: api.stripe.com, port: 443, tls: originate}\n", "");

      for (String cache : new String[] {"--max-deletion-share", "--no-cache"}) {
        String[] args = cache.equals("--no-cache") ? new String[] {"check", cache, "--max-deletion-share", "0.01"}
            : new String[] {"check", "--max-deletion-share", "0.01"};
        assertThat(run(args)).as(cache + err).isEqualTo(4);
        assertThat(err.toString()).as(cache).contains("output/dev/tenants/payments/: REVIEW-DELETION-UNAPPROVED: "
            + "large deletion in tenant payments: 12 of 108 objects removed in dev, prod, prod-eu, stage");
      }
      assertThat(run("check")).as("within the default share: only stale " + err).isEqualTo(1);
    }
  }

  @Test
  void deletionGuardComparesOnlyTheSelectedOverlaysWithTheNamedBase() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      Scenarios.TENANT_DELETION.change(tree);
      repo.commitAll("ledger removed");

      assertThat(run("check", "--env", "dev")).as("HEAD already has the deletion").isZero();
      assertThat(run("check", "--env", "dev", "--base", "HEAD~1")).isEqualTo(4);
      assertThat(err.toString()).contains("tenant removed: ledger: 19 of 19 objects removed in dev (namespaces ledger-dev)")
          .doesNotContain("prod");
      assertThat(run("check", "--base", "no-such-ref")).isEqualTo(2);
      assertThat(err.toString()).contains("unknown Git revision 'no-such-ref'");
      assertThat(run("check", "--max-deletion-share", "2")).isEqualTo(2);
    }
  }

  @Test
  void outsideGitTheGuardIsSkippedUnlessABaseIsNamed() {
    ProjectTree.copyOfProject(root).render();
    assertThat(run("check")).as(err.toString()).isZero();
    assertThat(err.toString()).contains("note: deletion guard skipped");
    assertThat(run("check", "--base", "HEAD")).isEqualTo(2);
    assertThat(err.toString()).contains("is not inside a Git repository");
  }

  @Test
  void renderWritesCodeOwnersOnlyWhenItChangesAndCheckReportsItStale() throws Exception {
    ProjectTree.copyOfProject(root);
    assertThat(run("render")).isZero();
    assertThat(out.toString()).contains("wrote .github/CODEOWNERS");
    Path owners = root.resolve(".github/CODEOWNERS");
    assertThat(Files.readString(owners))
        .contains("\n* @acme/platform\n")
        .contains("/tenants/payments.yaml @acme/payments @acme/security\n")
        .contains("/output/*/tenants/payments/ @acme/payments @acme/security\n");

    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(owners, written);
    assertThat(run("render")).isZero();
    assertThat(out.toString()).doesNotContain("CODEOWNERS");
    assertThat(Files.getLastModifiedTime(owners)).as("unchanged bytes are not rewritten").isEqualTo(written);

    Files.writeString(owners, Files.readString(owners).replace("@acme/security", "@someone/else"));
    assertThat(run("check")).isEqualTo(1);
    assertThat(err.toString()).doesNotContain("output/ is stale").contains("stale    .github/CODEOWNERS")
        .contains("-/tenants/payments.yaml @acme/payments @someone/else")
        .contains("+/tenants/payments.yaml @acme/payments @acme/security")
        .contains("Fix: run ./meshplate render and commit output/ and .github/CODEOWNERS.");

    Files.delete(owners);
    assertThat(run("check")).isEqualTo(1);
    assertThat(err.toString()).contains("missing  .github/CODEOWNERS");
    assertThat(run("render")).isZero();
    assertThat(run("check")).isZero();
    assertThat(Files.list(owners.getParent())).as("no temporary file left").containsExactly(owners);
  }

  @Test
  void descriptorOwnersChangeMakesCodeOwnersStale() throws Exception {
    ProjectTree tree = ProjectTree.copyOfProject(root).render();
    tree.replace("tenants/ledger.yaml", "owners: [\"@acme/ledger\"]", "owners: [\"@acme/ledger\", \"@acme/finance\"]");
    assertThat(run("check")).isEqualTo(1);
    assertThat(err.toString()).contains("stale    .github/CODEOWNERS")
        .contains("+/output/*/tenants/ledger/ @acme/finance @acme/ledger");
  }

  @Test
  void withoutAPlatformTeamCodeOwnersIsNotManaged() throws Exception {
    ProjectTree tree = ProjectTree.copyOfProject(root);
    tree.replace("templates/base/defaults.yaml", "platform:\n  team: \"@acme/platform\"\n", "");
    assertThat(run("render")).as(err.toString()).isZero();
    assertThat(out.toString()).doesNotContain("CODEOWNERS");
    assertThat(root.resolve(".github")).doesNotExist();
    assertThat(run("check")).as(err.toString()).isZero();
  }

  @Test
  void removingAnOverlayIsGuardedForEveryTenantItHeld() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree.copyOfProject(root).render();
      repo.commitAll("base");
      ProjectTree.delete(root.resolve("templates/overlays/prod-eu"));
      assertThat(run("check")).isEqualTo(4);
      assertThat(err.toString())
          .contains("tenant removed: catalog: 22 of 22 objects removed in prod-eu (namespaces catalog-prod)")
          .contains("--allow-deletion storefront");
    }
  }
}
