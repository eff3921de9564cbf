package io.meshplate.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --value} of a platform value says what it is for, from the platform's values schema. */
class ValueAboutTest {
  private static final String SCHEMA = "templates/base/values.schema.json";

  @TempDir Path dir;

  @Test
  void aPlatformValueIsExplainedWithItsDescription() {
    Project project = Project.copyTo(dir);

    Project.Run replicas = project.run("explain", "-e", "prod", "--value", "env.ingress.replicas");
    Project.Run port = project.run("explain", "-e", "prod", "--value", "env.dns.ports[1]");

    assertThat(replicas.exitCode()).as(replicas.err()).isZero();
    assertThat(replicas.out()).endsWith("about: Replicas of each tenant ingress gateway. (" + SCHEMA + ")\n");
    // A list item has no description of its own: the form its definition gives.
    assertThat(port.out()).endsWith("about: A port number, unquoted. (" + SCHEMA + ")\n");
  }

  @Test
  void withoutADescriptionThereIsNoAboutLine() {
    Project project = Project.copyTo(dir);
    project.write(SCHEMA, "{\"properties\": {\"ingress\": {\"properties\": {\"replicas\": {\"type\": \"integer\"}}}}}");

    Project.Run run = project.run("explain", "-e", "prod", "--value", "env.ingress.replicas");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("about:").contains("value: 3");
  }
}
