package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.OutputException;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.cli.Cli;
import io.meshplate.publish.PublishRequest;
import io.meshplate.publish.PublishResult;
import io.meshplate.publish.Publisher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing into real local bare repositories and work trees. */
class PublishTest {
  @TempDir Path temp;
  private Path source;
  private Path bare;
  private GitRepo repo;
  private ProjectTree project;

  @BeforeEach
  void sourceAndEmptyTarget() throws Exception {
    source = temp.resolve("source");
    bare = temp.resolve("gitops.git");
    repo = new GitRepo(source);
    project = ProjectTree.copyOfProject(source).render();
    repo.commitAll("examples");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
  }

  private PublishResult publish(String repoPath, String path, boolean force) {
    return Publisher.publish(new PublishRequest(new Workspace(source), repoPath, "main", path, force));
  }

  private static List<String> files(Path gitDir, String branch) throws Exception {
    List<String> out = new ArrayList<>();
    try (Git git = Git.open(gitDir.toFile()); RevWalk walk = new RevWalk(git.getRepository());
        TreeWalk tree = new TreeWalk(git.getRepository())) {
      tree.addTree(walk.parseCommit(git.getRepository().resolve(branch)).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        out.add(tree.getPathString());
      }
    }
    return out;
  }

  private static int commits(Path gitDir) throws Exception {
    try (Git git = Git.open(gitDir.toFile())) {
      int n = 0;
      for (RevCommit ignored : git.log().call()) {
        n++;
      }
      return n;
    }
  }

  @Test
  void firstPublishCommitsOutputIntoFolderAndPushesNamingSourceCommit() throws Exception {
    PublishResult result = publish(bare.toString(), "clusters", false);
    assertThat(result.committed()).isTrue();
    assertThat(result.pushed()).isTrue();
    String head = repo.git.getRepository().resolve("HEAD").name();
    assertThat(result.sourceRevision()).isEqualTo(head);
    assertThat(files(bare, "refs/heads/main"))
        .contains("clusters/prod/tenants/payments/authorization-policy.yaml", "clusters/dev/platform/kustomization.yaml")
        .allMatch(p -> p.startsWith("clusters/"));
    try (Git git = Git.open(bare.toFile())) {
      RevCommit commit = git.log().setMaxCount(1).call().iterator().next();
      assertThat(commit.getFullMessage()).contains("Meshplate-Source: " + head);
      assertThat(commit.getCommitterIdent().getName()).isEqualTo("meshplate");
      assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("tess@example.com");
    }
  }

  @Test
  void secondPublishWithoutChangeMakesNoCommit() throws Exception {
    publish(bare.toString(), "", false);
    PublishResult again = publish(bare.toString(), "", false);
    assertThat(again.committed()).isFalse();
    assertThat(commits(bare)).isEqualTo(1);
  }

  @Test
  void deletionsPropagateAndDirtySourceIsNamed() throws Exception {
    publish(bare.toString(), "", false);
    Scenarios.TENANT_DELETION.change(project);
    PublishResult result = publish(bare.toString(), "", false);
    assertThat(result.removed()).isGreaterThan(0);
    assertThat(result.sourceRevision()).endsWith("-dirty");
    assertThat(files(bare, "refs/heads/main")).noneMatch(p -> p.contains("/ledger/"))
        .anyMatch(p -> p.contains("/payments/"));
    assertThat(commits(bare)).isEqualTo(2);
  }

  @Test
  void dirtyTargetWorkTreeIsRefusedUnlessForced() throws Exception {
    publish(bare.toString(), "", false);
    Path clone = temp.resolve("clone");
    Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(clone.toFile()).call().close();
    Files.writeString(clone.resolve("notes.txt"), "scratch\n");
    Scenarios.NEW_CALLER.change(project);
    assertThatThrownBy(() -> publish(clone.toString(), "", false))
        .isInstanceOf(OutputException.class).hasMessageContaining("uncommitted changes");
    PublishResult forced = publish(clone.toString(), "", true);
    assertThat(forced.committed()).isTrue();
    assertThat(forced.pushed()).isFalse();
    assertThat(Files.exists(clone.resolve("notes.txt"))).as("replaced root content").isFalse();
  }

  @Test
  void handEditAfterLastPublishIsRefusedUnlessForced() throws Exception {
    publish(bare.toString(), "envs", false);
    Path clone = temp.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(clone.toFile()).call()) {
      Files.writeString(clone.resolve("envs/prod/tenants/payments/sidecar.yaml"), "# hot fix\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("hot fix").setAuthor("Ops", "ops@example.com").setCommitter("Ops", "ops@example.com")
          .setSign(false).call();
      git.push().call();
    }
    assertThatThrownBy(() -> publish(bare.toString(), "envs", false))
        .isInstanceOf(OutputException.class).hasMessageContaining("changed by hand").hasMessageContaining("hot fix");
    PublishResult forced = publish(bare.toString(), "envs", true);
    assertThat(forced.modified()).isEqualTo(1);
  }

  @Test
  void publishCommandReportsTheCommit() throws Exception {
    StringWriter out = new StringWriter();
    int code = Cli.create(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
        .execute("--root", source.toString(), "publish", "--repo", bare.toString(), "--path", "clusters");
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("published ").contains(", pushed");
    StringWriter again = new StringWriter();
    Cli.create(new PrintWriter(again, true), new PrintWriter(new StringWriter(), true))
        .execute("--root", source.toString(), "publish", "--repo", bare.toString(), "--path", "clusters");
    assertThat(again.toString()).startsWith("nothing to publish");
    try (Repository r = Git.open(bare.toFile()).getRepository()) {
      assertThat(r.resolve("refs/heads/main")).isNotNull();
    }
  }

  @Test
  void failureMessageNeverShowsUrlCredentials() {
    assertThatThrownBy(() -> publish("http://bot:s3cret-token@127.0.0.1:1/gitops.git", "", false))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("http://***@127.0.0.1:1/gitops.git")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-token"));
  }

  @Test
  void pathOutsideTheTargetRepositoryIsAUsageError() {
    assertThatThrownBy(() -> publish(bare.toString(), "../elsewhere", false))
        .isInstanceOf(UsageException.class).hasMessageContaining("inside the target repository");
    assertThatThrownBy(() -> publish(bare.toString(), "/etc", false))
        .isInstanceOf(UsageException.class);
  }
}
