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
    // A value the platform may delete: without it the guardrail falls back to its built-in list.
    project.replace(PROD_EU, "values:\n", "values:\n  guardrails:\n    egressDeniedHosts: null\n");

    Project.Run run = project.run("explain", "-e", "prod-eu", "--value", "env.guardrails.egressDeniedHosts");

    assertThat(run.exitCode()).as(run.err()).isZero();
    int line = project.lineOf(PROD_EU, "egressDeniedHosts: null");
    assertThat(run.out())
        .containsPattern("base defaults +templates/base/defaults\\.yaml:\\d+ +\\[metadata\\.google\\.internal, instance-data\\.ec2\\.internal, ")
        .containsPattern("overlay prod +templates/overlays/prod/overlay\\.yaml +\\(not set here\\)\n")
        .contains(PROD_EU + ":" + line + "  null (deletes the key)  <- wins\n")
        .contains("value: (not set; removed by " + PROD_EU + ":" + line + ")\nabout: Egress hosts no tenant may name");
  }

  @Test
  void scalarReplacingAParentMapRemovesTheValue() {
    Project project = Project.copyTo(dir);
    // The project's values.schema.json refuses a word where the dns section goes (VALUES-SCHEMA);
    // a platform whose schema allows it (here: one that allows anything) gets this trace.
    project.write("templates/base/values.schema.json", "{}");
    project.replace(PROD_EU, "values:\n", "values:\n  dns: none\n");

    Project.Run run = project.run("explain", "-e", "prod-eu", "--value", "env.dns.namespace");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("(replaces a parent of the value with a non-map)  <- wins")
        .contains("value: (not set; removed by " + PROD_EU + ":" + project.lineOf(PROD_EU, "dns: none") + ")");
  }
}
