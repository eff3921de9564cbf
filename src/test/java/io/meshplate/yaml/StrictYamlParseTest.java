package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictYamlParseTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheFirstValueOfADuplicateKeyAndReportsIt() {
    StrictYaml.Parsed parsed = StrictYaml.parse("t.yaml", bytes("a: 1\nb: 2\na: 3\n"), YamlLimits.DESCRIPTOR);

    assertThat(parsed.problems()).extracting(Problem::format)
        .containsExactly("t.yaml:3:1: YAML-DUPLICATE-KEY: duplicate key 'a' (first at line 1) (remove one of the two entries)");
    assertThat(parsed.document()).get().extracting(StrictYaml.Document::rootMap)
        .isEqualTo(Map.of("a", 1L, "b", 2L));
  }

  @Test
  void givesNoDocumentWhenTheTreeIsNotWhatWasWritten() {
    StrictYaml.Parsed parsed = StrictYaml.parse("t.yaml", bytes("a: &x 1\nb: *x\n"), YamlLimits.DESCRIPTOR);

    assertThat(parsed.document()).isEmpty();
    assertThat(parsed.problems()).extracting(Problem::rule).containsExactly("YAML-ANCHOR", "YAML-ALIAS");
  }

  @Test
  void readStillThrowsOnEveryProblem() {
    assertThatThrownBy(() -> StrictYaml.read("t.yaml", "a: 1\na: 2\n", YamlLimits.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("t.yaml:2:1: YAML-DUPLICATE-KEY");
  }
}
