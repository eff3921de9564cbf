package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

@SuppressWarnings("unchecked")
class InvariantsTest {
  private static final Map<String, Set<String>> OWNERS = Map.of(
      "payments", Set.of("payments-dev", "payments-prod"), "storefront", Set.of("storefront-dev"));
  private static final Map<String, Map<String, Set<String>>> HOSTS =
      Map.of("dev", Map.of("storefront", Set.of("shop.apps.dev.acme.example")));

  private final Invariants invariants = Invariants.withDefaults("openshift-gitops");
  private final Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();

  @BeforeEach
  void passingTree() {
    tenantFiles("dev", "payments");
    tenantFiles("dev", "storefront");
    put("dev/platform/mesh.yaml", """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: STRICT}}
        ---
        apiVersion: sailoperator.io/v1
        kind: Istio
        metadata: {name: default, annotations: {argocd.argoproj.io/sync-options: "Delete=false,Prune=false"}}
        spec: {namespace: istio-system}
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: mesh-default, namespace: istio-system}
        spec: {metrics: [{providers: [{name: prometheus}]}]}
        """);
    put("prod/platform/mesh.yaml", """
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: STRICT}}
        """);
  }

  private void tenantFiles(String overlay, String tenant) {
    String ns = tenant + "-" + overlay;
    String dir = overlay + "/tenants/" + tenant + "/";
    put(dir + "kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [namespace.yaml]
        """);
    put(dir + "namespace.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: NS, labels: {istio.io/rev: default}, annotations: {argocd.argoproj.io/sync-options: "Delete=false,Prune=false"}}
        """.replace("NS", ns));
    put(dir + "peer-authentication.yaml", """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: NS}
        spec: {mtls: {mode: STRICT}}
        """.replace("NS", ns));
    put(dir + "authorization-policy.yaml", """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-nothing, namespace: NS}
        spec: {}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api, namespace: NS}
        spec:
          selector: {matchLabels: {app: api}}
          action: ALLOW
          rules:
          - from:
            - source: {principals: [cluster.local/ns/storefront-dev/sa/web]}
            to:
            - operation: {methods: [GET], paths: [/v1/payments]}
        """.replace("NS", ns));
    put(dir + "network-policy.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: NS}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-same-namespace, namespace: NS}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {}}]}]
        """.replace("NS", ns));
    put(dir + "sidecar.yaml", """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: NS}
        spec:
          egress: [{hosts: [./*, istio-system/*]}]
          outboundTrafficPolicy: {mode: REGISTRY_ONLY}
        """.replace("NS", ns));
    put(dir + "service-entry.yaml", """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api-stripe-com, namespace: NS}
        spec: {hosts: [api.stripe.com], exportTo: ["."], location: MESH_EXTERNAL, resolution: DNS,
               ports: [{number: 443, name: https, protocol: HTTPS}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api-stripe-com, namespace: NS}
        spec: {host: api.stripe.com, exportTo: ["."], trafficPolicy: {tls: {mode: SIMPLE}}}
        """.replace("NS", ns));
    put(dir + "argocd/app-project.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: tenant-T, namespace: openshift-gitops}
        spec: {destinations: [{server: https://kubernetes.default.svc, namespace: NS}]}
        """.replace("NS", ns).replace("T", tenant));
  }

  private void put(String path, String yaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\n")) {
      objects.add(YAMLMapper.builder().build().readerFor(Map.class).readValue(doc));
    }
    files.put(path, objects);
  }

  private Map<String, Object> object(String path, int index) {
    return files.get(path).get(index);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> object) {
    return (Map<String, Object>) object.get("spec");
  }

  private RenderedTree tree() {
    TreeMap<String, RenderedFile> rendered = new TreeMap<>();
    files.forEach((path, objects) -> {
      String[] parts = path.split("/");
      String tenant = parts[1].equals("tenants") ? parts[2] : null;
      rendered.put(path, new RenderedFile(path, parts[0], tenant, null, null, List.of("base", parts[0]), objects));
    });
    return new RenderedTree(rendered);
  }

  private List<Problem> check() {
    return invariants.check(tree(), OWNERS, HOSTS);
  }

  private List<String> rules() {
    return check().stream().map(Problem::rule).distinct().toList();
  }

  private void assertOnly(String rule, Consumer<List<Problem>> more) {
    List<Problem> problems = check();
    assertThat(problems).extracting(Problem::rule).containsOnly(rule);
    more.accept(problems);
  }

  @Test
  void catalogueShapedTreePasses() {
    assertThat(check()).isEmpty();
  }

  @Test
  void rulesRunInSortedOrderWithStableIds() {
    assertThat(invariants.ruleIds()).isSorted().containsExactly("INV-ALLOW-SOURCE", "INV-ARGOCD-HUB",
        "INV-ARGOCD-PROJECT", "INV-CLUSTER-SCOPED", "INV-DEFAULT-DENY-NETPOL", "INV-DENY-ALL", "INV-EXPORT-LOCAL",
        "INV-FOLDER", "INV-KIND-ALLOWED", "INV-MESH-DISCOVERY", "INV-MESH-MTLS-OWNER", "INV-MESH-SIDE-BY-SIDE",
        "INV-MESH-TELEMETRY", "INV-NAMESPACE-OWNED", "INV-OBJECT-COLLISION", "INV-OBJECT-NAME", "INV-ONE-CONTROL-PLANE",
        "INV-PRESERVE", "INV-REGISTRY-ONLY", "INV-ROUTE",
        "INV-STRICT-MTLS");
  }

  @Test
  void allowRuleWithoutFromIsRejected() {
    Map<String, Object> rule = (Map<String, Object>) ((List<?>) spec(object("dev/tenants/payments/authorization-policy.yaml", 1)).get("rules")).get(0);
    rule.remove("from");

    assertOnly("INV-ALLOW-SOURCE", problems -> assertThat(problems.get(0).format())
        .startsWith("output/dev/tenants/payments/authorization-policy.yaml: INV-ALLOW-SOURCE: "
            + "AuthorizationPolicy/payments-dev/api: ALLOW rule 0 has no from"));
  }

  @Test
  void allowRuleWithOnlyNegativeOrWildcardSourceIsRejected() {
    Map<String, Object> rule = (Map<String, Object>) ((List<?>) spec(object("dev/tenants/payments/authorization-policy.yaml", 1)).get("rules")).get(0);
    rule.put("from", List.of(Map.of("source", Map.of("notPrincipals", List.of("cluster.local/ns/x/sa/y"))),
        Map.of("source", Map.of("namespaces", List.of("*")))));

    assertOnly("INV-ALLOW-SOURCE", problems -> assertThat(problems).hasSize(1));
  }

  @Test
  void clusterScopedKindInTenantFolderIsRejected() {
    put("dev/tenants/payments/rbac.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: payments-admin}
        """);

    assertThat(rules()).contains("INV-CLUSTER-SCOPED", "INV-KIND-ALLOWED").doesNotContain("INV-NAMESPACE-OWNED");
  }

  @Test
  void clusterScopedKindIsRejectedEvenWhenAllowListed() {
    Invariants lax = new Invariants(Set.of("ClusterRole.rbac.authorization.k8s.io", "Namespace",
        "PeerAuthentication.security.istio.io", "AuthorizationPolicy.security.istio.io",
        "NetworkPolicy.networking.k8s.io", "Sidecar.networking.istio.io", "ServiceEntry.networking.istio.io",
        "DestinationRule.networking.istio.io", "AppProject.argoproj.io"), Map.of("AppProject.argoproj.io", "openshift-gitops"),
        overlay -> ArgoCdSite.inCluster("openshift-gitops"));
    put("dev/tenants/payments/rbac.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: x}\n");

    assertThat(lax.check(tree(), OWNERS, HOSTS)).extracting(Problem::rule).containsOnly("INV-CLUSTER-SCOPED");
  }

  @Test
  void defaultDenyNetworkPolicyWithARuleDoesNotCount() {
    spec(object("dev/tenants/payments/network-policy.yaml", 0)).put("ingress", List.of(Map.of()));

    assertOnly("INV-DEFAULT-DENY-NETPOL", problems -> assertThat(problems.get(0).message())
        .contains("namespace payments-dev has no default-deny NetworkPolicy"));
  }

  @Test
  void defaultDenyNetworkPolicyMustCoverEgress() {
    spec(object("dev/tenants/storefront/network-policy.yaml", 0)).put("policyTypes", List.of("Ingress"));

    assertOnly("INV-DEFAULT-DENY-NETPOL", problems -> assertThat(problems.get(0).file()).isEqualTo("output/dev/tenants/storefront/"));
  }

  @Test
  void missingAllowNothingPolicyIsRejected() {
    files.get("dev/tenants/payments/authorization-policy.yaml").remove(0);

    assertOnly("INV-DENY-ALL", problems -> assertThat(problems).hasSize(1));
  }

  @Test
  void allowNothingPolicyWithASelectorDoesNotCount() {
    spec(object("dev/tenants/payments/authorization-policy.yaml", 0)).put("selector", Map.of("matchLabels", Map.of("app", "x")));

    assertOnly("INV-DENY-ALL", problems -> assertThat(problems).hasSize(1));
  }

  @Test
  void serviceEntryExportedBeyondTheNamespaceIsRejected() {
    spec(object("dev/tenants/payments/service-entry.yaml", 0)).put("exportTo", List.of("*"));
    spec(object("dev/tenants/payments/service-entry.yaml", 1)).remove("exportTo");

    assertOnly("INV-EXPORT-LOCAL", problems -> assertThat(problems).hasSize(2));
  }

  @Test
  void tenantFileOutsideItsFolderIsRejected() {
    List<Map<String, Object>> objects = files.remove("dev/tenants/payments/sidecar.yaml");
    TreeMap<String, RenderedFile> rendered = new TreeMap<>(tree().files());
    rendered.put("dev/tenants/storefront/payments-sidecar.yaml", new RenderedFile(
        "dev/tenants/storefront/payments-sidecar.yaml", "dev", "payments", null, null, List.of(), objects));

    List<Problem> problems = invariants.check(new RenderedTree(rendered), OWNERS, HOSTS);

    assertThat(problems).extracting(Problem::rule).containsOnly("INV-FOLDER");
  }

  @Test
  void kindOffTheAllowListIsRejected() {
    put("dev/tenants/payments/envoy-filter.yaml", """
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: sneaky, namespace: payments-dev}
        spec: {}
        """);

    assertOnly("INV-KIND-ALLOWED", problems -> assertThat(problems.get(0).message()).contains("EnvoyFilter.networking.istio.io"));
  }

  @Test
  void objectInAnotherTenantsNamespaceIsRejected() {
    ((Map<String, Object>) object("dev/tenants/payments/sidecar.yaml", 0).get("metadata")).put("namespace", "storefront-dev");

    List<Problem> problems = check();

    assertThat(problems).extracting(Problem::rule).contains("INV-NAMESPACE-OWNED", "INV-OBJECT-COLLISION");
    assertThat(problems).filteredOn(p -> p.rule().equals("INV-NAMESPACE-OWNED")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("storefront-dev", "tenant payments does not own"));
    // Across folders, each file at its path from output/.
    assertThat(problems).filteredOn(p -> p.rule().equals("INV-OBJECT-COLLISION")).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("output/dev/tenants/storefront/sidecar.yaml");
      assertThat(p.message()).endsWith("collides with the same object in output/dev/tenants/payments/sidecar.yaml");
    });
  }

  @Test
  void namespaceObjectForAForeignNamespaceIsRejected() {
    ((Map<String, Object>) object("dev/tenants/payments/namespace.yaml", 0).get("metadata")).put("name", "istio-system");

    assertThat(rules()).contains("INV-NAMESPACE-OWNED");
  }

  @Test
  void objectWithoutNamespaceOrAppProjectOutsideArgoIsRejected() {
    ((Map<String, Object>) object("dev/tenants/payments/service-entry.yaml", 0).get("metadata")).remove("namespace");
    ((Map<String, Object>) object("dev/tenants/payments/argocd/app-project.yaml", 0).get("metadata")).put("namespace", "payments-dev");

    assertOnly("INV-NAMESPACE-OWNED", problems -> assertThat(problems).hasSize(2));
  }

  @Test
  void serviceNameStartingWithADigitIsRejectedWhateverTheTemplateSays() {
    put("dev/tenants/payments/ingress.yaml", """
        apiVersion: v1
        kind: Service
        metadata: {name: 1team-dev-ingress, namespace: payments-dev}
        spec: {ports: [{port: 80}]}
        """);
    assertOnly("INV-OBJECT-NAME", problems -> assertThat(problems).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("Service/payments-dev/1team-dev-ingress", "must start with a letter")));
  }

  @Test
  void theSameNameIsValidForAKindWithoutTheLetterRule() {
    put("dev/tenants/payments/service-accounts.yaml", """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: 1team-dev-ingress, namespace: payments-dev}
        """);
    assertThat(check()).isEmpty();
  }

  @Test
  void badLabelValueIsRejected() {
    put("dev/tenants/payments/namespace.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: payments-dev, labels: {istio.io/rev: default, team: "-bad-"},
          annotations: {argocd.argoproj.io/sync-options: "Delete=false,Prune=false"}}
        """);
    assertOnly("INV-OBJECT-NAME", problems -> assertThat(problems).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("label team", "-bad-")));
  }

  @Test
  void twoObjectsWithTheSameIdentityCollide() {
    put("dev/tenants/payments/sidecar-copy.yaml", """
        apiVersion: networking.istio.io/v1beta1
        kind: Sidecar
        metadata: {name: default, namespace: payments-dev}
        spec: {outboundTrafficPolicy: {mode: REGISTRY_ONLY}}
        """);

    assertOnly("INV-OBJECT-COLLISION", problems -> assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("output/dev/tenants/payments/sidecar.yaml");
      assertThat(p.message()).contains("output/dev/tenants/payments/sidecar-copy.yaml");
    }));
  }

  @Test
  void sidecarAllowingAnyOutboundIsRejected() {
    spec(object("dev/tenants/payments/sidecar.yaml", 0)).put("outboundTrafficPolicy", Map.of("mode", "ALLOW_ANY"));

    assertOnly("INV-REGISTRY-ONLY", problems -> assertThat(problems).hasSize(2));
  }

  @Test
  void permissiveMtlsIsRejected() {
    spec(object("dev/tenants/payments/peer-authentication.yaml", 0)).put("mtls", Map.of("mode", "PERMISSIVE"));

    assertOnly("INV-STRICT-MTLS", problems -> assertThat(problems).hasSize(2));
  }

  @Test
  void portLevelMtlsRelaxationIsRejected() {
    put("dev/tenants/payments/peer-authentication-metrics.yaml", """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: metrics, namespace: payments-dev}
        spec:
          selector: {matchLabels: {app: api}}
          mtls: {mode: STRICT}
          portLevelMtls: {"15020": {mode: DISABLE}}
        """);

    assertOnly("INV-STRICT-MTLS", problems -> assertThat(problems.get(0).message()).contains("15020", "DISABLE"));
  }

  private static final String ROUTE = """
      apiVersion: route.openshift.io/v1
      kind: Route
      metadata: {name: shop, namespace: storefront-dev}
      spec:
        host: shop.apps.dev.acme.example
        to: {kind: Service, name: storefront-dev-ingress}
        port: {targetPort: https}
        tls: {termination: passthrough, insecureEdgeTerminationPolicy: Redirect}
        wildcardPolicy: None
      """;

  @Test
  void routeToOwnGatewayForOwnHostAndGatewayDisruptionBudgetPass() {
    put("dev/tenants/storefront/route.yaml", ROUTE);
    put("dev/tenants/storefront/ingress.yaml", """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: storefront-dev-ingress, namespace: storefront-dev}
        spec: {maxUnavailable: 1, selector: {matchLabels: {istio: storefront-dev-ingress}}}
        """);

    assertThat(check()).isEmpty();
  }

  @Test
  void routeForAHostTheTenantDoesNotClaimIsRejected() {
    put("dev/tenants/payments/route.yaml", ROUTE.replace("storefront-dev", "payments-dev"));

    assertOnly("INV-ROUTE", problems -> assertThat(problems).singleElement().satisfies(p -> assertThat(p.format())
        .startsWith("output/dev/tenants/payments/route.yaml: INV-ROUTE: Route/payments-dev/shop: "
            + "host 'shop.apps.dev.acme.example' is not an ingress host of tenant payments in this overlay")));
  }

  @Test
  void routePastTheTenantGatewayIsRejected() {
    put("dev/tenants/storefront/route.yaml", ROUTE.replace("name: storefront-dev-ingress", "name: web")
        + "---\n" + ROUTE.replace("name: shop,", "name: split,")
            .replace("wildcardPolicy: None", "alternateBackends: [{kind: Service, name: web}]"));

    assertOnly("INV-ROUTE", problems -> assertThat(problems).hasSize(2)
        .allSatisfy(p -> assertThat(p.message()).contains("only to the Service storefront-dev-ingress")));
  }

  @Test
  void routeTerminatingTlsAtTheRouterOrForwardingPlainHttpOrClaimingAWildcardIsRejected() {
    put("dev/tenants/storefront/route.yaml", ROUTE.replace("termination: passthrough", "termination: edge")
        + "---\n" + ROUTE.replace("name: shop,", "name: plain,").replace("Redirect", "Allow")
        + "---\n" + ROUTE.replace("name: shop,", "name: wild,").replace("wildcardPolicy: None", "wildcardPolicy: Subdomain"));

    assertOnly("INV-ROUTE", problems -> assertThat(problems).extracting(Problem::message).containsExactlyInAnyOrder(
        "Route/storefront-dev/plain: must pass TLS through to the gateway and never forward plain HTTP",
        "Route/storefront-dev/shop: must pass TLS through to the gateway and never forward plain HTTP",
        "Route/storefront-dev/wild: must not claim a wildcard or subdomain"));
  }

  @Test
  void routeInAnotherTenantsNamespaceIsRejected() {
    put("dev/tenants/payments/route.yaml", ROUTE);

    assertThat(rules()).contains("INV-NAMESPACE-OWNED", "INV-ROUTE");
  }

  @Test
  void admissionPolicyBelongsToThePlatformFolderOnly() {
    String policy = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: pods}
        spec: {validations: [{expression: "true"}]}
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: pods}
        spec: {policyName: pods, validationActions: [Deny]}
        """;
    put("dev/platform/admission-policy.yaml", policy);
    assertThat(check()).isEmpty();

    put("dev/tenants/payments/admission-policy.yaml", policy.replace("pods", "payments-pods"));
    assertThat(check()).extracting(Problem::rule).containsOnly("INV-CLUSTER-SCOPED", "INV-KIND-ALLOWED").hasSize(4);
  }
}
