package io.meshplate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache is read only by the working copy that wrote it: its key lives in the Git directory,
 * where no commit can put it, so a {@code .meshplate/} a pull request force-adds is another
 * build's cache in CI's clone, and is not read.
 */
class CloneKeyTest {
  @TempDir Path dir;

  private static Path git(Path root) throws Exception {
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      return git.getRepository().getDirectory().toPath();
    }
  }

  private static byte[] identity(Path root) {
    return CacheDir.open(root).build();
  }

  @Test
  void aCloneKeepsItsKeyInItsGitDirectoryAndAKeyCommittedUnderMeshplateIsNotRead() throws Exception {
    Path root = Files.createDirectories(dir.resolve("clone"));
    Path gitDir = git(root);
    byte[] first = identity(root);
    assertThat(identity(root)).as("the same working copy, run after run").isEqualTo(first);
    assertThat(gitDir.resolve(CloneKey.FILE)).isRegularFile();
    assertThat(root.resolve(".meshplate").resolve(CloneKey.FILE)).doesNotExist();

    // Another clone of the same commit, with this clone's .meshplate/ copied in (as a force-added
    // directory would arrive), and a key of its own planted there too: none of it is its key.
    Path other = Files.createDirectories(dir.resolve("other"));
    git(other);
    TestFiles.copy(root.resolve(".meshplate"), other.resolve(".meshplate"));
    Files.copy(gitDir.resolve(CloneKey.FILE), other.resolve(".meshplate").resolve(CloneKey.FILE));
    assertThat(identity(other)).as("another clone").isNotEqualTo(first);
  }

  @Test
  void aProjectInASubfolderUsesTheRepositorysKeyAndAProjectOutsideGitItsStateFolder() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path gitDir = git(repo);
    Path project = Files.createDirectories(repo.resolve("platform").resolve("mesh"));
    assertThat(CloneKey.location(project, project.resolve(".meshplate"))).isEqualTo(gitDir.resolve(CloneKey.FILE));

    Path plain = Files.createDirectories(dir.resolve("plain"));
    byte[] first = identity(plain);
    assertThat(plain.resolve(".meshplate").resolve(CloneKey.FILE)).isRegularFile();
    assertThat(identity(plain)).isEqualTo(first);
  }

  @Test
  void aWorktreeKeepsItsKeyInTheGitDirectoryItsGitFileNames() throws Exception {
    Path gitDir = Files.createDirectories(dir.resolve("main-repo").resolve(".git").resolve("worktrees").resolve("w"));
    Path worktree = Files.createDirectories(dir.resolve("w"));
    Files.writeString(worktree.resolve(".git"), "gitdir: ../main-repo/.git/worktrees/w\n");
    assertThat(CloneKey.location(worktree, worktree.resolve(".meshplate")).normalize())
        .isEqualTo(gitDir.resolve(CloneKey.FILE).normalize());
  }

  @Test
  void renderAndCheckStillAgreeInAGitCloneAndItsCacheServesTheNextRun() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    git(project.root());
    assertThat(project.run("render").exitCode()).isZero();
    byte[] record = Files.readAllBytes(project.path(".meshplate/cache/last-run"));
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(Files.readAllBytes(project.path(".meshplate/cache/last-run")))
        .as("an identical run starts from the last one's record and keeps it").isEqualTo(record);
    assertThat(project.run("check").exitCode()).isZero();
  }
}
