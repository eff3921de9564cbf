package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link Trees#json} builds the nodes a mapper's {@code valueToTree} makes of a parsed tree. */
class TreesJsonTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void buildsWhatTheMapperBuildsForEveryValueAParserGives() {
    // Every scalar type StrictYaml types a plain scalar as, with nulls, flow collections, a
    // frozen tree and numbers beyond a long, as descriptors and output files hold them.
    String yaml = """
        apiVersion: meshplate.io/v1alpha1
        kind: Tenant
        metadata: {name: payments, labels: {tier: "1", empty: null}}
        spec:
          enabled: true
          disabled: false
          port: 8080
          negative: -3
          big: 123456789012345678901234567890
          long: 9000000000
          ratio: 0.25
          exponent: 1.5e3
          quoted: "8080"
          nothing: null
          list: [GET, 1, true, null, {a: b}, [x, 2.50]]
          text: |
            two
            lines
        """;
    Map<String, Object> tree = StrictYaml.readAll("tenants/payments.yaml", yaml, YamlLimits.PLATFORM).get(0).rootMap();

    JsonNode built = Trees.json(tree);

    assertThat(built).isEqualTo(MAPPER.valueToTree(tree));
    assertThat(built.toString()).isEqualTo(MAPPER.valueToTree(tree).toString());
    assertThat(Trees.json(Frozen.of(tree))).isEqualTo(built);
    assertThat(built.get("spec").get("port").isIntegralNumber()).isTrue();
    assertThat(built.get("spec").get("quoted").isString()).isTrue();
    assertThat(built.get("spec").get("nothing").isNull()).isTrue();
  }

  @Test
  void buildsWhatTheMapperBuildsForTheNumbersAndDatesOtherParsersGive() {
    // SnakeYAML, which reads the upstream catalogue's examples, gives doubles, ints and dates.
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("double", 0.5d);
    tree.put("float", 1.25f);
    tree.put("int", 7);
    tree.put("short", (short) 3);
    tree.put("date", new Date(0));
    tree.put("list", List.of(2.0d, 3));

    assertThat(Trees.json(tree)).isEqualTo(MAPPER.valueToTree(tree));
  }
}
