package io.meshplate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.descriptor.ContentMemo;
import io.meshplate.descriptor.DescriptorLoader;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validation over inputs that passed every check in an earlier run (the same descriptor names
 * and bytes, the same files below {@code templates/}, the same build) skips the checks across
 * descriptors and the guardrails, and only those inputs: any other change checks everything again,
 * and reports what a run without the cache reports.
 */
class KeptValidationTest {
  @TempDir Path dir;

  @Test
  void aPassingValidationIsKnownForExactlyItsInputs() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(known()).as("nothing validated yet").isFalse();
    assertThat(project.run("validate").exitCode()).isZero();
    assertThat(known()).isTrue();

    String payments = project.read("tenants/payments.yaml");
    project.write("tenants/payments.yaml", payments + "# a comment changes the bytes\n");
    assertThat(known()).as("a descriptor's bytes changed").isFalse();
    project.write("tenants/payments.yaml", payments);
    assertThat(known()).as("back to the validated bytes").isTrue();

    String overlay = project.read("templates/overlays/dev/overlay.yaml");
    project.write("templates/overlays/dev/overlay.yaml", overlay + "# a comment\n");
    assertThat(known()).as("a file below templates/ changed").isFalse();
    project.write("templates/overlays/dev/overlay.yaml", overlay);
    project.write("templates/base/notes.txt", "not a template\n");
    assertThat(known()).as("a file was added below templates/").isFalse();
  }

  @Test
  void theLastFewPassingValidationsAreKnownAndOlderOnesForgotten() {
    TestProject project = TestProject.copyOf(dir);
    String payments = project.read("tenants/payments.yaml");
    for (int variant = 0; variant < 5; variant++) {
      project.write("tenants/payments.yaml", payments + "# variant " + variant + "\n");
      assertThat(project.run("validate").exitCode()).isZero();
    }
    for (int variant = 0; variant < 5; variant++) {
      project.write("tenants/payments.yaml", payments + "# variant " + variant + "\n");
      assertThat(known()).as("variant %d", variant).isEqualTo(variant > 0);
    }
  }

  @Test
  void aChangeBelowTemplatesWhileAValidationRunsIsNotRememberedAsChecked() {
    TestProject project = TestProject.copyOf(dir);
    Workspace workspace = new Workspace(dir);
    ContentMemo memo = DescriptorMemo.open(CacheDir.open(dir), workspace);
    byte[] descriptors = DescriptorLoader.read(workspace, memo).digest();
    // The overlays change after the memo digested them, before the validation records its pass.
    project.edit("templates/overlays/dev/overlay.yaml", "maxTracingPercent: 100", "maxTracingPercent: 1");
    memo.validated(descriptors);
    DescriptorMemo.save(memo);

    assertThat(known()).as("the overlays as they are now were never checked").isFalse();
    project.edit("templates/overlays/dev/overlay.yaml", "maxTracingPercent: 1", "maxTracingPercent: 100");
    assertThat(known()).as("nor were they checked as they were").isFalse();
  }

  @Test
  void aPlatformChangeChecksUnchangedDescriptorsAgainAgainstTheRules() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("validate").exitCode()).isZero();

    // payments and reporting list the environment stage; the descriptors are unchanged.
    project.delete("templates/overlays/stage");
    TestProject.Run kept = project.run("validate");
    TestProject.Run fresh = project.run("validate", "--no-cache");

    assertThat(kept.exitCode()).isEqualTo(3);
    assertThat(kept.err()).contains("tenants/payments.yaml:10:23: ENV-UNKNOWN").isEqualTo(fresh.err());
  }

  @Test
  void aPlatformChangeChecksUnchangedDescriptorsAgainAgainstTheGuardrails() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("validate").exitCode()).isZero();

    project.edit("templates/overlays/dev/overlay.yaml", "maxTracingPercent: 100", "maxTracingPercent: 1");
    TestProject.Run kept = project.run("validate");
    TestProject.Run fresh = project.run("validate", "--no-cache");

    assertThat(kept.exitCode()).isEqualTo(4);
    assertThat(kept.err()).contains("tenants/storefront.yaml:31:21: GUARD-TRACING-CAP").isEqualTo(fresh.err());
    // A failure is not remembered as a pass: the same inputs fail again.
    assertThat(project.run("validate").err()).isEqualTo(fresh.err());
  }

  @Test
  void aFileBesideKnownDescriptorsIsStillRefused() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("validate").exitCode()).isZero();

    // Not a descriptor, so not in the inputs' digest: refused all the same.
    project.write("tenants/extra.yml", "apiVersion: meshplate.io/v1alpha1\n");
    TestProject.Run kept = project.run("validate");

    assertThat(kept.exitCode()).isEqualTo(3);
    assertThat(kept.err()).contains("tenants/extra.yml:1:1: DESCRIPTOR-EXTENSION");
  }

  /** Whether the cache knows a passing validation over the project's inputs as they are now. */
  private boolean known() {
    Workspace workspace = new Workspace(dir);
    ContentMemo memo = DescriptorMemo.open(CacheDir.open(dir), workspace);
    return memo.validatedBefore(DescriptorLoader.read(workspace, memo).digest());
  }
}
