package io.meshplate.review;

import io.meshplate.testing.TestProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request loop as a tenant team lives it, in a clone of a repository holding the
 * rendered project: allow a new caller in {@code tenants/payments.yaml}, {@code check} says to
 * render, {@code render}, commit, and {@code diff --base HEAD~1 --format markdown} opens with
 * which access was widened, for whom, in which environments.
 */
class NewCallerLoopTest {
  @TempDir Path temp;
  private StringWriter out;
  private StringWriter err;

  private int meshplate(Path clone, String... args) {
    TestProject.Run run = TestProject.cli(clone, args);
    out = new StringWriter();
    err = new StringWriter();
    out.write(run.out());
    err.write(run.err());
    return run.exitCode();
  }

  @Test
  void allowingANewCallerIsCheckedRenderedCommittedAndSummarisedFirstInTheReview() throws Exception {
    Path origin = temp.resolve("origin");
    try (GitRepo repo = new GitRepo(origin)) {
      ProjectTree.copyOfProject(origin).render();
      repo.commitAll("rendered project");
    }
    Path clone = temp.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).call()) {
      ProjectTree tree = new ProjectTree(clone);
      assertThat(meshplate(clone, "check")).as(err.toString()).isZero();

      tree.replace("tenants/payments.yaml", """
                    paths: [/v1/settlements/*]
          """, """
                    paths: [/v1/settlements/*]
                  - from: {tenant: notifications, service: sender}
                    methods: [GET]
                    paths: [/v1/payments/*]
          """);
      tree.replace("tenants/notifications.yaml", """
            egress:
          """, """
            calls:
              - {tenant: payments, service: api}
            egress:
          """);
      assertThat(meshplate(clone, "check")).isEqualTo(1);
      assertThat(err.toString()).contains("stale    output/prod/tenants/payments/authorization-policy.yaml")
          .contains("Fix: run ./meshplate render and commit output/.");

      assertThat(meshplate(clone, "render")).as(err.toString()).isZero();
      assertThat(meshplate(clone, "check")).as(err.toString()).isZero();
      git.add().addFilepattern(".").call();
      git.commit().setMessage("payments: notifications may read payment status")
          .setAuthor("Tess Tenant", "tess@example.com").setCommitter("Tess Tenant", "tess@example.com").setSign(false).call();

      assertThat(meshplate(clone, "diff", "--base", "HEAD~1", "--format", "markdown")).as(err.toString()).isZero();
      List<String> lines = out.toString().lines().toList();
      assertThat(lines.get(0)).isEqualTo("## meshplate review");
      assertThat(lines.get(1)).isEmpty();
      assertThat(lines.get(2)).isEqualTo("**Access widened:** `payments/api:8080` &lt;- notifications/sender: "
          + "GET /v1/payments/\\* (mTLS) in **dev, prod, prod-eu, stage**  ");
    }
  }
}
