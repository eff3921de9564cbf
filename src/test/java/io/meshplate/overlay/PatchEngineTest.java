package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.Trees;
import io.meshplate.yaml.YamlLimits;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatchEngineTest {
  private static final String FILE = "templates/overlays/prod/overlay.yaml";

  private static PatchLayer layer(String overlayYaml) {
    StrictYaml.Document doc = StrictYaml.read(FILE, overlayYaml, YamlLimits.PLATFORM);
    Map<String, Object> root = doc.rootMap();
    return new PatchLayer(
        PatchParser.parsePatches(root.get("patches"), doc.positions(), "/patches", Set.of()),
        PatchParser.parseStringMap(root.get("labels"), doc.positions(), "/labels"),
        PatchParser.parseStringMap(root.get("annotations"), doc.positions(), "/annotations"));
  }

  private static Map<String, Object> gateway(String namespace) {
    return StrictYaml.read("object", """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: ingress, namespace: %s}
        spec: {selector: {istio: ingress}}
        """.formatted(namespace), YamlLimits.PLATFORM).rootMap();
  }

  private static final String REPLICAS_AND_DRY_RUN = """
      patches:
        - target: {kind: Gateway}
          patch: |-
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: x, annotations: {meshplate.io/patched: "yes"}}
        - target: {kind: Gateway, namespace: shop-a}
          patch: |-
            - {op: add, path: /spec/selector/zone, value: eu}
      """;

  @Test
  void recordsEveryPatchAppliedToEachObjectWithItsFileAndLine() {
    PatchResult result =
        PatchEngine.apply(List.of(gateway("shop-a"), gateway("shop-b")), List.of(layer(REPLICAS_AND_DRY_RUN)));
    ObjectKey a = new ObjectKey("networking.istio.io", "Gateway", "shop-a", "ingress");
    ObjectKey b = new ObjectKey("networking.istio.io", "Gateway", "shop-b", "ingress");
    assertThat(result.applicationsTo(a)).extracting(x -> x.patch().origin())
        .containsExactly(FILE + ":2", FILE + ":7");
    assertThat(result.applicationsTo(b)).extracting(x -> x.patch().origin()).containsExactly(FILE + ":2");
    assertThat(result.unmatched()).isEmpty();
  }

  @Test
  void leavesTheInputObjectsUnchanged() {
    List<Map<String, Object>> input = List.of(gateway("shop-a"));
    Map<String, Object> before = Trees.deepCopy(input.get(0));
    PatchEngine.apply(input, List.of(layer(REPLICAS_AND_DRY_RUN + "labels: {env: prod}\n")));
    assertThat(input.get(0)).isEqualTo(before);
  }

  @Test
  void patchMatchingNothingInOneBatchIsFineWhenAnotherBatchMatchesIt() {
    PatchLayer layer = layer(REPLICAS_AND_DRY_RUN);
    PatchResult onlyB = PatchEngine.apply(List.of(gateway("shop-b")), List.of(layer));
    PatchResult onlyA = PatchEngine.apply(List.of(gateway("shop-a")), List.of(layer));
    assertThat(onlyB.unmatched()).hasSize(1);
    PatchEngine.requireMatched(List.of(layer), List.of(onlyB, onlyA));
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> PatchEngine.requireMatched(List.of(layer), List.of(onlyB)));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("OVERLAY-PATCH-NO-MATCH");
      assertThat(p.format()).startsWith(FILE + ":7:");
    });
  }

  @Test
  void optionalPatchMayMatchNothing() {
    PatchLayer layer = layer("""
        patches:
          - target: {kind: Gateway, name: egress}
            optional: true
            patch: '[{op: remove, path: /spec}]'
        """);
    assertThat(PatchEngine.apply(List.of(gateway("shop-a")), List.of(layer)).requireAllMatched().objects())
        .containsExactly(gateway("shop-a"));
  }

  @Test
  void reportsAFailingJsonPatchAtThePatchAndNamesTheObject() {
    PatchLayer layer = layer("""
        patches:
          - target: {kind: Gateway}
            patch: '[{op: remove, path: /spec/servers}]'
        """);
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> PatchEngine.apply(List.of(gateway("shop-a"), gateway("shop-b")), List.of(layer)));
    assertThat(e.problems()).extracting(Problem::format).containsExactly(
        FILE + ":3:12: OVERLAY-PATCH-FAILED: patch on Gateway/shop-a/ingress: remove: /spec/servers does not exist"
            + " (check the path against the rendered object (meshplate render shows it))",
        FILE + ":3:12: OVERLAY-PATCH-FAILED: patch on Gateway/shop-b/ingress: remove: /spec/servers does not exist"
            + " (check the path against the rendered object (meshplate render shows it))");
  }

  @Test
  void deletingPatchIsRecordedAndTheObjectLeavesTheResult() {
    PatchLayer layer = layer("""
        patches:
          - target: {kind: Gateway, namespace: shop-b}
            patch: |-
              $patch: delete
              metadata: {name: ingress}
        """);
    PatchResult result = PatchEngine.apply(List.of(gateway("shop-a"), gateway("shop-b")), List.of(layer));
    assertThat(result.objects()).extracting(ObjectKey::of).extracting(ObjectKey::namespace).containsExactly("shop-a");
    assertThat(result.applications()).singleElement().satisfies(x -> assertThat(x.deleted()).isTrue());
  }

  @Test
  void ambiguousPortProtocolIsRefused() {
    Map<String, Object> service = StrictYaml.read("o", """
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec: {ports: [{port: 80, protocol: TCP}]}
        """, YamlLimits.PLATFORM).rootMap();
    PatchLayer layer = layer("""
        patches:
          - target: {kind: Service}
            patch: {spec: {ports: [{port: 80, name: http}]}}
        """);
    assertThatThrownBy(() -> PatchEngine.apply(List.of(service), List.of(layer)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("OVERLAY-MERGE-KEY-AMBIGUOUS");
  }
}
