package io.meshplate.descriptor;

import static io.meshplate.descriptor.CliRun.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorLoaderTest {

  @Test
  void loadsTheExamplesSortedByNameWithTypedSpecs() {
    Tenants tenants = DescriptorLoader.loadAll(new Workspace(Path.of("")));

    assertThat(tenants.all()).extracting(Tenant::name).containsExactly(
        "catalog", "identity", "ledger", "notifications", "payments", "reporting", "storefront");
    Tenant payments = tenants.find("payments").orElseThrow();
    assertThat(payments.file()).isEqualTo("tenants/payments.yaml");
    assertThat(payments.spec().environments()).containsExactly("dev", "stage", "prod");
    assertThat(payments.spec().egress().get(0).tls()).isEqualTo("originate");
    assertThat(payments.spec().telemetry().tracingPercent()).isEqualByComparingTo(BigDecimal.TEN);
    assertThat(payments.spec().environmentOverrides()).containsOnlyKeys("prod");
    assertThat(payments.specTree()).containsKey("environmentOverrides");
    assertThat(payments.positions().value("/metadata/name").line()).isEqualTo(7);
    assertThat(tenants.service("ledger", "ledger")).get()
        .extracting(s -> s.ports().get(0).protocol()).isEqualTo("TCP");
    assertThat(tenants.service("ledger", "nope")).isEmpty();
  }

  @Test
  void throwsAllProblemsSortedAsInvalidInput(@TempDir Path root) {
    CliRun.write(root, Map.of(
        "tenants/b.yaml", utf8("kind: Tenant\n"),
        "tenants/a.yaml", utf8("apiVersion: 1\n")));

    assertThatThrownBy(() -> DescriptorLoader.loadAll(new Workspace(root)))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).problems())
            .extracting(Problem::file).containsExactly(
                "tenants/a.yaml", "tenants/a.yaml", "tenants/a.yaml", "tenants/a.yaml",
                "tenants/b.yaml", "tenants/b.yaml", "tenants/b.yaml"));
  }

  /**
   * The reserved names come from templates/base/defaults.yaml, read while the descriptors are
   * checked, before the overlays load: a linked templates/ folder is refused there, before that
   * file is read through it.
   */
  @Test
  void aLinkedTemplatesFolderIsRefusedBeforeTheReservedNamesAreReadThroughIt(@TempDir Path root) throws IOException {
    CliRun.write(root, Map.of(
        "tenants/ledger.yaml", utf8(Fixtures.LEDGER),
        "away/templates/base/defaults.yaml", utf8("guardrails: {reservedNamespaces: [ledger]}\n")));
    Files.createSymbolicLink(root.resolve("templates"), root.resolve("away/templates"));

    assertThatThrownBy(() -> DescriptorLoader.loadAll(new Workspace(root)))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).problems())
            .extracting(Problem::file, Problem::rule)
            .containsExactly(Tuple.tuple("templates", "TEMPLATES-NOT-FOLDER")));
  }

  @Test
  void mergedOverrideThatStaysValidLoads(@TempDir Path root) {
    CliRun.write(root, Map.of(
        "tenants/ledger.yaml", utf8(Fixtures.LEDGER),
        "tenants/shop.yaml", utf8(Fixtures.SHOP + """
              environmentOverrides:
                prod:
                  telemetry: {tracingPercent: 0.5}
                  egress: []
            """)));

    Tenant shop = DescriptorLoader.loadAll(new Workspace(root)).find("shop").orElseThrow();

    assertThat(shop.spec().environmentOverrides().get("prod")).containsOnlyKeys("telemetry", "egress");
  }
}
