package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import io.meshplate.testing.TestProject.Run;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in output/ that meshplate did not render would be synced by Argo CD with the folder's
 * permissions and never reviewed: check fails naming each, render reports each and never
 * touches them.
 */
class ForeignFilesTest {
  private static final Map<String, String> PLANTED = Map.of(
      "output/prod/tenants/payments/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: payments-prod}\n",
      "output/prod/platform/cluster-admin.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n",
      "output/dev/tenants/catalog/kustomization.yml", "resources: [../../../prod/platform]\n",
      "output/NOTES.md", "hand-written\n");

  @TempDir Path dir;

  @Test
  void checkFailsNamingEveryFileMeshplateDidNotRender() {
    TestProject project = TestProject.copyOf(dir);
    PLANTED.forEach(project::write);

    Run check = project.run("check");

    assertThat(check.exitCode()).isEqualTo(1);
    PLANTED.keySet().forEach(path -> assertThat(check.err()).contains(path + ": OUTPUT-FOREIGN-FILE: not rendered by meshplate"));
    assertThat(check.err()).doesNotContain("output/ is stale");
  }

  @Test
  void renderReportsThemAndLeavesThemAlone() {
    TestProject project = TestProject.copyOf(dir);
    PLANTED.forEach(project::write);

    Run render = project.run("render");

    assertThat(render.exitCode()).as(render.err()).isZero();
    PLANTED.forEach((path, text) -> {
      assertThat(render.err()).contains(path + ": OUTPUT-FOREIGN-FILE:");
      assertThat(project.read(path)).isEqualTo(text);
    });
  }

  @Test
  void aSelectionOnlyLooksAtItsOwnFolders() {
    TestProject project = TestProject.copyOf(dir);
    PLANTED.forEach(project::write);

    Run check = project.run("check", "--env", "dev");

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("output/dev/tenants/catalog/kustomization.yml: OUTPUT-FOREIGN-FILE")
        .doesNotContain("output/prod/").doesNotContain("NOTES.md");
  }
}
