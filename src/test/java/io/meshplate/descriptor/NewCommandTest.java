package io.meshplate.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewCommandTest {
  @TempDir Path root;

  @Test
  void writesASkeletonThatValidatesAsWritten() throws IOException {
    CliRun.withProjectTemplates(root);
    CliRun created = CliRun.run(root, "new", "billing", "--owner", "@acme/billing");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("wrote tenants/billing.yaml\n");
    String text = Files.readString(root.resolve("tenants/billing.yaml"));
    assertThat(text).startsWith(
        "# yaml-language-server: $schema=../src/main/resources/schema/tenant-v1alpha1.schema.json\n");
    assertThat(text).contains("  name: billing ").contains("owners: [\"@acme/billing\"]");
    CliRun validated = CliRun.run(root, "validate");
    assertThat(validated.err()).isEmpty();
    assertThat(validated.out()).isEqualTo("1 tenant valid in 4 overlays\n");
  }

  @Test
  void skeletonAndReadmeStateTheTenantContractThePolicyReliesOn() throws IOException {
    CliRun.withProjectTemplates(root);
    CliRun.run(root, "new", "billing");
    String skeleton = Files.readString(root.resolve("tenants/billing.yaml"));
    String readme = Files.readString(Path.of("README.md"));
    String contract = readme.substring(readme.indexOf("### The tenant contract"));
    contract = contract.substring(0, contract.indexOf("\n#", 1));

    for (String text : new String[] {skeleton, contract}) {
      assertThat(text).contains("`app: S`", "`sidecar.istio.io/inject: \"true\"`", "ServiceAccount S",
          "port = targetPort", "http://<host>:80");
    }
  }

  @Test
  void skeletonWithoutOwnerAlsoValidatesNextToTheExamples() throws IOException {
    CliRun.withProjectTemplates(root);
    for (String name : new String[] {"ledger", "payments", "notifications", "reporting", "catalog", "storefront", "identity"}) {
      Files.createDirectories(root.resolve("tenants"));
      Files.copy(Path.of("tenants", name + ".yaml"), root.resolve("tenants/" + name + ".yaml"));
    }

    assertThat(CliRun.run(root, "new", "search").exitCode()).isZero();

    assertThat(Files.readString(root.resolve("tenants/search.yaml"))).contains("# owners:");
    CliRun validated = CliRun.run(root, "validate");
    assertThat(validated.err()).isEmpty();
    assertThat(validated.out()).isEqualTo("8 tenants valid in 4 overlays\n");
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws IOException {
    Path file = root.resolve("tenants/billing.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# mine\n");

    CliRun result = CliRun.run(root, "new", "billing");

    assertThat(result.exitCode()).isEqualTo(6);
    assertThat(result.err()).startsWith("tenants/billing.yaml: NEW-EXISTS: the file already exists");
    assertThat(Files.readString(file)).isEqualTo("# mine\n");
  }

  @Test
  void refusesAnInvalidNameAsAUsageError() {
    CliRun result = CliRun.run(root, "new", "Billing");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("tenants/Billing.yaml: NAME-DNS1123: tenant name `Billing`");
    assertThat(root.resolve("tenants")).doesNotExist();
  }

  @Test
  void refusesAPathInsteadOfAName() {
    CliRun result = CliRun.run(root, "new", "../escape");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("NAME-DNS1123");
    assertThat(root.resolveSibling("escape.yaml")).doesNotExist();
  }

  @Test
  void refusesAReservedName() {
    CliRun result = CliRun.run(root, "new", "openshift-billing");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("NAME-RESERVED");
  }

  @Test
  void refusesANameWhoseNamespaceIsReservedInSomeOverlayWithoutWritingAnything() {
    CliRun.withProjectTemplates(root);

    CliRun result = CliRun.run(root, "new", "openshift");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("tenants/openshift.yaml: GUARD-RESERVED-NAMESPACE: ")
        .contains("'openshift-dev'", "'openshift-prod'", "'openshift-stage'");
    assertThat(root.resolve("tenants/openshift.yaml")).doesNotExist();
  }

  @Test
  void refusesANameTooLongForTheLongestNamespaceSuffix() {
    CliRun.withProjectTemplates(root);
    String name = "a".repeat(60);

    CliRun result = CliRun.run(root, "new", name);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("GUARD-NAME-LENGTH", "shorten the tenant name to at most 57 characters");
    assertThat(root.resolve("tenants/" + name + ".yaml")).doesNotExist();
  }

  @Test
  void refusesANameTheSkeletonsOwnIngressExampleWouldBreak() {
    CliRun.withProjectTemplates(root);

    CliRun result = CliRun.run(root, "new", "1team");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("GUARD-NAME-INVALID", "'1team-dev-ingress'".replace("dev", "stage"));
    assertThat(root.resolve("tenants/1team.yaml")).doesNotExist();
  }

  @Test
  void theLongestAcceptedNameStillValidatesWithTheIngressExampleSwitchedOn() throws IOException {
    CliRun.withProjectTemplates(root);
    String name = "c".repeat(49); // <name>-stage-ingress is exactly 63 characters

    assertThat(CliRun.run(root, "new", name).exitCode()).isZero();
    Path file = root.resolve("tenants/" + name + ".yaml");
    Files.writeString(file, DescriptorScaffold.withIngressExample(Files.readString(file))
        .replace("allow: []", "allow: [{from: {ingress: true}}]"));
    CliRun validated = CliRun.run(root, "validate");
    assertThat(validated.exitCode()).as(validated.err()).isZero();
  }

  @Test
  void refusesAMalformedOwner() {
    CliRun result = CliRun.run(root, "new", "billing", "--owner", "acme billing");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("OWNER-FORMAT");
  }
}
