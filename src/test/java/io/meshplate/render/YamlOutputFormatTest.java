package io.meshplate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import org.junit.jupiter.api.Test;

class YamlOutputFormatTest {
  @Test
  void quotesAndEscapesEverythingThatCouldBreakOutOfAScalar() {
    assertThat(YamlOutputFormat.quote("a\"b\\c\nd\te\u0007\u007f\u0085\u2028\u2029"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\x07\\x7F\\x85\\u2028\\u2029\"");
    assertThat(YamlOutputFormat.quote("ok \uD83D\uDE00 ü")).isEqualTo("\"ok \uD83D\uDE00 ü\"");
  }

  @Test
  void quotedScalarReadsBackAsTheSameString() {
    String hostile = "k: v\n- x\n---\n# c \"q\" 'q' \\ \u0000 \u2028 \ufeff \uD800 end";
    Object value = StrictYaml.read("t", "v: " + YamlOutputFormat.quote(hostile) + "\n", YamlLimits.PLATFORM)
        .rootMap().get("v");
    assertThat(value).isEqualTo(hostile);
  }
}
