package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A frozen value reads, compares and iterates as the parsed value it was made from, and cannot change. */
class FrozenTest {
  /** Two documents as a review's sides parse an output file (flow style and nulls included). */
  private static List<Map<String, Object>> parsed() {
    return StrictYaml.readAll("output/prod/tenants/payments/x.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: payments-prod
          labels: {zeta: "1", alpha: "2", istio-injection: null}
        spec:
          finalizers: [kubernetes, null, other]
        ---
        kind: ServiceEntry
        spec: {hosts: [api.example.com], ports: [{number: 443, name: tls}]}
        """, YamlLimits.PLATFORM).stream().map(StrictYaml.Document::rootMap).toList();
  }

  @Test
  void equalsTheParsedObjectsAndKeepsTheirOrderAndNulls() {
    List<Map<String, Object>> objects = parsed();
    List<Map<String, Object>> frozen = Frozen.objects(objects);

    assertThat(frozen).isEqualTo(objects).hasSameHashCodeAs(objects);
    assertThat(objects).isEqualTo(frozen);
    assertThat(frozen.toString()).isEqualTo(objects.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> labels = (Map<String, Object>) ((Map<?, ?>) frozen.get(0).get("metadata")).get("labels");
    assertThat(labels.keySet()).containsExactly("zeta", "alpha", "istio-injection");
    assertThat(labels.containsKey("istio-injection")).isTrue();
    assertThat(labels.get("istio-injection")).isNull();
    assertThat(labels.get("absent")).isNull();
    assertThat((List<?>) ((Map<?, ?>) frozen.get(0).get("spec")).get("finalizers"))
        .isEqualTo(Arrays.asList("kubernetes", null, "other"));
  }

  @Test
  void cannotChangeAndIsFrozenOnce() {
    List<Map<String, Object>> frozen = Frozen.objects(parsed());

    assertThat(Frozen.is(frozen)).isTrue();
    assertThat(Frozen.is(new ArrayList<>(frozen))).isFalse();
    assertThat(Frozen.objects(frozen)).isSameAs(frozen);
    assertThatThrownBy(() -> frozen.get(0).put("kind", "Secret")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.get(1).entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    Map<String, Object> parsedAgain = new LinkedHashMap<>(parsed().get(1));
    assertThat(frozen.get(1)).isEqualTo(parsedAgain);
  }
}
