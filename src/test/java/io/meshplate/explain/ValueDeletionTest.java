package io.meshplate.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --value} when an overlay deletes a value or replaces a map above it. */
class ValueDeletionTest {
  private static final String PROD_EU = "templates/overlays/prod-eu/overlay.yaml";

  @TempDir Path dir;

  @Test
  void nullInAnOverlayIsShownAsTheDeletionThatWins() {
    Project project = Project.copyTo(dir);
    project.replace(PROD_EU, "values:\n", "values:\n  network:\n    clusterCidrs: null\n");

    Project.Run run = project.run("explain", "-e", "prod-eu", "--value", "env.network.clusterCidrs");

    assertThat(run.exitCode()).as(run.err()).isZero();
    int line = project.lineOf(PROD_EU, "clusterCidrs: null");
    assertThat(run.out())
        .containsPattern("base defaults +templates/base/defaults\\.yaml:\\d+ +\\[10\\.128\\.0\\.0/14, 172\\.30\\.0\\.0/16\\]\n")
        .containsPattern("overlay prod +templates/overlays/prod/overlay\\.yaml +\\(not set here\\)\n")
        .contains(PROD_EU + ":" + line + "  null (deletes the key)  <- wins\n")
        .endsWith("value: (not set; removed by " + PROD_EU + ":" + line + ")\n");
  }

  @Test
  void scalarReplacingAParentMapRemovesTheValue() {
    Project project = Project.copyTo(dir);
    project.replace(PROD_EU, "values:\n", "values:\n  dns: none\n");

    Project.Run run = project.run("explain", "-e", "prod-eu", "--value", "env.dns.namespace");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("(replaces a parent of the value with a non-map)  <- wins")
        .contains("value: (not set; removed by " + PROD_EU + ":" + project.lineOf(PROD_EU, "dns: none") + ")");
  }
}
