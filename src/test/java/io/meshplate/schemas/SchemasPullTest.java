package io.meshplate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshplate schemas pull} with the real kubectl against a real HTTP API serving the upstream
 * schemas, then {@code check} and {@code validate} using the pulled folder by default.
 */
@Requires({Requirement.KUBECTL, Requirement.SHARED_SCHEMAS})
class SchemasPullTest {
  /** What an OpenShift Service Mesh 3 cluster serves: Istio 1.24 CRDs, Sail operator, Argo CD, monitoring. */
  private static final String[] OSSM3 = {"istio/istio-api-v1.24.6-*", "sail-operator/*", "argocd/*",
      "prometheus-operator/*"};
  private static final String DEV_OVERLAY = "templates/overlays/dev/overlay.yaml";

  @TempDir Path dir;
  private TestProject project;
  private FakeApiServer api;
  private Path kubeconfig;

  @BeforeEach
  void clusterAndProject() throws Exception {
    project = TestProject.copyOf(dir.resolve("project"));
    api = new FakeApiServer(OSSM3);
    kubeconfig = api.kubeconfig(dir, "ossm3-dev");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private TestProject.Run pull(String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "schemas";
    args[1] = "pull";
    args[2] = "--kubeconfig";
    args[3] = kubeconfig.toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return project.run(args);
  }

  @Test
  void pullsWhatTheOverlayRendersAndCheckUsesTheFolderByDefault() throws Exception {
    TestProject.Run pulled = pull("--env", "dev");

    assertThat(pulled.exitCode()).as(pulled.err()).isZero();
    assertThat(pulled.out()).matches("schemas/ossm3-dev: \\d+ CRDs and 4 OpenAPI documents from context ossm3-dev \\(written\\)\\n");
    assertThat(pulled.err()).contains("note: overlay dev does not validate against schemas/ossm3-dev/: set "
        + "validation.schemas: [\"ossm3-dev/**\"] in templates/overlays/dev/overlay.yaml to use it");
    assertThat(api.requests).contains("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "/openapi/v3",
        "/openapi/v3/api/v1", "/openapi/v3/apis/apps/v1");
    Path pulledDir = project.path("schemas/ossm3-dev");
    String sidecars = Files.readString(pulledDir.resolve("crds/sidecars.networking.istio.io.yaml"));
    assertThat(sidecars).contains("CustomResourceDefinition").doesNotContain("managedFields")
        .doesNotContain("resourceVersion").doesNotContain("acceptedNames").doesNotContain("uid");
    assertThat(pulledDir.resolve("crds/envoyfilters.networking.istio.io.yaml")).as("not rendered, not pulled").doesNotExist();
    assertThat(pulledDir.resolve("openapi/api__v1_openapi.json")).exists();
    assertThat(pulledDir.resolve("README.md")).exists();

    project.edit(DEV_OVERLAY, "      - istio/istio-api-v1.30.3-*\n      - sail-operator/*\n      - kubernetes/v1.31/*\n"
        + "      - prometheus-operator/*\n      - argocd/*\n", "      - ossm3-dev/**\n");
    TestProject.Run check = project.run("check", "--env", "dev");
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out()).containsPattern("\\d+ rendered objects match the schemas in schemas/ "
        + "\\(validation.schemasDir in templates/base/defaults.yaml\\)");
    // The other overlays still name the upstream layout: with a schemas folder, that is an error.
    TestProject.Run all = project.run("validate");
    assertThat(all.exitCode()).isEqualTo(3);
    assertThat(all.err()).contains("SCHEMA-GLOB-EMPTY: schema pattern 'istio/istio-api-v1.20.8-*' matches no file in");

    Files.delete(pulledDir.resolve("crds/sidecars.networking.istio.io.yaml"));
    TestProject.Run broken = project.run("check", "--env", "dev");
    assertThat(broken.exitCode()).isEqualTo(4);
    assertThat(broken.err()).contains("SCHEMA-UNKNOWN-KIND: Sidecar/default: no schema for apiVersion networking.istio.io/v1 kind Sidecar");
  }

  @Test
  void pullingAnUnchangedClusterAgainChangesNoByte() throws Exception {
    assertThat(pull("--env", "dev", "--into", "dev").exitCode()).isZero();
    String first = TestProject.treeHash(project.path("schemas"));

    TestProject.Run again = pull("--env", "dev", "--into", "dev");

    assertThat(again.out()).endsWith("(unchanged)\n");
    assertThat(TestProject.treeHash(project.path("schemas"))).isEqualTo(first);
    assertThat(api.requests.stream().filter(r -> r.endsWith("customresourcedefinitions")).count()).isEqualTo(2);
  }

  @Test
  void kindsTheClusterDoesNotServeAreNamed() {
    TestProject.Run pulled = pull("--env", "prod", "--into", "prod");

    assertThat(pulled.exitCode()).isZero();
    assertThat(pulled.err()).contains("warning: the cluster does not serve ")
        .contains("maistra.io/v2 ServiceMeshControlPlane").contains("is this the cluster of those overlays?");
  }

  @Test
  void anUnknownContextFailsWithKubectlsReasonAndWritesNothing() {
    TestProject.Run pulled = pull("--context", "nowhere", "--env", "dev");

    assertThat(pulled.exitCode()).isEqualTo(6);
    assertThat(pulled.err()).startsWith("kubectl: SCHEMAS-KUBECTL-FAILED: kubectl get --raw "
        + "/apis/apiextensions.k8s.io/v1/customresourcedefinitions failed: ").contains("nowhere");
    assertThat(project.path("schemas")).doesNotExist();
  }

  @Test
  void schemasOptionOverridesTheProjectFolderAndSaysSo() {
    assertThat(pull("--env", "dev", "--into", "dev").exitCode()).isZero();
    project.edit(DEV_OVERLAY, "      - istio/istio-api-v1.30.3-*\n      - sail-operator/*\n      - kubernetes/v1.31/*\n"
        + "      - prometheus-operator/*\n      - argocd/*\n", "      - dev/**\n");
    Path elsewhere = dir.resolve("elsewhere");
    TestFiles.copy(project.path("schemas"), elsewhere);

    TestProject.Run run = project.run("validate", "--env", "dev", "--schemas", elsewhere.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("match the schemas in " + elsewhere + "/ (--schemas)");
  }

  @Test
  void aSchemasFolderOutsideTheProjectIsRefusedWhereItIsConfigured() {
    project.edit("templates/base/defaults.yaml", "  schemasDir: schemas", "  schemasDir: ../elsewhere");

    TestProject.Run run = project.run("validate");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).containsPattern("templates/base/defaults.yaml:\\d+:\\d+: SCHEMAS-DIR-INVALID: "
        + "validation.schemasDir must be a folder inside the project");
  }

  @Test
  void aDamagedDefaultsFileIsReportedWhereItIsDamagedBeforeAnythingElseRuns() {
    project.edit("templates/base/defaults.yaml", "  schemasDir: schemas", "  schemasDir: schemas\n  schemasDir: other");

    TestProject.Run run = project.run("validate");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).as("placed at the second key, not at 1:1")
        .containsPattern("templates/base/defaults.yaml:(\\d{2,}|[2-9]):\\d+: YAML-DUPLICATE-KEY");
  }
}
