package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

@Requires(Requirement.SHARED_SCHEMAS)
class ManifestSchemasTest {
  private static final List<String> OSSM3 = List.of("istio/istio-api-v1.24.6-*", "kubernetes/v1.31/*",
      "argocd/*", "prometheus-operator/*", "sail-operator/*");
  private static final List<String> OSSM2 = List.of("maistra/ossm-2.5-istio-crds/*",
      "maistra/maistra-istio-operator-2.5.1-*", "kubernetes/v1.31/*", "argocd/*", "prometheus-operator/*");

  private static Path schemas;
  private static ManifestSchemas ossm3;
  private static ManifestSchemas ossm2;

  @BeforeAll
  static void load() {
    schemas = SharedFiles.require("schemas");
    ossm3 = ManifestSchemas.load(schemas, OSSM3);
    ossm2 = ManifestSchemas.load(schemas, OSSM2);
  }

  private static Map<String, Object> yaml(String text) {
    return YAMLMapper.builder().build().readerFor(Map.class).readValue(text);
  }

  private static List<String> rules(List<Problem> problems) {
    return problems.stream().map(Problem::rule).toList();
  }

  private static final String PEER_AUTH_V1 = """
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata:
        name: default
        namespace: payments-dev
      spec:
        mtls:
          mode: STRICT
      """;

  @Test
  @Requires(Requirement.SHARED_REFERENCE)
  void everyCatalogueExampleValidatesAgainstIstio124PlusMaistraOperatorKinds() throws Exception {
    List<String> globs = new ArrayList<>(OSSM3);
    globs.add("maistra/maistra-istio-operator-2.5.1-*");
    ManifestSchemas both = ManifestSchemas.load(schemas, globs);
    String catalogue = Files.readString(SharedFiles.require("reference/policy-catalogue.md"));
    List<Problem> problems = new ArrayList<>();
    int checked = 0;
    String[] blocks = catalogue.split("```yaml\n");
    for (int i = 1; i < blocks.length; i++) {
      String block = blocks[i].substring(0, blocks[i].indexOf("```"));
      try (MappingIterator<Map<String, Object>> docs =
          YAMLMapper.builder().build().readerFor(Map.class).readValues(block)) {
        while (docs.hasNextValue()) {
          Map<String, Object> object = docs.nextValue();
          if (object != null && object.containsKey("kind") && !"Kustomization".equals(object.get("kind"))) {
            problems.addAll(both.validate("catalogue block " + i, object));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(30);
    assertThat(problems).isEmpty();
  }

  @Test
  void validObjectsPass() {
    assertThat(ossm3.validate("f.yaml", yaml(PEER_AUTH_V1))).isEmpty();
    assertThat(ossm3.validate("f.yaml", yaml("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-dns, namespace: payments-dev}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - ports:
            - {protocol: UDP, port: 53}
            - {protocol: TCP, port: dns-tcp}
        """))).isEmpty();
  }

  @Test
  void unknownFieldIsAnError() {
    Map<String, Object> object = yaml(PEER_AUTH_V1.replace("mode: STRICT", "mode: STRICT\n    strict: true"));

    List<Problem> problems = ossm3.validate("out/pa.yaml", object);

    assertThat(rules(problems)).containsExactly(ManifestSchemas.RULE_UNKNOWN_FIELD);
    assertThat(problems.get(0).format())
        .startsWith("out/pa.yaml: SCHEMA-UNKNOWN-FIELD: PeerAuthentication/default: /spec/mtls: ")
        .contains("'strict'");
  }

  @Test
  void unknownMetadataFieldOfACustomResourceIsCheckedAgainstObjectMeta() {
    Map<String, Object> object = yaml(PEER_AUTH_V1.replace("  name: default", "  name: default\n  lables: {a: b}"));

    assertThat(rules(ossm3.validate("f", object))).containsExactly(ManifestSchemas.RULE_UNKNOWN_FIELD);
  }

  @Test
  void valueOutsideTheEnumIsAnError() {
    Map<String, Object> object = yaml(PEER_AUTH_V1.replace("STRICT", "STRICTLY"));

    assertThat(rules(ossm3.validate("f", object))).containsExactly(ManifestSchemas.RULE_ENUM);
  }

  @Test
  void wrongTypeIsAnError() {
    Map<String, Object> object = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: gw, namespace: payments-dev}
        spec:
          ports:
          - {name: https, port: "443", targetPort: 8443}
        """);

    List<Problem> problems = ossm3.validate("f", object);

    assertThat(rules(problems)).containsExactly(ManifestSchemas.RULE_TYPE);
    assertThat(problems.get(0).message()).contains("/spec/ports/0/port");
  }

  @Test
  void intOrStringAcceptsBothButNothingElse() {
    String policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: n}
        spec:
          podSelector: {}
          ingress:
          - ports: [{port: PORT}]
        """;
    assertThat(ossm3.validate("f", yaml(policy.replace("PORT", "8080")))).isEmpty();
    assertThat(ossm3.validate("f", yaml(policy.replace("PORT", "http")))).isEmpty();
    assertThat(rules(ossm3.validate("f", yaml(policy.replace("PORT", "true"))))).contains(ManifestSchemas.RULE_TYPE);
  }

  @Test
  void missingRequiredFieldIsAnError() {
    Map<String, Object> object = yaml("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: gw, namespace: payments-dev}
        subjects: [{kind: ServiceAccount, name: gw}]
        """);

    assertThat(rules(ossm3.validate("f", object))).containsExactly(ManifestSchemas.RULE_REQUIRED);
  }

  @Test
  void versionsAreSelectedPerTarget() {
    Map<String, Object> v1 = yaml(PEER_AUTH_V1);
    Map<String, Object> v1beta1 = yaml(PEER_AUTH_V1.replace("security.istio.io/v1", "security.istio.io/v1beta1"));

    assertThat(ossm3.validate("f", v1)).isEmpty();
    assertThat(ossm3.validate("f", v1beta1)).isEmpty();
    assertThat(ossm2.validate("f", v1beta1)).isEmpty();
    assertThat(rules(ossm2.validate("f", v1))).containsExactly(ManifestSchemas.RULE_UNKNOWN_KIND);
    assertThat(ossm2.kinds()).contains("maistra.io/v1 ServiceMeshMember", "telemetry.istio.io/v1alpha1 Telemetry")
        .doesNotContain("telemetry.istio.io/v1 Telemetry");
  }

  @Test
  void kindWithoutSchemaIsAnError() {
    Map<String, Object> route = yaml("""
        apiVersion: route.openshift.io/v1
        kind: Route
        metadata: {name: r, namespace: n}
        """);

    List<Problem> problems = ossm3.validate("f", route);

    assertThat(rules(problems)).containsExactly(ManifestSchemas.RULE_UNKNOWN_KIND);
    assertThat(problems.get(0).message()).contains("Route/r", "route.openshift.io/v1");
  }

  @Test
  void patternThatMatchesNothingIsReported() {
    assertThatThrownBy(() -> ManifestSchemas.load(schemas, List.of("istio/istio-api-v9.99-*")))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(rules(e.problems())).containsExactly("SCHEMA-GLOB-EMPTY"));
  }

  @Test
  void twoSetsDefiningTheSameKindAreRejected() {
    assertThatThrownBy(() -> ManifestSchemas.load(schemas,
            List.of("istio/istio-api-v1.24.6-*", "istio/istio-api-v1.30.3-*")))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(rules(e.problems())).contains("SCHEMA-DUPLICATE-KIND"));
  }
}
