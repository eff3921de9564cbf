package io.meshplate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.StageRollout;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls between waves, asserted with the connectivity model ({@code meshplate reach}) on a fresh
 * render of every step of the stage migration: while storefront (main wave) still follows the
 * ServiceMeshControlPlane and catalog (canary) an OSSM 3 revision, and after either moves, the
 * declared call passes every layer, and every flow the objects allow is one a descriptor declares.
 */
class CrossWaveReachTest {
  @TempDir Path root;

  @Test
  void everyStepAllowsTheDeclaredCallsBetweenWavesAndNothingElse() {
    TestProject project = TestProject.copyOf(root);
    for (StageRollout step : StageRollout.values()) {
      step.writeTo(project);
      TestProject.Run check = project.run("reach", "--env", "stage", "--render", "--check");
      assertThat(check.exitCode()).as(step + ": " + check.err()).isZero();
      TestProject.Run call = project.run("reach", "--env", "stage", "--render", "--from", "storefront/web", "--to", "catalog/api");
      assertThat(call.exitCode()).as(step + ": " + call.err()).isZero();
      assertThat(call.out()).as(step.name())
          .contains("allowed  catalog/api:8080 <- storefront/web  GET, HEAD /categories/*, /products, /products/* (mTLS)")
          .contains("PeerAuthentication         allow   STRICT accepts mTLS");
    }
  }
}
