package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --tenant} and {@code --env}: honoured, and names that do not exist are usage errors. */
class ValidateTenantSelectionTest {
  @TempDir Path dir;
  TestProject project;

  @BeforeEach
  void copy() {
    project = TestProject.copyOf(dir);
  }

  @Test
  void unknownTenantOrOverlayIsAUsageErrorWithTheClosestName() {
    TestProject.Run tenant = project.run("validate", "--tenant", "paymnts");
    TestProject.Run overlay = project.run("validate", "--env", "prd");

    assertThat(tenant.exitCode()).isEqualTo(2);
    assertThat(tenant.err()).contains("--tenant: UNKNOWN-TENANT: no tenant named 'paymnts' (did you mean payments?)");
    assertThat(overlay.exitCode()).isEqualTo(2);
    assertThat(overlay.err()).contains("--env: UNKNOWN-OVERLAY: no overlay named 'prd' (did you mean prod?)");
  }

  @Test
  void unknownTenantIsAUsageErrorEvenWhenADescriptorIsBroken() {
    project.edit("tenants/ledger.yaml", "name: ledger", "name: ledger\n  bogus: 1");

    assertThat(project.run("render", "--tenant", "nobody").exitCode()).isEqualTo(2);
    assertThat(project.run("check", "--tenant", "nobody").exitCode()).isEqualTo(2);
  }

  @Test
  void selectedTenantIsReportedAsCheckedAgainstAllDescriptors() {
    TestProject.Run run = project.run("validate", "--tenant", "payments");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("payments (checked with all 7 descriptors) valid in 4 overlays\n");
  }

  @Test
  void problemsOfOtherDescriptorsAreCountedNotListedAndStillFail() {
    project.edit("tenants/ledger.yaml", "name: ledger", "name: ledger\n  bogus: 1");

    TestProject.Run run = project.run("validate", "--tenant", "payments");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).doesNotContain("tenants/ledger.yaml:")
        .contains("no problems in tenants/payments.yaml; 1 problem in other descriptors (tenants/ledger.yaml) "
            + "keep the tenant set from rendering (run meshplate validate without --tenant to list them)");
  }

  @Test
  void problemsOfTheSelectedDescriptorAreListedInFull() {
    project.edit("tenants/ledger.yaml", "name: ledger", "name: ledger\n  bogus: 1");
    project.edit("tenants/payments.yaml", "accessLog: all", "accessLog: sometimes");

    TestProject.Run run = project.run("validate", "--tenant", "payments");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("tenants/payments.yaml:31:").contains("SCHEMA-ENUM")
        .doesNotContain("tenants/ledger.yaml:")
        .contains("1 problem in other descriptors (tenants/ledger.yaml)");
  }
}
