package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.meshplate.testing.TestProject;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code meshplate reach} and the intent check through the real command line, on a copy of the project. */
class ReachCommandTest {
  @TempDir Path dir;

  @Test
  void explainsAnAllowedPairLayerByLayerWithTheDecidingObjects() {
    TestProject.Run run = TestProject.copyOf(dir).run("reach", "--env", "prod", "--from", "storefront/web", "--to", "payments/api");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("allowed  payments/api:8080 <- storefront/web  GET, POST /v1/payments, /v1/payments/* (mTLS)")
        .containsPattern("AuthorizationPolicy +allow +allowed by AuthorizationPolicy/api-allow rules\\[\\d\\]  "
            + "output/prod/tenants/payments/authorization-policy.yaml:\\d+")
        .containsPattern("NetworkPolicy egress +allow .*output/prod/tenants/storefront/network-policy.yaml:\\d+");
  }

  @Test
  void aPairNothingConnectsExitsOneAndNamesEveryLayerThatDeniesIt() {
    TestProject.Run run = TestProject.copyOf(dir).run("reach", "--env", "prod", "--from", "catalog/api", "--to", "payments/api");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("denied   payments/api:8080 <- catalog/api  nothing passes")
        .containsPattern("Sidecar +deny .*does not list payments-prod/api.payments-prod.svc.cluster.local")
        .containsPattern("NetworkPolicy egress +deny")
        .containsPattern("NetworkPolicy ingress +deny")
        .containsPattern("AuthorizationPolicy +deny +no ALLOW rule matches");
  }

  @Test
  void unknownOverlayIsAUsageError() {
    TestProject.Run run = TestProject.copyOf(dir).run("reach", "--env", "qa");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--env: UNKNOWN-OVERLAY: no overlay named 'qa'");
  }

  @Test
  void aQueryNamingNoTenantOrServiceIsAUsageErrorNotANoWhileOtherPartiesAreAnswered() {
    TestProject project = TestProject.copyOf(dir);
    // A typo would otherwise print no flow and exit 1: "no, it cannot".
    TestProject.Run typo = project.run("reach", "--env", "prod", "--from", "storefrnt/web", "--to", "payments");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("--from: UNKNOWN-TENANT: no tenant named 'storefrnt' (did you mean storefront?)");
    assertThat(typo.out()).isEmpty();
    TestProject.Run unknown = project.run("reach", "--to", "nosuch");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--to: UNKNOWN-TENANT: no tenant named 'nosuch'", "internet", "external:HOST");

    // So is a service its tenant does not have, once the model says which it has.
    TestProject.Run service = project.run("reach", "--env", "prod", "--from", "storefront/wbe", "--to", "payments");
    assertThat(service.exitCode()).isEqualTo(2);
    assertThat(service.err()).contains("--from: UNKNOWN-SERVICE: tenant 'storefront' has no service or gateway named "
        + "'wbe' in prod (did you mean storefront/web");
    assertThat(service.out()).isEmpty();
    TestProject.Run gateway = project.run("reach", "--env", "prod", "--to", "storefront/storefront-prod-ingress");
    assertThat(gateway.exitCode()).as(gateway.err()).isZero();

    // The parties that are not tenants' are names too.
    TestProject.Run internet = project.run("reach", "--env", "prod", "--from", "internet", "--to", "identity");
    assertThat(internet.exitCode()).as(internet.err()).isZero();
    assertThat(internet.out()).contains("<- internet");
    TestProject.Run external = project.run("reach", "--env", "prod", "--to", "external:api.stripe.com");
    assertThat(external.exitCode()).as(external.err()).isZero();
    assertThat(external.out()).contains("external:api.stripe.com:80 <- payments/api");
    TestProject.Run nobody = project.run("reach", "--env", "prod", "--from", "platform:router", "--to", "ledger");
    assertThat(nobody.exitCode()).as("a real party that reaches nothing: no").isEqualTo(1);
  }

  @Test
  void checkPassesOnTheExamplesWithoutAWarning() {
    TestProject.Run run = TestProject.copyOf(dir).run("reach", "--check");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("every flow allowed in dev, prod, prod-eu, stage is declared\n");
  }

  @Test
  void aDeclaredIngressHostWhoseRouteIsGoneIsAWarningNamingTheRouteLayer() {
    TestProject project = TestProject.copyOf(dir);
    project.edit("output/prod/tenants/storefront/route.yaml", "host: shop.apps.acme.example", "host: shop2.apps.acme.example");
    TestProject.Run run = project.run("reach", "--check", "--env", "prod");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("warning: tenants/storefront.yaml:28: REACH-BLOCKED: declared storefront/web:8080 (shop.apps.acme.example)"
        + " <- internet GET, POST any path is blocked by Route: no Route exposes shop.apps.acme.example");
  }

  @Test
  void aHandEditThatOpensAFlowFailsTheCheckAtTheObjectThatOpensIt() {
    TestProject project = TestProject.copyOf(dir);
    project.edit("output/prod/tenants/payments/authorization-policy.yaml",
        "- cluster.local/ns/storefront-prod/sa/web", "- cluster.local/ns/storefront-prod/sa/*");
    TestProject.Run run = project.run("reach", "--check", "--env", "prod");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).containsPattern("output/prod/tenants/payments/authorization-policy.yaml:\\d+: REACH-UNDECLARED: "
        + "payments/api:8080 <- storefront/cart GET, POST /v1/payments, /v1/payments/\\* is allowed but no descriptor declares it;"
        + " opened by AuthorizationPolicy/payments-prod/api-allow \\(output/prod/tenants/payments/authorization-policy.yaml:\\d+\\)");
  }

  @Test
  void aHandEditIsSeenThoughEveryFoldersFactsAreKept() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(project.run("reach", "--check", "--env", "prod").exitCode()).isZero();
    assertThat(project.path(".meshplate/cache/reach/prod")).isRegularFile();
    assertThat(project.run("reach", "--check", "--env", "prod").exitCode()).isZero();

    project.edit("output/prod/tenants/payments/authorization-policy.yaml",
        "- cluster.local/ns/storefront-prod/sa/web", "- cluster.local/ns/storefront-prod/sa/*");
    TestProject.Run run = project.run("reach", "--check", "--env", "prod");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("REACH-UNDECLARED: payments/api:8080 <- storefront/cart");
  }

  @Test
  void aHandAddedYmlFileIsReadLikeTheYamlFilesBesideIt() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(project.run("reach", "--check", "--env", "prod").exitCode()).isZero(); // keeps every folder's facts
    String policy = project.read("output/prod/tenants/payments/authorization-policy.yaml");
    project.write("output/prod/tenants/payments/extra.yml", policy.substring(policy.indexOf("---") + 4)
        .replace("name: api-allow", "name: api-allow-extra")
        .replace("- cluster.local/ns/storefront-prod/sa/web", "- cluster.local/ns/storefront-prod/sa/*"));

    TestProject.Run run = project.run("reach", "--check", "--env", "prod");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    assertThat(run.err()).containsPattern("output/prod/tenants/payments/extra.yml:\\d+: REACH-UNDECLARED: "
        + "payments/api:8080 <- storefront/cart .* opened by AuthorizationPolicy/payments-prod/api-allow-extra");
  }

  @Test
  void flowsFromKeptFactsAreTheFlowsReadFromTheFiles() {
    TestProject project = TestProject.copyOf(dir);
    TestProject.Run parsed = project.run("reach", "--format", "json");
    assertThat(project.run("render").exitCode()).isZero();
    TestProject.Run kept = project.run("reach", "--format", "json");
    TestProject.Run keptAgain = project.run("reach", "--format", "json");

    assertThat(parsed.exitCode()).as(parsed.err()).isZero();
    assertThat(kept.out()).isEqualTo(parsed.out());
    assertThat(keptAgain.out()).isEqualTo(parsed.out());
  }

  @Test
  void renderRefusesATemplateThatOpensAnUndeclaredFlowAndWritesNothing() {
    TestProject project = TestProject.copyOf(dir);
    String before = project.outputHash();
    project.edit("templates/base/tenant/authorization-policy.yaml.ftl", """
          - from:
            - source:
                principals:
                - ${r.principal}
        """, """
          - from:
            - source:
                principals:
                - ${r.principal}
                - cluster.local/ns/reporting-prod/sa/exporter
        """);
    TestProject.Run run = project.run("render");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("REACH-UNDECLARED: catalog/api:8080 <- reporting/exporter")
        .contains("opened by AuthorizationPolicy/catalog-prod/api-allow");
    assertThat(project.outputHash()).isEqualTo(before);
  }

  @Test
  void validateWarnsWhenACalleeAllowsACallerThatDoesNotCallIt() {
    TestProject project = TestProject.copyOf(dir);
    project.edit("tenants/payments.yaml", "          paths: [/v1/settlements/*]\n",
        "          paths: [/v1/settlements/*]\n        - from: {tenant: notifications, service: sender}\n"
            + "          methods: [GET]\n          paths: [/v1/payments/*]\n");
    TestProject.Run run = project.run("validate");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("warning: tenants/payments.yaml:22: REACH-NOT-CALLED: payments/api allows notifications/sender,"
        + " which does not list it in calls: the caller's Sidecar and egress NetworkPolicy block the call in dev, prod, prod-eu, stage"
        + " (add {tenant: payments, service: api} to calls in tenants/notifications.yaml, or remove this rule)");
  }

  @Test
  void jsonFollowsThePublishedSchema() throws Exception {
    TestProject.Run run = TestProject.copyOf(dir).run("reach", "--env", "dev", "--format", "json");
    assertThat(run.exitCode()).isZero();
    JsonMapper json = JsonMapper.builder().build();
    JsonNode tree = json.readTree(run.out());
    try (InputStream in = ReachCommandTest.class.getResourceAsStream("/schema/reach-v1.schema.json")) {
      Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
      assertThat(schema.validate(tree)).isEmpty();
      ((tools.jackson.databind.node.ObjectNode) tree.get("flows").get(0)).put("verdict", "MAYBE");
      assertThat(schema.validate(tree)).isNotEmpty();
    }
    assertThat(tree.get("schemaVersion").asString()).isEqualTo("meshplate.io/reach/v1");
  }
}
