package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.SharedFiles;
import io.meshplate.Problem;
import io.meshplate.yaml.SourceMap.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CEL rules of the upstream CRDs in {@code shared/schemas}, one violating object per rule
 * family the Istio and Sail operator CRDs carry. (The Argo CD and prometheus-operator CRDs there
 * have no rules; the CUSTOM-action provider and Sidecar outboundTrafficPolicy checks are istiod
 * webhook validation, not CRD rules.)
 */
@Requires(Requirement.SHARED_SCHEMAS)
class CelRulesTest {
  private static ManifestSchemas istio130;
  private static ManifestSchemas istio124;

  @BeforeAll
  static void load() {
    var schemas = SharedFiles.require("schemas");
    istio130 = ManifestSchemas.load(schemas, List.of("istio/istio-api-v1.30.3-*", "sail-operator/*", "kubernetes/v1.31/*"));
    istio124 = ManifestSchemas.load(schemas, List.of("istio/istio-api-v1.24.6-*", "kubernetes/v1.31/*"));
  }

  private static Map<String, Object> yaml(String text) {
    return YAMLMapper.builder().build().readerFor(Map.class).readValue(text);
  }

  /** "rule path: message" of each CEL problem; other problems fail the test. */
  private static List<String> celProblems(ManifestSchemas schemas, String object) {
    List<Problem> problems = schemas.validate("out.yaml", yaml(object));
    assertThat(problems).allMatch(p -> p.rule().equals(ManifestSchemas.RULE_CEL), "only CEL problems");
    return problems.stream().map(p -> p.message().substring(p.message().indexOf(": ") + 2)).toList();
  }

  @Test
  void authorizationPolicyWithSelectorAndTargetRefs() {
    assertThat(celProblems(istio130, """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p, namespace: shop-dev}
        spec:
          selector: {matchLabels: {app: web}}
          targetRefs: [{kind: Service, group: "", name: web}]
        """)).containsExactlyInAnyOrder("/spec: only one of targetRefs or selector can be set");
  }

  @Test
  void authorizationPolicySourceMixingServiceAccountsAndPrincipals() {
    assertThat(celProblems(istio130, """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p, namespace: shop-dev}
        spec:
          action: ALLOW
          rules:
          - from:
            - source: {principals: [cluster.local/ns/a/sa/b]}
            - source: {serviceAccounts: [a/b], principals: [cluster.local/ns/a/sa/b]}
        """)).containsExactlyInAnyOrder("/spec/rules/0/from/1/source: Cannot set serviceAccounts with namespaces or principals");
  }

  @Test
  void authorizationPolicyTargetRefOfAnUnsupportedKind() {
    assertThat(celProblems(istio124, """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: p, namespace: shop-dev}
        spec:
          targetRef: {group: apps, kind: Deployment, name: web, namespace: other}
        """)).containsExactlyInAnyOrder(
            "/spec/targetRef: Support kinds are core/Service, networking.istio.io/ServiceEntry, gateway.networking.k8s.io/Gateway",
            "/spec/targetRef/namespace: cross namespace referencing is not currently supported");
  }

  @Test
  void sidecarSelectorWildcardAndDurations() {
    assertThat(celProblems(istio130, """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: shop-dev}
        spec:
          workloadSelector: {labels: {app: "web-*"}}
          inboundConnectionPool:
            tcp: {connectTimeout: 0s, maxConnectionDuration: ten}
          outboundTrafficPolicy: {mode: REGISTRY_ONLY}
        """)).containsExactlyInAnyOrder(
            "/spec/inboundConnectionPool/tcp/connectTimeout: must be a valid duration greater than 1ms",
            "/spec/inboundConnectionPool/tcp/maxConnectionDuration: must be a valid duration greater than 1ms"
                + " (the rule failed to evaluate: invalid duration format)",
            "/spec/workloadSelector/labels/app: wildcard is not supported in selector");
  }

  @Test
  void telemetryTagOverrideAndTargeting() {
    assertThat(celProblems(istio130, """
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t, namespace: shop-dev}
        spec:
          selector: {matchLabels: {"": web}}
          targetRefs: [{kind: Service, group: "", name: web}]
          metrics:
          - reportingInterval: 0.5ms
            overrides:
            - tagOverrides:
                request_host: {operation: UPSERT}
                source_canonical_service: {operation: REMOVE, value: x}
        """)).containsExactlyInAnyOrder(
            "/spec: only one of targetRefs or selector can be set",
            // the rule reads `value` without has(): the API server refuses such an object as well
            "/spec/metrics/0/overrides/0/tagOverrides/request_host: value must be set when operation is UPSERT"
                + " (the rule failed to evaluate: key 'value' is not present in map.)",
            "/spec/metrics/0/overrides/0/tagOverrides/source_canonical_service: value must not be set when operation is REMOVE",
            "/spec/metrics/0/reportingInterval: must be a valid duration greater than 1ms",
            "/spec/selector/matchLabels: key must not be empty");
  }

  @Test
  void serviceEntryHostsPortsAndResolution() {
    assertThat(celProblems(istio130, """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se, namespace: shop-dev}
        spec:
          hosts: ["*"]
          exportTo: ["."]
          location: MESH_EXTERNAL
          resolution: NONE
          endpoints: [{address: "unix:///var/run/sock/", ports: {http: 8080}}]
          ports:
          - {number: 443, name: https, protocol: TLS}
          - {number: 443, name: https-2, protocol: TLS}
        """)).containsExactlyInAnyOrder(
            "/spec: NONE mode cannot set endpoints",
            "/spec/endpoints/0: UDS may not include ports",
            "/spec/endpoints/0/address: UDS may not be a dir",
            "/spec/hosts/0: hostname cannot be wildcard",
            "/spec/ports: port number cannot be duplicated");
  }

  @Test
  void peerAuthenticationPortLevelMtls() {
    assertThat(celProblems(istio130, """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: shop-dev}
        spec:
          mtls: {mode: STRICT}
          portLevelMtls:
            "70000": {mode: PERMISSIVE}
        """)).containsExactlyInAnyOrder("/spec: portLevelMtls requires selector", "/spec/portLevelMtls: port must be between 1-65535");
  }

  @Test
  void requestAuthenticationJwksUriMustBeHttp() {
    assertThat(celProblems(istio130, """
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: jwt, namespace: shop-dev}
        spec:
          jwtRules:
          - {issuer: a, jwksUri: "ftp://keys.acme.example/jwks.json"}
          - {issuer: b, jwksUri: "keys.acme.example/jwks.json"}
          - {issuer: c, jwksUri: "https://keys.acme.example/jwks.json"}
        """)).containsExactlyInAnyOrder(
            "/spec/jwtRules/0/jwksUri: url must have scheme http:// or https://",
            "/spec/jwtRules/1/jwksUri: url must have scheme http:// or https:// (the rule failed to evaluate:"
                + " Function 'string_to_url' failed with arg(s) 'keys.acme.example/jwks.json')");
  }

  @Test
  void wasmPluginUrlAcceptsRegistryReferencesButNotOtherSchemes() {
    String plugin = """
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: w, namespace: shop-dev}
        spec:
          url: URL
        """;
    assertThat(celProblems(istio130, plugin.replace("URL", "registry.acme.example/filters/auth:1.2"))).isEmpty();
    assertThat(celProblems(istio130, plugin.replace("URL", "oci://registry.acme.example/filters/auth:1.2"))).isEmpty();
    assertThat(celProblems(istio130, plugin.replace("URL", "ftp://files.acme.example/auth.wasm")))
        .containsExactly("/spec/url: url must have schema one of [http, https, file, oci]");
  }

  @Test
  void gatewayCredentialNameAndCredentialNames() {
    assertThat(celProblems(istio130, """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: shop-dev}
        spec:
          selector: {app: gw}
          servers:
          - hosts: [shop.apps.acme.example]
            port: {number: 8443, name: https, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: a, credentialNames: [a, b]}
        """)).containsExactlyInAnyOrder("/spec/servers/0/tls: only one of credentialName or credentialNames can be set");
  }

  @Test
  void sailIstioNamespaceMustMatchItsValuesAndItsCniMustBeNamedDefault() {
    assertThat(celProblems(istio130, """
        apiVersion: sailoperator.io/v1
        kind: Istio
        metadata: {name: default}
        spec:
          namespace: istio-system
          version: v1.30.3
          values: {global: {istioNamespace: istio-control}}
        """)).containsExactlyInAnyOrder("/spec: spec.values.global.istioNamespace must match spec.namespace");
    assertThat(celProblems(istio130, """
        apiVersion: sailoperator.io/v1
        kind: IstioCNI
        metadata: {name: cni}
        spec: {namespace: istio-cni, version: v1.30.3}
        """)).containsExactlyInAnyOrder("/: metadata.name must be 'default'");
  }

  @Test
  void updateOnlyRulesAreCountedNotReported() {
    ManifestSchemas schemas = ManifestSchemas.load(SharedFiles.require("schemas"), List.of("sail-operator/*", "kubernetes/v1.31/*"));
    String cni = """
        apiVersion: sailoperator.io/v1
        kind: IstioCNI
        metadata: {name: default}
        spec: {namespace: istio-cni, version: v1.30.3}
        """;

    assertThat(schemas.validate("a.yaml", yaml(cni))).isEmpty();
    assertThat(schemas.validate("b.yaml", yaml(cni))).isEmpty();
    assertThat(schemas.updateOnlyRules())
        .containsExactly(Map.entry("sailoperator.io/v1 IstioCNI /spec/namespace: self == oldSelf (Value is immutable)", 2L));
  }

  @Test
  void problemsArePlacedWhereTheValueIs() {
    List<String> asked = new ArrayList<>();
    List<Problem> problems = istio130.validate("output/dev/x.yaml", yaml("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se, namespace: shop-dev}
        spec: {hosts: ["*"], resolution: DNS}
        """), pointer -> {
          asked.add(pointer);
          return new Position(12, 5);
        });

    assertThat(asked).containsExactly("/spec/hosts/0");
    assertThat(problems).singleElement().extracting(Problem::format).isEqualTo("output/dev/x.yaml:12:5: SCHEMA-CEL: "
        + "ServiceEntry/se: /spec/hosts/0: hostname cannot be wildcard (CRD rule of networking.istio.io/v1 ServiceEntry: self != \"*\")");
  }

  @Test
  void rulesAreNotRunOnAnObjectWithTypeErrors() {
    List<Problem> problems = istio130.validate("f", yaml("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se, namespace: shop-dev}
        spec: {hosts: ["*"], ports: [{number: "443", name: https}]}
        """));

    assertThat(problems).extracting(Problem::rule).containsExactly(ManifestSchemas.RULE_TYPE);
  }
}
