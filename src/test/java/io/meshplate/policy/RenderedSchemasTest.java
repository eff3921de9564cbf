package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.GuardrailException;
import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Rendering;
import io.meshplate.pipeline.Selection;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped overlays pass the strict schema check; kinds without a published schema are skipped out loud. */
class RenderedSchemasTest {
  @Test
  void everyRenderedObjectMatchesItsSchemaAndTheKialiCrIsReportedAsNotChecked() {
    Path schemas = SharedFiles.require("schemas");
    Rendering rendering = new Pipeline(new Workspace(Path.of("").toAbsolutePath())).renderInMemory(Selection.ALL, schemas);

    assertThat(rendering.unvalidated()).isEqualTo(Map.of("kiali.io/v1alpha1 Kiali", 4));
    assertThat(rendering.unvalidatedNote())
        .isEqualTo("note: not checked against a schema (validation.unvalidatedKinds): kiali.io/v1alpha1 Kiali (4 objects)");
  }

  @Test
  void aKindWithoutSchemaThatIsNotListedStillFails(@TempDir Path root) {
    Path schemas = SharedFiles.require("schemas");
    TestProject copy = TestProject.copyOf(root);
    copy.edit("templates/base/defaults.yaml", "    - kiali.io/v1alpha1 Kiali\n", "    - kiali.io/v1 Kiali\n");

    assertThatThrownBy(() -> new Pipeline(new Workspace(root)).renderInMemory(Selection.ALL, schemas))
        .isInstanceOf(GuardrailException.class)
        .hasMessageContaining("SCHEMA-UNKNOWN-KIND");
  }
}
