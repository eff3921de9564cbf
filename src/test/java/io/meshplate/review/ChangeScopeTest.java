package io.meshplate.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshplate.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a walk of the work tree against a commit counts as changed. */
class ChangeScopeTest {
  @TempDir Path root;

  /**
   * {@code diff} walks the work tree on one thread while validation, on another, may be creating
   * {@code .meshplate/}: the walk can list the folder before its {@code .gitignore} exists, and its
   * files are still not part of the change.
   */
  @Test
  void stateFolderCaughtBeforeItsGitignoreIsNoChange() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      Files.createDirectories(root.resolve("tenants"));
      Files.writeString(root.resolve("tenants/payments.yaml"), "tenant: payments\n");
      repo.commitAll("base");
    }
    Files.createDirectories(root.resolve(".meshplate/cache"));
    Files.writeString(root.resolve(".meshplate/lock"), "");
    Files.writeString(root.resolve(".meshplate/cache/facts"), "x");
    Files.writeString(root.resolve("tenants/orders.yaml"), "tenant: orders\n");

    ChangeScope scope = ChangeScope.between(new Workspace(root), "HEAD", null);

    assertEquals(List.of("orders"), List.copyOf(scope.tenants()));
    assertEquals(List.of(), List.copyOf(scope.platformPaths()));
  }

  /** A state folder someone committed is tracked, and a change to it stays a change. */
  @Test
  void committedStateFolderStillChanges() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      Files.createDirectories(root.resolve(".meshplate"));
      Files.writeString(root.resolve(".meshplate/notes"), "a\n");
      repo.commitAll("base");
    }
    Files.writeString(root.resolve(".meshplate/notes"), "b\n");

    ChangeScope scope = ChangeScope.between(new Workspace(root), "HEAD", null);

    assertEquals(List.of(".meshplate/notes"), List.copyOf(scope.platformPaths()));
  }
}
