package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Classification rules on small in-memory snapshots, one rule per test. */
class ReviewClassificationTest {
  private static final String FILE = "prod/tenants/payments/policies.yaml";

  static Map<String, Object> object(String apiVersion, String kind, String namespace, String name, Object spec) {
    Map<String, Object> metadata = map("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    Map<String, Object> o = map("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
    if (spec != null) {
      o.put("spec", spec);
    }
    return o;
  }

  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static OutputSnapshot snapshot(String label, List<Map<String, Object>> objects) {
    TreeMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    files.put(FILE, objects);
    return new OutputSnapshot(label, files, new TreeMap<>());
  }

  private static List<Finding> findings(List<Map<String, Object>> before, List<Map<String, Object>> after) {
    return Reviewer.review(snapshot("base", before), snapshot("head", after), DeletionPolicy.DEFAULT).findings();
  }

  /** The tenant's own namespace: what a blast radius names. */
  private static Map<String, Object> namespace() {
    return object("v1", "Namespace", null, "payments-prod", null);
  }

  private static Map<String, Object> strict(String mode) {
    return object("security.istio.io/v1", "PeerAuthentication", "payments-prod", "default", map("mtls", map("mode", mode)));
  }

  private static Map<String, Object> allow(List<Object> principals, List<Object> methods) {
    Map<String, Object> operation = new LinkedHashMap<>();
    if (methods != null) {
      operation.put("methods", new ArrayList<>(methods));
    }
    Map<String, Object> rule = map("from", List.of(map("source", map("principals", new ArrayList<>(principals)))));
    if (methods != null) {
      rule.put("to", List.of(map("operation", operation)));
    }
    return object("security.istio.io/v1", "AuthorizationPolicy", "payments-prod", "api-allow-callers",
        map("selector", map("matchLabels", map("app", "api")), "action", "ALLOW", "rules", List.of(rule)));
  }

  @Test
  void flagsStrictMtlsRelaxedToPermissiveAsWeakened() {
    List<Finding> found = findings(List.of(strict("STRICT")), List.of(strict("PERMISSIVE")));
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.category()).isEqualTo(Finding.Category.WEAKENED_PROTECTION);
      assertThat(f.subject()).isEqualTo("PeerAuthentication/default");
      assertThat(f.detail()).contains("STRICT mTLS").contains("no longer protects").contains("/spec/mtls/mode");
      assertThat(f.overlays()).containsExactly("prod");
    });
  }

  @Test
  void flagsDefaultDenyNetworkPolicyThatStopsDenyingEgress() {
    Map<String, Object> before = object("networking.k8s.io/v1", "NetworkPolicy", "payments-prod", "default-deny-all",
        map("podSelector", map(), "policyTypes", List.of("Ingress", "Egress")));
    Map<String, Object> after = object("networking.k8s.io/v1", "NetworkPolicy", "payments-prod", "default-deny-all",
        map("podSelector", map(), "policyTypes", List.of("Ingress")));
    assertThat(findings(List.of(before), List.of(after)))
        .extracting(Finding::category, Finding::detail)
        .containsExactly(Tuple.tuple(Finding.Category.WEAKENED_PROTECTION,
            "(default-deny) altered: /spec/policyTypes"));
  }

  @Test
  void treatsDenyWithEmptyRuleAsDenyAllAndItsRemovalAsWeakened() {
    Map<String, Object> denyAll = object("security.istio.io/v1", "AuthorizationPolicy", "payments-prod", "deny-everything",
        map("action", "DENY", "rules", List.of(map())));
    assertThat(findings(List.of(denyAll), List.of()))
        .extracting(Finding::detail).containsExactly("(deny-all) removed");
  }

  @Test
  void reportsNewPrincipalAsWidenedAndDroppedMethodAsNarrowed() {
    Map<String, Object> before = allow(List.of("cluster.local/ns/storefront-prod/sa/web"), List.of("GET", "POST"));
    Map<String, Object> after = allow(
        List.of("cluster.local/ns/storefront-prod/sa/web", "cluster.local/ns/reporting-prod/sa/exporter"), List.of("GET"));
    assertThat(findings(List.of(before), List.of(after)))
        .extracting(Finding::category, Finding::detail)
        .containsExactly(
            Tuple.tuple(Finding.Category.ACCESS_WIDENED, "accepts reporting/exporter: GET on any path"),
            Tuple.tuple(Finding.Category.ACCESS_NARROWED, "accepts storefront/web no longer on methods POST"));
  }

  @Test
  void ruleWithoutToWidensToEveryMethodAndPath() {
    Map<String, Object> before = allow(List.of("cluster.local/ns/storefront-prod/sa/web"), List.of("GET"));
    Map<String, Object> after = allow(List.of("cluster.local/ns/storefront-prod/sa/web"), null);
    assertThat(findings(List.of(before), List.of(after)))
        .extracting(Finding::detail)
        .containsExactly("accepts storefront/web also on any method");
  }

  @Test
  void reorderedPrincipalsAreNoChange() {
    Map<String, Object> before = allow(List.of("cluster.local/ns/a-prod/sa/x", "cluster.local/ns/b-prod/sa/y"), List.of("GET"));
    Map<String, Object> after = allow(List.of("cluster.local/ns/b-prod/sa/y", "cluster.local/ns/a-prod/sa/x"), List.of("GET"));
    Review review = Reviewer.review(snapshot("base", List.of(before)), snapshot("head", List.of(after)), DeletionPolicy.DEFAULT);
    assertThat(review.changes()).isEmpty();
    assertThat(review.hasChanges()).isFalse();
  }

  @Test
  void setDifferenceOfScalarListsIsReportedAsAddedAndRemoved() {
    Map<String, Object> before = allow(List.of("cluster.local/ns/a-prod/sa/x"), List.of("GET"));
    Map<String, Object> after = allow(List.of("cluster.local/ns/b-prod/sa/y"), List.of("GET"));
    Review review = Reviewer.review(snapshot("base", List.of(before)), snapshot("head", List.of(after)), DeletionPolicy.DEFAULT);
    assertThat(review.changes()).singleElement().satisfies(c -> assertThat(c.fields()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("/spec/rules/0/from/0/source/principals");
      assertThat(f.added()).containsExactly("cluster.local/ns/b-prod/sa/y");
      assertThat(f.removed()).containsExactly("cluster.local/ns/a-prod/sa/x");
    }));
  }

  @Test
  void deletionGuardBlocksRemovingMoreThanTheShareUnlessApproved() {
    List<Map<String, Object>> five = List.of(namespace(), strict("STRICT"),
        object("v1", "ServiceAccount", "payments-prod", "a", null),
        object("v1", "ServiceAccount", "payments-prod", "b", null),
        object("v1", "ServiceAccount", "payments-prod", "c", null));
    OutputSnapshot before = snapshot("base", five);
    OutputSnapshot twoGone = snapshot("head", five.subList(0, 3));
    OutputSnapshot mostGone = snapshot("head", five.subList(0, 2));

    assertThat(Reviewer.review(before, twoGone, DeletionPolicy.DEFAULT).deletions()).isEmpty();
    assertThat(Reviewer.deletionProblems(Reviewer.review(before, mostGone, DeletionPolicy.DEFAULT)))
        .singleElement().satisfies(p -> {
          assertThat(p.format()).contains("output/prod/tenants/payments/: REVIEW-DELETION-UNAPPROVED: large deletion in tenant payments: "
              + "3 of 5 objects removed in prod (namespaces payments-prod)", "--allow-deletion payments");
        });
    assertThat(Reviewer.review(before, mostGone, new DeletionPolicy(0.5, Set.of("payments"))).deletions())
        .singleElement().satisfies(d -> assertThat(d.approved()).isTrue());
    assertThat(Reviewer.review(before, mostGone, new DeletionPolicy(0.8, Set.of())).deletions()).isEmpty();
  }

  @Test
  void deletionGuardBlocksRemovingATenantFolder() {
    OutputSnapshot empty = new OutputSnapshot("head", new TreeMap<>(), new TreeMap<>());
    Review review = Reviewer.review(snapshot("base", List.of(namespace(), strict("STRICT"))), empty, DeletionPolicy.DEFAULT);
    assertThat(review.blockedDeletions()).singleElement().satisfies(d -> {
      assertThat(d.tenantRemoved()).isTrue();
      assertThat(d.namespaces()).containsExactly("payments-prod");
    });
    assertThat(review.findings()).extracting(Finding::category).containsExactly(Finding.Category.TENANT_REMOVED);
  }

  @Test
  void textIsColouredOnlyWhenAsked() {
    Review review = Reviewer.review(snapshot("base", List.of(strict("STRICT"))), snapshot("head", List.of(strict("DISABLE"))),
        DeletionPolicy.DEFAULT);
    assertThat(Reviewer.format(review, ReportFormat.TEXT, true)).contains("\u001b[1;31m!! WEAKENED PROTECTIONS !!");
    assertThat(Reviewer.format(review, ReportFormat.TEXT, false)).doesNotContain("\u001b[").contains("!! WEAKENED PROTECTIONS !!");
    assertThat(Reviewer.format(review, ReportFormat.MARKDOWN, true)).doesNotContain("\u001b[");
  }

  @Test
  void removingADenyPolicyWidensAccessAndAddingOneNarrowsIt() {
    Map<String, Object> deny = object("security.istio.io/v1", "AuthorizationPolicy", "payments-prod", "deny-unknown-paths",
        map("action", "DENY", "rules", List.of(map("to", List.of(map("operation", map("notPaths", List.of("/v1/*"))))))));
    assertThat(findings(List.of(deny), List.of()))
        .extracting(Finding::category, Finding::detail)
        .containsExactly(Tuple.tuple(Finding.Category.ACCESS_WIDENED, "DENY policy removed"));
    assertThat(findings(List.of(), List.of(deny)))
        .extracting(Finding::category, Finding::detail)
        .containsExactly(Tuple.tuple(Finding.Category.ACCESS_NARROWED, "DENY policy added"));
  }

  @Test
  void namesTheTenantIngressGatewayAsCallerInEveryEnvironmentAlike() {
    Map<String, Object> before = allow(List.of("cluster.local/ns/storefront-prod/sa/web"), List.of("GET"));
    Map<String, Object> after = allow(List.of("cluster.local/ns/storefront-prod/sa/web",
        "cluster.local/ns/payments-prod/sa/payments-prod-ingress"), List.of("GET"));
    assertThat(findings(List.of(before), List.of(after))).extracting(Finding::subject, Finding::detail)
        .containsExactly(Tuple.tuple("payments/api", "accepts payments ingress gateway: GET on any path"));
  }

  @Test
  void aRouteExposingAHostIsReportedAsAnIngressHostEvenWithoutAGateway() {
    Map<String, Object> route = object("route.openshift.io/v1", "Route", "payments-prod", "pay",
        map("host", "pay.apps.acme.example", "to", map("kind", "Service", "name", "api")));
    assertThat(findings(List.of(), List.of(route))).extracting(Finding::category, Finding::detail)
        .containsExactly(Tuple.tuple(Finding.Category.EXPOSURE_ADDED,
            "exposed through the tenant ingress gateway"));
  }

  @Test
  void methodsAndPathsAreListedCommaSeparated() {
    Map<String, Object> policy = object("security.istio.io/v1", "AuthorizationPolicy", "payments-prod", "api-allow-callers",
        map("selector", map("matchLabels", map("app", "api")), "action", "ALLOW", "rules", List.of(map(
            "from", List.of(map("source", map("principals", List.of("cluster.local/ns/storefront-prod/sa/web")))),
            "to", List.of(map("operation", map("methods", List.of("POST", "GET"),
                "paths", List.of("/v1/payments", "/v1/payments/*"))))))));
    assertThat(findings(List.of(), List.of(policy))).extracting(Finding::detail)
        .containsExactly("accepts storefront/web: GET, POST on /v1/payments, /v1/payments/*");
  }

  @Test
  void theIngressGatewayPolicyAdmitsRouterTrafficForItsHostsNotAnyone() {
    Map<String, Object> gateway = object("security.istio.io/v1", "AuthorizationPolicy", "payments-prod", "ingress-gateway-allow",
        map("action", "ALLOW", "selector", map("matchLabels", map("istio", "payments-prod-ingress")),
            "rules", List.of(map("to", List.of(map("operation", map(
                "hosts", List.of("pay.apps.acme.example", "pay.apps.acme.example:*"), "ports", List.of("8080"))))))));
    Map<String, Object> twoHosts = object("security.istio.io/v1", "AuthorizationPolicy", "payments-prod", "ingress-gateway-allow",
        map("action", "ALLOW", "selector", map("matchLabels", map("istio", "payments-prod-ingress")),
            "rules", List.of(map("to", List.of(map("operation", map(
                "hosts", List.of("pay.apps.acme.example", "refunds.apps.acme.example"))))))));
    Map<String, Object> open = object("security.istio.io/v1", "AuthorizationPolicy", "payments-prod", "api-open",
        map("action", "ALLOW", "selector", map("matchLabels", map("app", "api")), "rules", List.of(map())));

    assertThat(findings(List.of(), List.of(gateway))).extracting(Finding::subject, Finding::detail).containsExactly(
        Tuple.tuple("payments ingress gateway",
            "accepts router traffic for hosts pay.apps.acme.example: any method on any path"));
    assertThat(findings(List.of(gateway), List.of(twoHosts))).extracting(Finding::detail)
        .containsExactly("accepts router traffic also for hosts refunds.apps.acme.example");
    assertThat(findings(List.of(), List.of(open))).extracting(Finding::detail)
        .containsExactly("accepts anyone (no source restriction): any method on any path");
  }
}
