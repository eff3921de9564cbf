package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way {@code publish} fails against real targets (local repositories, an HTTP server that
 * refuses credentials, a Git daemon whose branch moves during the publish) ends in one line with
 * a {@code PUBLISH-*} rule id and the fix, the right exit code, and no credentials.
 */
class PublishFailuresTest {
  private static final String TOKEN = "s3cret-token-4711";
  /** The rendered project, committed once: no test changes it. */
  @TempDir static Path sources;
  private static Path source;
  @TempDir Path temp;
  private Path bare;

  @BeforeAll
  static void source() throws Exception {
    source = sources.resolve("source");
    try (GitRepo repo = new GitRepo(source)) {
      ProjectTree.copyOfProject(source).render();
      repo.commitAll("examples");
    }
  }

  @BeforeEach
  void emptyTarget() throws Exception {
    bare = temp.resolve("gitops.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
  }

  private TestProject.Run publish(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "publish";
    System.arraycopy(args, 0, all, 1, args.length);
    return TestProject.cli(source, all);
  }

  @Test
  void missingBranchNamesTheBranchesThereAndIsAUsageError() {
    assertThat(publish("--repo", bare.toString()).exitCode()).isZero();

    TestProject.Run run = publish("--repo", bare.toString(), "--branch", "staging");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("--branch: PUBLISH-BRANCH-MISSING: branch 'staging' does not exist in "
        + bare + " (branches: main) (check --branch; a new branch is created only in an empty repository");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void repositoryThatDoesNotExistIsAUsageError() {
    TestProject.Run path = publish("--repo", temp.resolve("nowhere").toString());
    TestProject.Run folder = publish("--repo", source.resolve("tenants").toString());

    assertThat(path.exitCode()).isEqualTo(2);
    assertThat(path.err()).startsWith("--repo: PUBLISH-REPO-NOT-FOUND: no Git repository at " + temp.resolve("nowhere"));
    assertThat(folder.exitCode()).isEqualTo(2);
    assertThat(folder.err()).contains("PUBLISH-REPO-NOT-FOUND");
  }

  @Test
  void sshUrlIsRefusedWithTheHttpsForm() {
    TestProject.Run run = publish("--repo", "git@github.com:acme/cluster-gitops.git");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--repo: PUBLISH-UNSUPPORTED-URL: cannot publish over SSH")
        .contains("https://x-access-token:<token>@github.com/ORG/REPO.git");
  }

  @Test
  void refusedCredentialsAreAnAuthFailureThatNeverShowsTheToken() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"gitops\"");
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://bot:" + TOKEN + "@127.0.0.1:" + server.getAddress().getPort() + "/acme/gitops.git";
      TestProject.Run run = publish("--repo", url, "--stacktrace");

      assertThat(run.exitCode()).isEqualTo(6);
      assertThat(run.err()).startsWith("--repo: PUBLISH-AUTH: http://***@127.0.0.1:")
          .contains("refused the credentials").contains("GITOPS_REPO_URL")
          .doesNotContain(TOKEN);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unreachableHostIsNamedWithoutCredentials() {
    TestProject.Run run = publish("--repo", "http://bot:" + TOKEN + "@127.0.0.1:1/gitops.git");

    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(run.err()).startsWith("--repo: PUBLISH-UNREACHABLE: cannot reach http://***@127.0.0.1:1/gitops.git")
        .doesNotContain(TOKEN);
  }

  @Test
  void aPushThatLostARaceIsRejectedAsNotAFastForwardAndChangesNothing() throws Exception {
    assertThat(publish("--repo", bare.toString(), "--path", "clusters").exitCode()).isZero();
    AtomicBoolean moved = new AtomicBoolean();
    Daemon daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
    daemon.getService("git-receive-pack").setEnabled(true);
    daemon.setRepositoryResolver((client, name) -> {
      try {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
      } catch (IOException e) {
        throw new RepositoryNotFoundException(name, e);
      }
    });
    daemon.setUploadPackFactory((client, db) -> {
      UploadPack upload = new UploadPack(db);
      // Once the publish has fetched the branch, someone else's publish lands on it.
      upload.setPostUploadHook(stats -> {
        if (moved.compareAndSet(false, true)) {
          advance(bare);
        }
      });
      return upload;
    });
    daemon.start();
    ObjectId tipAfterRace;
    try {
      String url = "git://127.0.0.1:" + daemon.getAddress().getPort() + "/gitops.git";
      // A second folder: there is something to commit and push.
      TestProject.Run run = publish("--repo", url, "--path", "clusters-eu");

      assertThat(moved).isTrue();
      assertThat(run.exitCode()).isEqualTo(6);
      assertThat(run.err()).startsWith("--branch: PUBLISH-REJECTED: " + url + " refused the push to 'main': "
          + "someone pushed to it since this publish read it (not a fast-forward)")
          .contains("publish again");
    } finally {
      daemon.stop();
    }
    try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
      tipAfterRace = repo.resolve("refs/heads/main");
      try (RevWalk walk = new RevWalk(repo)) {
        assertThat(walk.parseCommit(tipAfterRace).getShortMessage()).isEqualTo("a concurrent publish");
      }
    }
  }

  @Test
  void handEditRefusalHasARuleIdAndTheFix() throws Exception {
    assertThat(publish("--repo", bare.toString(), "--path", "envs").exitCode()).isZero();
    Path clone = temp.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(clone.toFile()).call()) {
      Files.writeString(clone.resolve("envs/prod/tenants/payments/sidecar.yaml"), "# hot fix\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("hot fix").setAuthor("Ops", "ops@example.com").setCommitter("Ops", "ops@example.com")
          .setSign(false).call();
      git.push().call();
    }

    TestProject.Run run = publish("--repo", bare.toString(), "--path", "envs");

    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(run.err()).startsWith("--path: PUBLISH-HAND-EDITED: target folder 'envs' was changed by hand in commit ")
        .contains("(\"hot fix\") after the last publish (move that change into the templates or descriptors");
  }

  /** A commit on top of main with the same tree, as another publish would make. */
  private static void advance(Path gitDir) {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
        RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
      RevCommit tip = walk.parseCommit(repo.resolve("refs/heads/main"));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tip.getTree());
      commit.setParentId(tip);
      PersonIdent who = new PersonIdent("meshplate", "meshplate@meshplate.invalid");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("a concurrent publish\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repo.updateRef(Constants.R_HEADS + "main");
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(tip);
      assertThat(update.update()).isEqualTo(RefUpdate.Result.FAST_FORWARD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
