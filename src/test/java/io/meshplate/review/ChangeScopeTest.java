package io.meshplate.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
      write(root.resolve("tenants/payments.yaml"), "tenant: payments\n");
      repo.commitAll("base");
    }
    write(root.resolve(".meshplate/lock"), "");
    write(root.resolve(".meshplate/cache/facts"), "x");
    write(root.resolve("tenants/orders.yaml"), "tenant: orders\n");

    ChangeScope scope = ChangeScope.between(new Workspace(root), "HEAD", null);

    assertEquals(List.of("orders"), List.copyOf(scope.tenants()));
    assertEquals(List.of(), List.copyOf(scope.platformPaths()));
  }

  /**
   * The work tree is listed in parts, one per core, each tenant output folder in one of them: any
   * number of parts finds what one finds, in a project below the repository's top folder too.
   */
  @Test
  void aWalkInPartsFindsWhatOneWalkFinds() throws Exception {
    Path project = root.resolve("proj");
    List<String> tenants = List.of("a", "b", "c", "d", "e", "f", "g", "h", "payments", "platform");
    try (GitRepo repo = new GitRepo(root)) {
      Files.writeString(root.resolve("README"), "top\n");
      for (String tenant : tenants) {
        write(project.resolve("tenants/" + tenant + ".yaml"), "tenant: " + tenant + "\n");
        for (String overlay : List.of("dev", "prod")) {
          write(project.resolve("output/" + overlay + "/tenants/" + tenant + "/sidecar.yaml"), "a: 1\n");
          write(project.resolve("output/" + overlay + "/tenants/" + tenant + "/argocd/app.yaml"), "a: 1\n");
        }
      }
      write(project.resolve("output/dev/tenants/kustomization.yaml"), "a: 1\n");
      write(project.resolve("output/dev/platform/mesh.yaml"), "a: 1\n");
      write(project.resolve("output/dev/kustomization.yaml"), "a: 1\n");
      write(project.resolve("templates/base/x.ftl"), "x\n");
      repo.commitAll("base");
    }
    for (String tenant : List.of("a", "c", "f", "payments")) {
      write(project.resolve("output/prod/tenants/" + tenant + "/sidecar.yaml"), "a: 2\n");
    }
    write(project.resolve("output/dev/tenants/h/argocd/app.yaml"), "a: 2\n");
    Files.delete(project.resolve("output/dev/tenants/b/sidecar.yaml"));
    write(project.resolve("output/dev/tenants/new/sidecar.yaml"), "a: 1\n");
    write(project.resolve("output/dev/tenants/kustomization.yaml"), "a: 2\n");
    write(project.resolve("output/dev/platform/mesh.yaml"), "a: 2\n");
    write(project.resolve("templates/base/x.ftl"), "y\n");
    write(project.resolve("tenants/e.yaml"), "tenant: e2\n");
    Files.writeString(root.resolve("README"), "changed\n");

    List<String> expectedTenants = List.of("a", "b", "c", "e", "f", "h", "new", "payments");
    List<String> expectedPlatform = List.of("/README", "output/dev/platform/mesh.yaml",
        "output/dev/tenants/kustomization.yaml", "templates/base/x.ftl");
    for (int shares : List.of(1, 2, 3, 5)) {
      ChangeScope.Walked walked = ChangeScope.walk(new Workspace(project), "HEAD", null, shares);
      assertEquals(expectedTenants, List.copyOf(walked.scope().tenants()), shares + " parts");
      assertEquals(expectedPlatform, List.copyOf(walked.scope().platformPaths()), shares + " parts");
      assertEquals(List.of("dev/platform/mesh.yaml", "dev/tenants/b/sidecar.yaml", "dev/tenants/h/argocd/app.yaml",
          "dev/tenants/kustomization.yaml", "dev/tenants/new/sidecar.yaml", "prod/tenants/a/sidecar.yaml",
          "prod/tenants/c/sidecar.yaml", "prod/tenants/f/sidecar.yaml", "prod/tenants/payments/sidecar.yaml"),
          List.copyOf(walked.outputChanges().keySet()), shares + " parts");
      assertNull(walked.outputChanges().get("dev/tenants/b/sidecar.yaml"));
    }
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A state folder someone committed is tracked, and a change to it stays a change. */
  @Test
  void committedStateFolderStillChanges() throws Exception {
    try (GitRepo repo = new GitRepo(root)) {
      write(root.resolve(".meshplate/notes"), "a\n");
      repo.commitAll("base");
    }
    write(root.resolve(".meshplate/notes"), "b\n");

    ChangeScope scope = ChangeScope.between(new Workspace(root), "HEAD", null);

    assertEquals(List.of(".meshplate/notes"), List.copyOf(scope.platformPaths()));
  }
}
