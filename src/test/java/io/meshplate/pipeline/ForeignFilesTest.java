package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import io.meshplate.testing.TestProject.Run;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in output/ that meshplate did not render: check fails naming each, render reports each
 * and never touches them, and each message says what Argo CD would do with the file as the
 * folder stands.
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
  void eachMessageSaysWhatArgoCdWouldDoWithTheFile() {
    TestProject project = TestProject.copyOf(dir);
    PLANTED.forEach(project::write);
    project.write("output/prod/tenants/ghost/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\n");

    String err = project.run("check").err();

    // meshplate's kustomization lists only what it rendered, so a Kustomize build leaves these out
    assertThat(line(err, "output/prod/tenants/payments/configmap.yaml"))
        .contains("Argo CD builds output/prod/tenants/payments with Kustomize")
        .contains("leaves this file out, unless a kustomization lists it");
    assertThat(line(err, "output/prod/platform/cluster-admin.yaml"))
        .contains("Argo CD builds output/prod/platform with Kustomize");
    // beside meshplate's kustomization.yaml, Kustomize refuses to build the folder at all
    assertThat(line(err, "output/dev/tenants/catalog/kustomization.yml"))
        .contains("a second kustomization file in output/dev/tenants/catalog")
        .contains("cannot sync it");
    // a folder meshplate does not render has no kustomization: its YAML is a plain manifest
    assertThat(line(err, "output/prod/tenants/ghost/configmap.yaml"))
        .contains("output/prod/tenants/ghost has no kustomization")
        .contains("applies this file as a plain manifest");
    assertThat(line(err, "output/NOTES.md")).contains("Argo CD does not apply it");
  }

  private static String line(String err, String path) {
    return err.lines().filter(l -> l.startsWith(path + ": OUTPUT-FOREIGN-FILE: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no OUTPUT-FOREIGN-FILE line for " + path + " in:\n" + err));
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
