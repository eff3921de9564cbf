package io.meshplate.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A descriptor whose content the last run read is not parsed again: its document and positions
 * come from {@code .meshplate/cache/descriptors}, and what is reported about it is what a run
 * that parses it reports, to the column.
 */
class KeptDescriptorsTest {
  @TempDir Path dir;

  @Test
  void aProblemInAnUnchangedDescriptorIsReportedWhereAParseWouldReportIt() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("validate").exitCode()).isZero();
    assertThat(project.path(".meshplate/cache/descriptors")).isRegularFile();

    // payments.yaml is unchanged; the service it allows a caller from is gone.
    project.edit("tenants/storefront.yaml", "    - name: web", "    - name: webshop");
    TestProject.Run kept = project.run("validate");
    TestProject.Run parsed = project.run("validate", "--no-cache");

    assertThat(kept.exitCode()).isEqualTo(3);
    assertThat(kept.err()).contains("tenants/payments.yaml:16:").isEqualTo(parsed.err());
  }
}
