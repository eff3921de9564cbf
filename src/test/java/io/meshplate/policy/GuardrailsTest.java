package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import io.meshplate.descriptor.SpecBinding;
import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.Trees;
import io.meshplate.yaml.YamlLimits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class GuardrailsTest {
  private static final OverlayRules PROD =
      new OverlayRules("prod", List.of("prod"), "-prod", "apps.prod.acme.example",
          List.of("apps.prod.acme.example", "acme.example"), new BigDecimal("2"),
          Set.of("istio-system", "default"), List.of("kube-", "openshift-"));
  private static final OverlayRules DEV =
      new OverlayRules("dev", List.of("dev"), "-dev", "apps.dev.acme.example",
          List.of("apps.dev.acme.example"), new BigDecimal("100"),
          Set.of("istio-system"), List.of("kube-"));

  @Test
  void acceptsTenantsThatStayInTheirLane() {
    Tenant web = tenant("web", "ingress: {hosts: [{name: shop, service: web}]}");
    Tenant api = tenant("api", "egress: [{host: api.stripe.com, port: 443, tls: originate}]");
    assertThat(Guardrails.check(place(PROD, web, api))).isEmpty();
  }

  @Test
  void rejectsAHostClaimedByTwoTenantsNamingBothOwners() {
    Tenant first = tenant("alpha", "ingress: {hosts: [{name: login.acme.example, service: web}]}");
    Tenant second = tenant("beta", "ingress: {hosts: [{name: login.acme.example, service: web}]}");
    List<Problem> problems = Guardrails.check(place(PROD, first, second));
    // Reported at both claims: which one is new is unknown, and each file's reviewer must see it.
    assertThat(problems).hasSize(2).allSatisfy(p -> {
      assertThat(p.rule()).isEqualTo("GUARD-INGRESS-HOST-OWNER");
      assertThat(p.line()).isEqualTo(11);
      assertThat(p.message()).contains("@acme/alpha", "@acme/beta");
    });
    assertThat(problems.get(0).file()).isEqualTo("tenants/alpha.yaml");
    assertThat(problems.get(0).message()).contains("tenant 'beta'", "tenants/beta.yaml:11");
    assertThat(problems.get(1).file()).isEqualTo("tenants/beta.yaml");
    assertThat(problems.get(1).message()).contains("tenant 'alpha'", "tenants/alpha.yaml:11");
  }

  @Test
  void rejectsAHostClaimedInDifferentOverlaysByDifferentTenants() {
    Tenant first = tenant("alpha", "ingress: {hosts: [{name: login.acme.example, service: web}]}");
    Tenant second = tenant("beta", "ingress: {hosts: [{name: login.acme.example, service: web}]}");
    List<Placement> placements = new ArrayList<>(place(PROD, first));
    placements.addAll(place(new OverlayRules("stage", List.of("stage"), "-stage", "apps.stage.acme.example",
        List.of("acme.example"), BigDecimal.TEN, Set.of(), List.of()), second));
    assertThat(Guardrails.check(placements)).extracting(Problem::rule)
        .containsExactly("GUARD-INGRESS-HOST-OWNER", "GUARD-INGRESS-HOST-OWNER");
  }

  @Test
  void rejectsIngressHostOutsideAllowedDomains() {
    Tenant t = tenant("web", "ingress: {hosts: [{name: www.evil.example, service: web}]}");
    assertThat(Guardrails.check(place(PROD, t))).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("GUARD-INGRESS-DOMAIN");
      assertThat(p.line()).isEqualTo(11);
      assertThat(p.column()).isEqualTo(28);
    });
  }

  @Test
  void rejectsDomainThatOnlyEndsWithAnAllowedDomainText() {
    Tenant t = tenant("web", "ingress: {hosts: [{name: evilacme.example, service: web}]}");
    assertThat(Guardrails.check(place(PROD, t))).extracting(Problem::rule)
        .containsExactly("GUARD-INGRESS-DOMAIN");
  }

  @Test
  void rejectsWildcardHosts() {
    Tenant t = tenant("web", "ingress: {hosts: [{name: '*.acme.example', service: web}]}\n"
        + "  egress: [{host: '*', port: 443, tls: passthrough}]");
    assertThat(Guardrails.check(place(PROD, t))).extracting(Problem::rule)
        .containsExactly("GUARD-WILDCARD-HOST", "GUARD-WILDCARD-HOST");
  }

  @Test
  void rejectsNamespaceThatBecomesReservedThroughTheSuffix() {
    OverlayRules system = new OverlayRules("sys", List.of("sys"), "-system", "a.example",
        List.of("a.example"), BigDecimal.TEN, Set.of("istio-system"), List.of());
    assertThat(Guardrails.check(place(system, tenant("istio", ""))))
        .extracting(Problem::rule).containsExactly("GUARD-RESERVED-NAMESPACE");
  }

  @Test
  void rejectsNamespaceLongerThanALabel() {
    String name = "a".repeat(60);
    assertThat(Guardrails.check(place(PROD, tenant(name, "")))).singleElement()
        .satisfies(p -> {
          assertThat(p.rule()).isEqualTo("GUARD-NAME-LENGTH");
          assertThat(p.hint()).contains("at most 58");
        });
  }

  @Test
  void acceptsAGatewayNameOfExactlyALabel() {
    assertThat(Guardrails.check(place(PROD, tenant("c".repeat(50), "ingress: {hosts: [{name: x, service: web}]}"))))
        .isEmpty();
  }

  @Test
  void rejectsGatewayNameLongerThanALabelOnlyWhenTheTenantHasIngress() {
    // The gateway is <namespace>-ingress: 51 + "-prod" + "-ingress" = 64 characters.
    String name = "b".repeat(51);
    assertThat(Guardrails.check(place(PROD, tenant(name, "")))).isEmpty();
    assertThat(Guardrails.check(place(PROD, tenant(name, "ingress: {hosts: [{name: x, service: web}]}"))))
        .extracting(Problem::rule).containsExactly("GUARD-NAME-LENGTH");
  }

  @Test
  void rejectsTracingAboveTheCapAndPointsAtTheOverrideThatSetIt() {
    Tenant t = tenant("web", "telemetry: {tracingPercent: 1}\n"
        + "  environmentOverrides:\n"
        + "    prod:\n"
        + "      telemetry: {tracingPercent: 50}");
    List<Problem> inProd = Guardrails.check(place(PROD, t));
    assertThat(inProd).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("GUARD-TRACING-CAP");
      assertThat(p.line()).isEqualTo(14);
      assertThat(p.message()).contains("50", "cap of 2", "'prod'");
    });
    assertThat(Guardrails.check(place(DEV, t))).isEmpty();
  }

  @Test
  void rejectsATenantNameThatMakesAnInvalidServiceNameOnlyWhereItHasAGateway() {
    assertThat(Guardrails.check(place(PROD, tenant("1team", "")))).isEmpty();
    assertThat(Guardrails.check(place(PROD, tenant("1team", "ingress: {hosts: [{name: x, service: web}]}"))))
        .singleElement().satisfies(p -> {
          assertThat(p.rule()).isEqualTo("GUARD-NAME-INVALID");
          assertThat(p.line()).isEqualTo(4);
          assertThat(p.message()).contains("Service (ingress gateway)", "'1team-prod-ingress'", "start with a letter",
              "DNS-1035");
        });
  }

  @Test
  void reportsANameTooLongInEveryOverlayOnceListingTheOverlays() {
    Tenant t = tenant("a".repeat(60), "");
    List<Placement> placements = new ArrayList<>(place(PROD, t));
    placements.addAll(place(DEV, t));
    assertThat(Guardrails.check(placements)).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("GUARD-NAME-LENGTH");
      assertThat(p.message()).contains("Namespace", "-prod'", "overlay 'prod'", "overlays dev too");
      assertThat(p.hint()).contains("at most 58");
    });
  }

  @Test
  void rejectsEgressToNamesThePodsResolveInsideTheCluster() {
    Tenant api = tenant("api", "");
    for (String host : List.of("kubernetes.default", "web.api-prod", "x.web.api-prod", "dns.kube-dns-x",
        "localhost.localdomain", "db.payments.svc", "10-1-2-3.ns.pod", "printer.local")) {
      Tenant t = tenant("web", "egress: [{host: '" + host + "', port: 443, tls: passthrough}]");
      assertThat(Guardrails.check(place(PROD, t, api))).as(host).singleElement().satisfies(p -> {
        assertThat(p.rule()).isEqualTo("GUARD-EGRESS-INTERNAL");
        assertThat(p.line()).isEqualTo(11);
      });
    }
  }

  @Test
  void explainsTheSearchPathForANameAndNamespace() {
    Tenant t = tenant("web", "egress: [{host: kubernetes.default, port: 443, tls: passthrough}]");
    assertThat(Guardrails.check(place(PROD, t))).singleElement().satisfies(p -> assertThat(p.message())
        .contains("kubernetes.default.svc.cluster.local", "service `kubernetes` in namespace `default`",
            "svc.cluster.local cluster.local", "in overlay prod"));
  }

  @Test
  void rejectsMetadataEndpointsAndNamesEmbeddingInternalAddresses() {
    for (String host : List.of("metadata.google.internal", "169.254.169.254.nip.io", "app-10-0-0-1.sslip.io",
        "x.169-254-169-254.example.com", "a9fea9fe.example.com", "www.127.0.0.1.example.org")) {
      Tenant t = tenant("web", "egress: [{host: '" + host + "', port: 443, tls: passthrough}]");
      assertThat(Guardrails.check(place(PROD, t))).as(host).extracting(Problem::rule)
          .containsExactly("GUARD-EGRESS-INTERNAL");
    }
  }

  @Test
  void acceptsExternalNamesIncludingTwoLabelOnesAndPublicAddressesInNames() {
    for (String host : List.of("stripe.com", "api.stripe.com", "ec2-3-5-7-9.compute.amazonaws.com", "deadbeef.example.com")) {
      Tenant t = tenant("web", "egress: [{host: '" + host + "', port: 443, tls: passthrough}]");
      assertThat(Guardrails.check(place(PROD, t))).as(host).isEmpty();
    }
  }

  @Test
  void thePlatformDenyListComesFromTheOverlay() {
    OverlayRules strict = new OverlayRules("prod", List.of("prod"), "-prod", "apps.prod.acme.example",
        List.of("acme.example"), BigDecimal.TEN, Set.of(), List.of(), NamespaceMetadataRules.NONE,
        List.of("*.corp.example", "vault.example.com"));
    Tenant t = tenant("web", "egress: [{host: a.b.corp.example, port: 443, tls: passthrough},"
        + " {host: vault.example.com, port: 443, tls: passthrough}, {host: metadata.google.internal, port: 80, tls: passthrough}]");
    assertThat(Guardrails.check(place(strict, t))).extracting(Problem::message).hasSize(2)
        .allSatisfy(m -> assertThat(m).contains("deny-list"));
  }

  @Test
  void theBuiltInDenyListIsTheOneShippedInDefaults() throws Exception {
    var defaults = StrictYaml.read("defaults.yaml",
        Files.readAllBytes(Path.of("templates/base/defaults.yaml")), YamlLimits.PLATFORM);
    assertThat(((Map<String, Object>) defaults.rootMap().get("guardrails")).get("egressDeniedHosts"))
        .isEqualTo(ClusterDns.DEFAULT_DENIED_HOSTS);
  }

  @Test
  void rejectsTheIngressApexOfAnyOverlay() {
    Tenant t = tenant("web", "ingress: {hosts: [{name: apps.prod.acme.example, service: web}]}");
    assertThat(Guardrails.check(place(PROD, t))).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("GUARD-INGRESS-APEX");
      assertThat(p.message()).contains("ingress domain of overlay 'prod'");
    });
    Tenant inDev = tenant("web", "ingress: {hosts: [{name: apps.dev.acme.example, service: web}]}");
    List<Placement> both = new ArrayList<>(place(PROD, tenant("other", "")));
    both.addAll(place(new OverlayRules("stage", List.of("stage"), "-stage", "apps.stage.acme.example",
        List.of("acme.example"), BigDecimal.TEN, Set.of(), List.of()), inDev));
    both.addAll(place(DEV, tenant("other", "")));
    assertThat(Guardrails.check(both)).extracting(Problem::rule).containsExactly("GUARD-INGRESS-APEX");
  }

  @Test
  void reportsAHostConflictOnceAtEachClaimListingTheOverlays() {
    OverlayRules prodEu = new OverlayRules("prod-eu", List.of("prod", "prod-eu"), "-prod", "apps.eu.acme.example",
        List.of("acme.example"), new BigDecimal("2"), Set.of(), List.of());
    Tenant first = tenant("alpha", "ingress: {hosts: [{name: shop, service: web}]}");
    Tenant second = tenant("beta", "ingress: {hosts: [{name: shop, service: web}]}");
    List<Placement> placements = new ArrayList<>(place(PROD, first, second));
    placements.addAll(place(prodEu, first, second));
    placements.addAll(place(new OverlayRules("prod-b", List.of("prod", "prod-b"), "-prod", "apps.prod.acme.example",
        List.of("acme.example"), BigDecimal.TEN, Set.of(), List.of()), first, second));

    List<Problem> problems = Guardrails.check(placements);

    assertThat(problems).hasSize(2).allSatisfy(p -> {
      assertThat(p.rule()).isEqualTo("GUARD-INGRESS-HOST-OWNER");
      assertThat(p.message()).contains("'shop.apps.eu.acme.example' (prod-eu)",
          "'shop.apps.prod.acme.example' (prod, prod-b)");
    });
  }

  @Test
  void inAPullRequestBlamesOnlyTheTenantWhoseDescriptorChanged() {
    Tenant old = tenant("alpha", "ingress: {hosts: [{name: login.acme.example, service: web}]}");
    Tenant changed = tenant("beta", "ingress: {hosts: [{name: login.acme.example, service: web}]}");

    assertThat(Guardrails.check(place(PROD, old, changed), Set.of("beta"))).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("tenants/beta.yaml");
      assertThat(p.message()).contains("tenant 'alpha'", "predates this change");
    });
    assertThat(Guardrails.check(place(PROD, old, changed), Set.of("alpha", "beta"))).hasSize(2);
    assertThat(Guardrails.check(place(PROD, old, changed), Set.of())).hasSize(2);
  }

  /** A tenant whose file has the service line at 8 and {@code extra} spec lines from line 11. */
  @SuppressWarnings("unchecked")
  static Tenant tenant(String name, String extra) {
    String text = "apiVersion: meshplate.io/v1alpha1\n"
        + "kind: Tenant\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + "spec:\n"
        + "  owners: ['@acme/" + name + "']\n"
        + "  services:\n"
        + "    - name: web\n"
        + "      ports: [{name: http, port: 8080, protocol: HTTP}]\n"
        + "  calls: []\n"
        + "  " + extra + "\n";
    String file = "tenants/" + name + ".yaml";
    StrictYaml.Document doc = StrictYaml.read(file, text, YamlLimits.DESCRIPTOR);
    Map<String, Object> spec = (Map<String, Object>) doc.rootMap().get("spec");
    return new Tenant(name, file, SpecBinding.bind(spec), spec, doc.positions());
  }

  @SuppressWarnings("unchecked")
  static List<Placement> place(OverlayRules rules, Tenant... tenants) {
    List<Placement> placements = new ArrayList<>();
    for (Tenant t : tenants) {
      Map<String, Object> tree = t.specTree();
      for (String overlay : rules.chain()) {
        Object override = ((Map<String, Object>) tree.getOrDefault("environmentOverrides", Map.of())).get(overlay);
        if (override instanceof Map<?, ?> m) {
          tree = Trees.deepMerge(tree, (Map<String, Object>) m);
        }
      }
      TenantSpec effective = SpecBinding.bind(tree);
      placements.add(new Placement(t, rules, effective));
    }
    return placements;
  }
}
