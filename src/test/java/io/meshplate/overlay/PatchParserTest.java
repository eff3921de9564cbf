package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatchParserTest {
  private static final String FILE = "templates/overlays/prod/overlay.yaml";
  private static final Set<String> KINDS = Set.of("Deployment", "Gateway", "Service", "VirtualService");

  private static List<Patch> parse(String yaml) {
    StrictYaml.Document doc = StrictYaml.read(FILE, yaml, YamlLimits.PLATFORM);
    return PatchParser.parsePatches(doc.rootMap().get("patches"), doc.positions(), "/patches", KINDS);
  }

  private static List<Problem> problems(String yaml) {
    return catchThrowableOfType(InvalidInputException.class, () -> parse(yaml)).problems();
  }

  @Test
  void parsesStringFormStrategicMergeAndJsonPatches() {
    List<Patch> patches = parse("""
        patches:
          - target: {kind: Deployment, name: "ingress-.*"}
            patch: |-
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: x}
              spec: {replicas: 3}
          - target: {kind: Gateway}
            optional: true
            patch: |-
              - op: add
                path: /spec/selector/a~1b
                value: c
        """);
    assertThat(patches).hasSize(2);
    assertThat(patches.get(0).isStrategicMerge()).isTrue();
    assertThat(patches.get(0).origin()).isEqualTo(FILE + ":2");
    assertThat(patches.get(0).target().name()).isEqualTo("ingress-.*");
    assertThat(patches.get(1).operations()).singleElement()
        .satisfies(op -> assertThat(op.path()).isEqualTo("/spec/selector/a~1b"));
    assertThat(patches.get(1).optional()).isTrue();
    assertThat(patches.get(1).line()).isEqualTo(8);
  }

  @Test
  void rejectsTargetKindMeshplateNeverRendersAtItsPosition() {
    assertThat(problems("""
        patches:
          - target: {kind: Deploymnet}
            patch: |-
              - {op: remove, path: /spec/replicas}
        """)).singleElement().satisfies(p -> {
          assertThat(p.rule()).isEqualTo("OVERLAY-TARGET-KIND");
          assertThat(p.format()).startsWith(FILE + ":2:");
        });
  }

  @Test
  void optionalPatchMayNameAKindNoTenantRendersNow() {
    assertThat(parse("patches:\n  - optional: true\n    target: {kind: CronJob}\n    patch: '[{op: remove, path: /spec/x}]'\n"))
        .singleElement().satisfies(p -> assertThat(p.optional()).isTrue());
  }

  @Test
  void acceptsKindRegexMatchingSomeRenderedKind() {
    assertThat(parse("patches:\n  - target: {kind: \"Virtual.*\"}\n    patch: '[{op: remove, path: /spec/x}]'\n"))
        .hasSize(1);
  }

  @Test
  void reportsEveryProblemOfEveryPatchTogether() {
    List<Problem> problems = problems("""
        patches:
          - target: {kind: Gateway, nmae: ingress}
            patch: |-
              - op: replace
                path: spec/replicas
          - target: {kind: Gateway, labelSelector: "a in b"}
            patch: |-
              - {op: remove, path: /x}
          - patch: |-
              - {op: remove, path: /x}
          - target: {kind: Gateway, name: "("}
            patch: |-
              metadata:
                labels: {team: null}
                $setElementOrder/x: []
        """);
    assertThat(problems).extracting(Problem::rule).contains(
        "OVERLAY-UNKNOWN-KEY", "OVERLAY-JSONPATCH-POINTER", "OVERLAY-JSONPATCH-OP",
        "OVERLAY-TARGET-SELECTOR", "OVERLAY-PATCH-NO-TARGET", "OVERLAY-TARGET-REGEX",
        "OVERLAY-PATCH-NULL-LABEL", "OVERLAY-PATCH-DIRECTIVE");
    assertThat(problems).filteredOn(p -> p.rule().equals("OVERLAY-UNKNOWN-KEY"))
        .singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    assertThat(problems).allSatisfy(p -> assertThat(p.hint()).isNotNull());
  }

  @Test
  void rejectsInvalidYamlInsideThePatchStringAtThePatch() {
    assertThat(problems("""
        patches:
          - target: {kind: Service}
            patch: |-
              metadata: {name: api}
              spec: {a: 1, a: 2}
        """)).singleElement().satisfies(p -> {
          assertThat(p.line()).isEqualTo(5);
          assertThat(p.column()).as("the second 'a', shifted by the block's indentation").isEqualTo(20);
          assertThat(p.message()).startsWith("in the patch: ");
        });
  }

  @Test
  void reportsAnOperationInABlockStringAtItsOwnLineAndColumn() {
    assertThat(problems("""
        patches:
          - target: {kind: Service}
            patch: |-
              - op: add
                path: /a
                value: 1
              - op: add
                path: b
                value: 2
        """)).singleElement().satisfies(p -> {
          assertThat(p.rule()).isEqualTo("OVERLAY-JSONPATCH-POINTER");
          assertThat(p.format()).startsWith(FILE + ":7:9: ");
        });
  }

  @Test
  void rejectsPatchWithoutBodyAndFilePatches() {
    assertThat(problems("""
        patches:
          - target: {kind: Service}
          - target: {kind: Service}
            path: patch.yaml
        """)).extracting(Problem::rule).containsExactly("OVERLAY-PATCH-MISSING", "OVERLAY-PATCH-PATH");
  }

  @Test
  void targetlessPatchSelectsTheObjectItNamesLiterally() {
    Patch patch = parse("""
        patches:
          - patch: |-
              apiVersion: v1
              kind: Service
              metadata: {name: api.v1, namespace: shop}
        """).get(0);
    TargetMatcher matcher = new TargetMatcher(patch.target());
    assertThat(matcher.matches(object("v1", "Service", "api.v1", "shop"))).isTrue();
    assertThat(matcher.matches(object("v1", "Service", "apixv1", "shop"))).isFalse();
  }

  @Test
  void labelsAndAnnotationsMustBeText() {
    StrictYaml.Document doc = StrictYaml.read(FILE, "labels:\n  team: payments\n  tier: 3\n", YamlLimits.PLATFORM);
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> PatchParser.parseStringMap(doc.rootMap().get("labels"), doc.positions(), "/labels"));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("OVERLAY-METADATA-VALUE");
      assertThat(p.line()).isEqualTo(3);
    });
  }

  static Map<String, Object> object(String apiVersion, String kind, String name, String namespace) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.put("metadata", metadata);
    return object;
  }
}
