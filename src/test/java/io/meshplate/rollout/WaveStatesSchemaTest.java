package io.meshplate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.GuardrailException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Rendering;
import io.meshplate.pipeline.Selection;
import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.SharedFiles;
import io.meshplate.testing.StageRollout;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step of the stage migration passes the schema check against the upstream CRDs of each
 * control plane it runs (Istio 1.20 for the ServiceMeshControlPlane, 1.24 for the Istio), and an
 * Istio object only the newer control plane understands is refused while the older one still runs.
 */
@Requires(Requirement.SHARED_SCHEMAS)
class WaveStatesSchemaTest {
  @TempDir Path root;

  @Test
  void everyStepIsValidForTheCrdsOfEveryControlPlaneItRuns() {
    Path schemas = SharedFiles.require("schemas");
    TestProject project = TestProject.copyOf(root);
    for (StageRollout step : StageRollout.values()) {
      step.writeTo(project);
      assertThat(render(schemas).files()).as(step.name()).isNotEmpty();
    }
  }

  @Test
  void anIstioObjectOnlyTheNewControlPlaneReadsIsRefusedWhileTheServiceMeshControlPlaneRuns() {
    Path schemas = SharedFiles.require("schemas");
    TestProject project = TestProject.copyOf(root);
    // catalog-stage follows the OSSM 3 revision in the shipped step, but the Sidecar is also read
    // by the Istio 1.20 ServiceMeshControlPlane, whose CRD has no HTTP maxConcurrentStreams.
    String patch = """
        patches:
          - target: {kind: Sidecar, namespace: catalog-stage}
            patch: |-
              - {op: add, path: /spec/inboundConnectionPool, value: {http: {maxConcurrentStreams: 100}}}
        """;
    project.write("templates/overlays/stage/overlay.yaml", StageRollout.CANARY.text() + patch);

    assertThatThrownBy(() -> render(schemas)).isInstanceOfSatisfying(GuardrailException.class, e -> {
      List<String> messages = e.problems().stream().map(Problem::message).toList();
      assertThat(messages).singleElement().asString()
          .startsWith("Istio 1.20 CRDs: ")
          .contains("maxConcurrentStreams");
      assertThat(e.problems().get(0).file()).isEqualTo("output/stage/tenants/catalog/sidecar.yaml");
    });

    // Once the cleanup removed the ServiceMeshControlPlane, the 1.24 CRDs alone decide: accepted.
    project.write("templates/overlays/stage/overlay.yaml", StageRollout.CLEANUP.text() + patch);
    assertThat(render(schemas).files()).isNotEmpty();
  }

  private Rendering render(Path schemas) {
    return new Pipeline(new Workspace(root)).renderInMemory(new Selection(Set.of("stage"), Set.of()), schemas);
  }
}
