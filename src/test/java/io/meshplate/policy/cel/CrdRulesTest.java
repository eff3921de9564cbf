package io.meshplate.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshplate.policy.cel.RuleFinding.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * How rules are scoped and reported, on a small CRD schema written for each Kubernetes rule
 * feature (the upstream CRDs are exercised in {@code io.meshplate.policy.CelRulesTest}).
 */
class CrdRulesTest {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static final CrdRules WIDGET = CrdRules.of(YAML.readTree("""
      type: object
      x-kubernetes-validations:
      - rule: self.metadata.name.startsWith('widget-')
        message: name must start with widget-
      properties:
        spec:
          type: object
          x-kubernetes-validations:
          - rule: self.replicas <= self.maxReplicas
            messageExpression: "'replicas ' + string(self.replicas) + ' exceeds ' + string(self.maxReplicas)"
            fieldPath: .replicas
            reason: FieldValueForbidden
          - rule: self.mode == 'fast'
            message: mode must be fast
          - rule: self.__namespace__ == self.owner__dash__team
          properties:
            replicas: {type: integer}
            maxReplicas: {type: integer}
            ratio: {type: number}
            mode: {type: string, default: fast}
            namespace: {type: string}
            owner-team: {type: string}
            ports:
              type: array
              x-kubernetes-validations:
              - rule: self.all(a, self.exists_one(b, a.number == b.number))
                message: port number cannot be duplicated
              items:
                type: object
                properties:
                  number:
                    type: integer
                    x-kubernetes-validations:
                    - rule: 0 < self && self <= 65535
                      message: port must be between 1-65535
            labels:
              type: object
              additionalProperties:
                type: string
                x-kubernetes-validations:
                - rule: "!self.contains('*')"
                  message: no wildcard
            size:
              type: string
              x-kubernetes-validations:
              - rule: quantity(self).isInteger()
            immutable:
              type: string
              x-kubernetes-validations:
              - rule: self == oldSelf
                message: Value is immutable
            ratioRule:
              type: object
              x-kubernetes-validations:
              - rule: self.low < self.high
              properties:
                low: {type: number}
                high: {type: number}
      """));

  private static Map<String, Object> widget(String spec) {
    return YAML.readerFor(Map.class).readValue("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: widget-a, namespace: team-a, labels: {x: y}}
        spec:
        """ + spec.indent(2));
  }

  private static final String VALID = """
      replicas: 2
      maxReplicas: 3
      namespace: team-a
      owner-team: team-a
      """;

  private static List<RuleFinding> violations(String spec) {
    return WIDGET.check(widget(spec)).stream().filter(f -> f.outcome() == Outcome.VIOLATED).toList();
  }

  @Test
  void aValidObjectPassesEveryRule() {
    assertThat(violations(VALID)).isEmpty();
  }

  @Test
  void messageExpressionFieldPathAndReasonShapeTheReport() {
    List<RuleFinding> found = violations(VALID.replace("replicas: 2", "replicas: 5"));

    assertThat(found).containsExactly(new RuleFinding(Outcome.VIOLATED, "/spec/replicas",
        "Forbidden: replicas 5 exceeds 3", "self.replicas <= self.maxReplicas"));
  }

  @Test
  void schemaDefaultsAreFilledInBeforeRulesRun() {
    assertThat(violations(VALID)).isEmpty(); // mode is absent: its default 'fast' satisfies the rule
    assertThat(violations(VALID + "mode: slow\n")).extracting(RuleFinding::message).containsExactly("mode must be fast");
  }

  @Test
  void rulesSelectEscapedPropertyNames() {
    assertThat(violations(VALID.replace("owner-team: team-a", "owner-team: team-b")))
        .extracting(RuleFinding::pointer, RuleFinding::message)
        .containsExactly(tuple("/spec", "failed rule: self.__namespace__ == self.owner__dash__team"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRootRuleSeesMetadataName() {
    Map<String, Object> object = widget(VALID);
    ((Map<String, Object>) object.get("metadata")).put("name", "gadget");

    assertThat(WIDGET.check(object)).extracting(RuleFinding::pointer, RuleFinding::message)
        .containsExactly(tuple("", "name must start with widget-"));
  }

  @Test
  void rulesOnItemsAndMapValuesRunPerElementAndTheListRuleOnTheWholeList() {
    List<RuleFinding> found = violations(VALID + """
        ports: [{number: 80}, {number: 0}, {number: 80}]
        labels: {app: web, tier: "*"}
        """);

    assertThat(found).extracting(RuleFinding::pointer, RuleFinding::message).containsExactlyInAnyOrder(
        tuple("/spec/ports/1/number", "port must be between 1-65535"),
        tuple("/spec/ports", "port number cannot be duplicated"),
        tuple("/spec/labels/tier", "no wildcard"));
  }

  @Test
  void numbersAreDoublesAndIntegersInts() {
    assertThat(violations(VALID + "ratioRule: {low: 0.5, high: 2}\n")).isEmpty();
    assertThat(violations(VALID + "ratioRule: {low: 3, high: 2.5}\n")).extracting(RuleFinding::pointer)
        .containsExactly("/spec/ratioRule");
  }

  @Test
  void aRuleThatCannotBeCompiledIsReportedNotPassed() {
    List<RuleFinding> found = WIDGET.check(widget(VALID + "size: 500m\n"));

    assertThat(found).extracting(RuleFinding::outcome, RuleFinding::pointer)
        .containsExactly(tuple(Outcome.NOT_EVALUABLE, "/spec/size"));
    assertThat(found.get(0).message()).contains("does not compile", "quantity");
  }

  @Test
  void anUpdateOnlyRuleIsSkippedAndSaidSo() {
    assertThat(WIDGET.check(widget(VALID + "immutable: x\n")))
        .containsExactly(new RuleFinding(Outcome.UPDATE_ONLY, "/spec/immutable", "Value is immutable", "self == oldSelf"));
  }

  @Test
  void absentValuesAreNotValidated() {
    assertThat(WIDGET.check(widget(VALID))).isEmpty(); // no size, immutable, ports: their rules never run
  }

  @Test
  void anEvaluationErrorIsAViolationAtTheRulesNode() {
    List<RuleFinding> found = violations("maxReplicas: 3\nnamespace: a\nowner-team: a\n");

    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.pointer()).isEqualTo("/spec"); // the API server ignores fieldPath here too
      assertThat(f.message()).isEqualTo("failed rule: self.replicas <= self.maxReplicas"
          + " (the rule failed to evaluate: key 'replicas' is not present in map.)");
    });
  }

  @Test
  void fieldPathsOfEveryFormBecomePointers() {
    assertThat(CrdRules.withFieldPath("/spec", ".a.b")).isEqualTo("/spec/a/b");
    assertThat(CrdRules.withFieldPath("/spec", ".labels['app.kubernetes.io/name']"))
        .isEqualTo("/spec/labels/app.kubernetes.io~1name");
    assertThat(CrdRules.withFieldPath("/spec", ".ports[2].number")).isEqualTo("/spec/ports/2/number");
    assertThat(CrdRules.withFieldPath("/spec", "not a path")).isEqualTo("/spec (fieldPath not a path)");
  }

  @Test
  void propertyNamesAreEscapedAsKubernetesDoes() {
    assertThat(PropertyNames.escape("namespace")).contains("__namespace__");
    assertThat(PropertyNames.escape("x-y.z/w")).contains("x__dash__y__dot__z__slash__w");
    assertThat(PropertyNames.escape("a__b")).contains("a__underscores__b");
    assertThat(PropertyNames.escape("plain")).contains("plain");
    assertThat(PropertyNames.escape("1st")).isEmpty();
    assertThat(PropertyNames.escape("has space")).isEmpty();
  }

  @Test
  void aSchemaWithoutRulesHasNothingToCheck() {
    JsonNode plain = YAML.readTree("type: object\nproperties: {spec: {type: object}}\n");
    assertThat(CrdRules.of(plain).isEmpty()).isTrue();
    assertThat(WIDGET.isEmpty()).isFalse();
  }
}
