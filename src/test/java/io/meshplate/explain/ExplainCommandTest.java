package io.meshplate.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshplate explain} on a copy of the shipped templates and tenants, through the real CLI. */
class ExplainCommandTest {
  private static final String PROD = "templates/overlays/prod/overlay.yaml";
  private static final String PROD_EU = "templates/overlays/prod-eu/overlay.yaml";
  private static final String DEFAULTS = "templates/base/defaults.yaml";

  @TempDir static Path dir;
  static Project project;

  @BeforeAll
  static void copyProject() {
    project = Project.copyTo(dir);
  }

  @Test
  void platformValueShowsEveryLayerOfTheClusterChainWithItsLineAndTheWinner() {
    Project.Run run = project.run("explain", "--env", "prod-eu", "--value", "env.ingress.domain");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(String.join("\n",
        "env.ingress.domain in overlay prod-eu (chain: base > prod > prod-eu)",
        // The location column is as wide as the longest location, prod-eu's.
        "  base defaults    " + String.format(Locale.ROOT, "%-43s", DEFAULTS + ":" + project.lineOf(DEFAULTS, "domain: apps.acme.example"))
            + "apps.acme.example",
        "  overlay prod     " + PROD + ":" + project.lineOf(PROD, "domain: apps.acme.example")
            + "     apps.acme.example",
        "  overlay prod-eu  " + PROD_EU + ":" + project.lineOf(PROD_EU, "domain: apps.eu.acme.example")
            + "  apps.eu.acme.example  <- wins",
        "value: apps.eu.acme.example (from " + PROD_EU + ":" + project.lineOf(PROD_EU, "domain: apps.eu.acme.example") + ")",
        "about: The domain a tenant's single-label ingress host is placed under. (templates/base/values.schema.json)",
        ""));
  }

  @Test
  void platformPathWithoutEnvPrefixAndJsonPointerNameTheSameValue() {
    String dotted = project.run("explain", "-e", "prod", "--value", "ingress.replicas").out();
    String pointer = project.run("explain", "-e", "prod", "--value", "/ingress/replicas").out();

    assertThat(dotted).isEqualTo(pointer).contains("value: 3 (from " + PROD + ":");
  }

  @Test
  void mapValueListsEachLeafWithTheLayerThatSetItLast() {
    Project.Run run = project.run("explain", "-e", "prod-eu", "--value", "env.argocd");

    assertThat(run.out()).contains("value: a map; each of its values with the layer that set it last:")
        .containsPattern("env\\.argocd\\.clusterServer +" + PROD_EU + ":\\d+ +https://api\\.prod-eu\\.acme\\.example:6443")
        .containsPattern("env\\.argocd\\.namespace +" + DEFAULTS + ":\\d+ +openshift-gitops");
  }

  @Test
  void tenantValueShowsDescriptorThenEnvironmentOverrideAndTheCap() {
    Project.Run run = project.run("explain", "-e", "prod-eu", "-t", "payments", "--value", "spec.telemetry.tracingPercent");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("tenant spec +tenants/payments\\.yaml:\\d+ +10\n")
        .containsPattern("environmentOverrides\\.prod +tenants/payments\\.yaml:\\d+ +0\\.5  <- wins\n")
        .containsPattern("environmentOverrides\\.prod-eu +tenants/payments\\.yaml +\\(not set here\\)\n")
        .contains("templates see 0.5: within the cap env.telemetry.maxTracingPercent = 2 (" + PROD + ":");
  }

  @Test
  void tenantValueLeftUnsetNamesThePlatformDefault() {
    Project.Run run = project.run("explain", "-e", "dev", "-t", "catalog", "--value", "spec.telemetry.tracingPercent");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("value: (not set)")
        .contains("not set by the tenant: templates use env.telemetry.defaultTracingPercent = 0 (" + DEFAULTS + ":");
  }

  @Test
  void listItemsAreNamedByIndex() {
    String dotted = project.run("explain", "-e", "dev", "-t", "storefront", "--value", "spec.services.1.name").out();
    String bracket = project.run("explain", "-e", "dev", "-t", "storefront", "--value", "spec.services[1].name").out();

    assertThat(dotted).isEqualTo(bracket).contains("value: cart (from tenants/storefront.yaml:");
  }

  @Test
  void listItemWrittenOneFieldPerLineIsReportedAtItsOwnLine() {
    String descriptor = "tenants/payments.yaml";
    Project.Run methods = project.run("explain", "-e", "dev", "-t", "payments",
        "--value", "spec.services.0.allow.1.methods");
    Project.Run port = project.run("explain", "-e", "dev", "-t", "storefront",
        "--value", "spec.services.1.ports.0.port");

    assertThat(methods.exitCode()).as(methods.err()).isZero();
    assertThat(methods.out()).contains("value: [GET] (from " + descriptor + ":"
        + project.lineOf(descriptor, "methods: [GET]") + ")");
    assertThat(port.out()).contains("value: 9090 (from tenants/storefront.yaml:"
        + project.lineOf("tenants/storefront.yaml", "- {name: grpc, port: 9090, protocol: GRPC}") + ")");
  }

  @Test
  void unknownValueIsAUsageErrorWithASuggestion() {
    Project.Run run = project.run("explain", "-e", "prod", "--value", "env.ingres.domain");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--value: EXPLAIN-UNKNOWN-VALUE: env.ingres.domain is not set in the platform values"
        + " of overlay prod (did you mean env.ingress.domain?)");
  }

  @Test
  void tenantValueWithoutTenantIsAUsageError() {
    Project.Run run = project.run("explain", "-e", "prod", "--value", "spec.telemetry.accessLog");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("EXPLAIN-NEEDS-TENANT");
  }

  @Test
  void tenantOutsideTheOverlayIsAUsageError() {
    Project.Run run = project.run("explain", "-e", "dev", "-t", "reporting");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("EXPLAIN-TENANT-NOT-IN-OVERLAY: tenant reporting does not render to overlay dev");
  }

  @Test
  void unknownOverlayIsAUsageErrorWithASuggestion() {
    Project.Run run = project.run("explain", "-e", "prd", "--value", "env.ingress.domain");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--env: UNKNOWN-OVERLAY: no overlay named 'prd' (did you mean prod?)");
  }

  @Test
  void objectShowsFileTemplatePatchesInOrderAndMetadataLayers() {
    Project.Run run = project.run("explain", "-e", "prod-eu", "-t", "storefront",
        "--object", "deployment/storefront-prod-ingress");

    assertThat(run.exitCode()).as(run.err()).isZero();
    int replicasPatch = project.lineOf(PROD, "- target:");
    assertThat(run.out()).startsWith(
        "Deployment/storefront-prod/storefront-prod-ingress (apps) of tenant storefront in overlay prod-eu"
            + " (chain: base > prod > prod-eu)\n"
            + "file:      output/prod-eu/tenants/storefront/ingress.yaml\n"
            + "template:  tenant/ingress.yaml.ftl from templates/base/tenant/ingress.yaml.ftl (base)\n"
            + "patches, in the order applied:\n"
            + "  1.  " + PROD + ":" + replicasPatch + "  strategic merge, target kind=Deployment name=storefront-prod-ingress\n")
        .containsPattern("  2\\.  " + PROD + ":\\d+  JSON 6902, target kind=Deployment name=\\.\\*-ingress\n")
        .containsPattern(PROD + ":\\d+ +meshplate.io/environment: prod\n")
        .containsPattern(PROD_EU + ":\\d+ +meshplate.io/cluster: prod-eu\n");
  }

  @Test
  void objectByNamespaceNamesTheOverlayThatAddedItsTemplate() {
    Project.Run run = project.run("explain", "-e", "dev", "-t", "storefront",
        "--object", "AuthorizationPolicy/storefront-dev/web-deny-admin-paths");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("template:  tenant/authorization-policy-admin-paths.yaml.ftl from "
            + "templates/overlays/dev/tenant/authorization-policy-admin-paths.yaml.ftl (overlay dev, added)")
        .containsPattern("1\\.  templates/overlays/dev/overlay\\.yaml:\\d+  strategic merge, target group=security.istio.io"
            + " kind=AuthorizationPolicy name=\\.\\*-deny-admin-paths");
  }

  @Test
  void objectWithoutPatchesSaysSo() {
    Project.Run run = project.run("explain", "-e", "stage", "-t", "payments", "--object", "Sidecar/default");

    assertThat(run.out()).contains("patches: none\n").doesNotContain("labels added");
  }

  @Test
  void platformObjectIsFoundWithoutTenant() {
    Project.Run run = project.run("explain", "-e", "prod", "--object", "ServiceMeshControlPlane/basic");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("on the platform in overlay prod")
        .contains("file:      output/prod/platform/control-plane.yaml");
  }

  @Test
  void unknownObjectIsAUsageErrorWithASuggestion() {
    Project.Run run = project.run("explain", "-e", "prod", "-t", "payments", "--object", "Sidecar/defualt");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("EXPLAIN-UNKNOWN-OBJECT").contains("did you mean Sidecar/default?");
  }

  @Test
  void summaryListsChainNamespaceAndFilesWithTheirTemplates() {
    Project.Run run = project.run("explain", "-e", "dev", "-t", "storefront");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("tenant storefront in overlay dev\nchain:        base > dev\n")
        .contains("namespace:    storefront-dev\n")
        .contains("files in output/dev/tenants/storefront/, with their templates:\n")
        .containsPattern("authorization-policy-admin-paths\\.yaml +templates/overlays/dev/tenant/"
            + "authorization-policy-admin-paths\\.yaml\\.ftl \\(overlay dev, added\\) +2 objects, 2 patched\n");
  }

  @Test
  void outputIsDeterministic() {
    String first = project.run("explain", "-e", "prod-eu", "-t", "storefront").out();
    String second = project.run("explain", "-e", "prod-eu", "-t", "storefront").out();

    assertThat(first).isEqualTo(second).isNotEmpty();
  }
}
