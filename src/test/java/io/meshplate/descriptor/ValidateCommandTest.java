package io.meshplate.descriptor;

import static io.meshplate.descriptor.CliRun.utf8;
import static io.meshplate.descriptor.Fixtures.LEDGER;
import static io.meshplate.descriptor.Fixtures.SHOP;
import static io.meshplate.descriptor.Fixtures.shopWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path root;

  private void write(String path, String text) {
    CliRun.write(root, Map.of(path, utf8(text)));
  }

  @Test
  void everyExampleTenantValidates() {
    CliRun result = CliRun.run(Path.of("").toAbsolutePath(), "validate");

    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("7 tenants valid in 4 overlays\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void rootHelpListsValidateAndNew() {
    CliRun result = CliRun.run(root, "--help");

    assertThat(result.out()).contains("  validate    Check descriptors, overlays and cross-tenant guardrails")
        .contains("  new         Write a commented descriptor skeleton");
  }

  @Test
  void everyExampleCarriesTheSchemaModeline() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("tenants"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".yaml")).toList())
          .hasSizeGreaterThanOrEqualTo(6)
          .allSatisfy(f -> assertThat(Files.readAllLines(f).get(0)).isEqualTo(
              "# yaml-language-server: $schema=../src/main/resources/schema/tenant-v1alpha1.schema.json"));
    }
  }

  @Test
  void reportsDuplicateKeyMisspeltFieldAndUnknownTenantTogether() {
    write("tenants/ledger.yaml", LEDGER);
    write("tenants/shop.yaml", shopWith("  owners: [\"@acme/shop\"]\n", "  owners: [\"@acme/shop\"]\n  owners: [\"@acme/x\"]\n")
        .replace("tracingPercent: 5", "tracingPercnt: 5")
        .replace("  - {tenant: ledger, service: db}", "  - {tenant: paymnts, service: api}"));

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("""
        tenants/shop.yaml:7:3: YAML-DUPLICATE-KEY: duplicate key 'owners' (first at line 6) (remove one of the two entries)
        tenants/shop.yaml:17:16: REF-UNKNOWN-TENANT: tenant `paymnts` does not exist (tenants are the files in tenants/)
        tenants/shop.yaml:25:5: SCHEMA-UNKNOWN-FIELD: unknown field `tracingPercnt` in `telemetry` (did you mean `tracingPercent`?)
        3 problems.
        """);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void reportsEveryProblemOfEveryFileSortedByFileAndLine() {
    write("tenants/ledger.yaml", LEDGER.replace("port: 5432", "port: \"5432\""));
    write("tenants/shop.yaml", SHOP.replace("accessLog: errors", "accessLog: verbose")
        .replace("protocol: HTTP}", "protocol: http}"));
    write("tenants/zeta.yaml", "kind: Tenant\n");

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err().lines().map(ValidateCommandTest::positionAndRule)).containsExactly(
        "tenants/ledger.yaml:10:38: SCHEMA-TYPE",
        "tenants/shop.yaml:10:46: SCHEMA-ENUM",
        "tenants/shop.yaml:23:16: SCHEMA-ENUM",
        "tenants/zeta.yaml:1:1: SCHEMA-REQUIRED",
        "tenants/zeta.yaml:1:1: SCHEMA-REQUIRED",
        "tenants/zeta.yaml:1:1: SCHEMA-REQUIRED",
        "6 problems.");
  }

  /** {@code file:line:col: RULE-ID} of a problem line; other lines unchanged. */
  private static String positionAndRule(String line) {
    Matcher m = Pattern.compile("^([^:]+:\\d+:\\d+: [A-Z0-9-]+):").matcher(line);
    return m.find() ? m.group(1) : line;
  }

  @Test
  void escapesControlAndNonAsciiCharactersFromInput() {
    write("tenants/ledger.yaml", LEDGER);
    write("tenants/shop.yaml", shopWith("  calls:\n", "  \"x\\e[31m\u00e9\": 1\n  calls:\n"));

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("tenants/shop.yaml:15:3: SCHEMA-UNKNOWN-FIELD: unknown field `x\\u001B[31m\\u00E9`")
        .doesNotContain("\u001b").doesNotContain("\u00e9");
  }

  @Test
  void printsTheCountUnlessQuiet() {
    CliRun.withProjectTemplates(root);
    write("tenants/ledger.yaml", LEDGER);
    // within the tracing cap of every shipped overlay (prod allows 2)
    write("tenants/shop.yaml", Fixtures.shopWith("tracingPercent: 5", "tracingPercent: 1"));

    assertThat(CliRun.run(root, "validate").out()).isEqualTo("2 tenants valid in 4 overlays\n");
    CliRun quiet = CliRun.run(root, "validate", "--quiet");
    assertThat(quiet.out()).isEmpty();
    assertThat(quiet.exitCode()).isZero();
  }

  @Test
  void emptyTenantsFolderIsValid() throws IOException {
    CliRun.withProjectTemplates(root);
    Files.createDirectories(root.resolve("tenants"));
    write("tenants/README.md", "not a descriptor");

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.out()).isEqualTo("0 tenants valid in 4 overlays\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void missingTenantsFolderIsAUsageError() {
    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no tenants/ folder");
  }

  @Test
  void environmentsMustNameExistingOverlays() throws IOException {
    Files.createDirectories(root.resolve("templates/overlays/dev"));
    Files.createDirectories(root.resolve("templates/overlays/prod"));
    write("tenants/ledger.yaml", LEDGER);
    write("tenants/shop.yaml", shopWith("  services:\n", "  environments: [dev, prd]\n  services:\n")
        + "  environmentOverrides:\n    stage: {telemetry: {tracingPercent: 1}}\n    prod: {telemetry: {tracingPercent: 1}}\n");

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("""
        tenants/shop.yaml:7:23: ENV-UNKNOWN: environment `prd` has no overlay in templates/overlays/ (did you mean `prod`?)
        tenants/shop.yaml:27:5: ENV-UNKNOWN: environment `stage` has no overlay in templates/overlays/ (environments are `dev`, `prod`)
        2 problems.
        """);
  }

  @Test
  void overrideValuesAreCheckedAfterMerging() {
    write("tenants/ledger.yaml", LEDGER);
    write("tenants/shop.yaml", SHOP + "  environmentOverrides:\n    prod:\n      telemetry: {tracingPercent: 150}\n");

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith(
        "tenants/shop.yaml:27:35: SCHEMA-RANGE: `tracingPercent` is `150`, it must be between 0 and 100\n");
  }

  @Test
  void reservedNamesComeFromPlatformDefaults() {
    write("templates/base/defaults.yaml", """
        guardrails:
          reservedNamespaces: [shop]
          reservedPrefixes: []
        """);
    write("tenants/ledger.yaml", LEDGER);
    write("tenants/shop.yaml", SHOP);
    write("tenants/kube-tools.yaml", Fixtures.shopNamed("kube-tools"));

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("tenants/shop.yaml:4:9: NAME-RESERVED: tenant name `shop` is a reserved namespace")
        .doesNotContain("kube-tools.yaml:4:9");
  }

  @Test
  void malformedGuardrailsAreReportedWithTheirPosition() {
    write("templates/base/defaults.yaml", "guardrails:\n  reservedPrefixes: kube-\n");
    write("tenants/ledger.yaml", LEDGER);

    CliRun result = CliRun.run(root, "validate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith("templates/base/defaults.yaml:2:21: PLATFORM-GUARDRAILS:");
  }
}
