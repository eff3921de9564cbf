package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The common YAML mistakes are reported at the place to fix, in plain words, never in the
 * parser's vocabulary and never past the end of the file.
 */
class SyntaxAdviceTest {
  private static final String HEAD = "apiVersion: meshplate.io/v1alpha1\nkind: Tenant\nmetadata:\n";

  record Case(String name, String text, String expectedStart, String words) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("tab indentation", HEAD + "\tname: evil\n",
            "t.yaml:4:1: YAML-SYNTAX: a tab character indents this line", "spaces"),
        new Case("double quote closed lines later", HEAD + "  name: \"evil\nspec:\n  owners: [\"@acme/evil\"]\n",
            "t.yaml:4:9: YAML-SYNTAX: the quoted string that starts here is not closed on its line", "close"),
        new Case("single quote never closed", HEAD + "  name: 'evil\nspec:\n  owners: []\n",
            "t.yaml:4:9: YAML-SYNTAX: the quoted string that starts here is never closed", "close"),
        new Case("list never closed", HEAD + "  name: evil\nspec:\n  owners: [\"@acme/evil\"\n",
            "t.yaml:6:11: YAML-SYNTAX: the list opened with `[` here is not closed with `]` before the end", "[a, b]"),
        new Case("map never closed", HEAD + "  name: evil\nspec:\n  telemetry: {accessLog: all\n",
            "t.yaml:6:14: YAML-SYNTAX: the map opened with `{` here is not closed", "}"),
        new Case("line indented to no level", HEAD + "  name: evil\nspec:\n  services:\n  - name: web\n    ports: []\n   allow: []\n",
            "t.yaml:9:4: YAML-SYNTAX: this line is indented by 3 spaces, which lines up with none of the lines above it;"
                + " line 8 (`ports`) is indented by 4", "indent it"),
        new Case("key at the indentation of a list", HEAD + "  name: evil\nspec:\n  services:\n    - name: web\n    ports: []\n",
            "t.yaml:8:5: YAML-SYNTAX: a `key:` at the indentation of the list above", "- "),
        new Case("list item where keys are expected", HEAD + "  name: evil\n  - x\n",
            "t.yaml:5:3: YAML-SYNTAX: a list item `- ` where the map above expects `key: value` lines", "key:"),
        new Case("key without a colon", HEAD + "  name: evil\nspec:\n  owners\n  calls: []\n",
            "t.yaml:6:3: YAML-SYNTAX: line 6 has no `:` after its key", "owners:"),
        new Case("second colon in a value", HEAD + "  name: evil: bad\n",
            "t.yaml:4:13: YAML-SYNTAX: a second `: ` in one line", "quotes"),
        new Case("reserved character", HEAD + "  name: @evil\n",
            "t.yaml:4:9: YAML-SYNTAX: '@' cannot start a plain value", "double quotes"),
        new Case("unknown escape", HEAD + "  name: \"a\\qb\"\n",
            "t.yaml:4:12: YAML-SYNTAX: `\\q` is not an escape sequence", "single quotes"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reportsTheMistakeInPlainWordsWhereItIs(Case c) {
    StrictYaml.Parsed parsed = StrictYaml.parse("t.yaml", c.text().getBytes(StandardCharsets.UTF_8), YamlLimits.DESCRIPTOR);

    assertThat(parsed.problems()).hasSize(1);
    Problem problem = parsed.problems().get(0);
    assertThat(problem.format()).startsWith(c.expectedStart()).contains(c.words())
        .doesNotContain("<block", "token", "\\\\t", "stream end");
    int lines = c.text().split("\n", -1).length - 1;
    assertThat(problem.line()).isBetween(1, lines);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void neverPointsPastTheEndOfTheFile(Case c) {
    String withoutFinalNewline = c.text().substring(0, c.text().length() - 1);
    StrictYaml.Parsed parsed = StrictYaml.parse("t.yaml", withoutFinalNewline.getBytes(StandardCharsets.UTF_8),
        YamlLimits.DESCRIPTOR);

    String[] lines = withoutFinalNewline.split("\n", -1);
    assertThat(parsed.problems()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.line()).isBetween(1, lines.length);
      assertThat(p.column()).isBetween(1, Math.max(1, lines[p.line() - 1].length() + 1));
    });
  }

  @Test
  void aMissingDashIsOneProblemNotOneDuplicateKeyPerField() {
    String text = HEAD + "  name: evil\nspec:\n  services:\n    - name: web\n      ports: []\n      name: api\n"
        + "      ports: []\n";
    StrictYaml.Parsed parsed = StrictYaml.parse("t.yaml", text.getBytes(StandardCharsets.UTF_8), YamlLimits.DESCRIPTOR);

    assertThat(parsed.problems()).extracting(Problem::format).containsExactly(
        "t.yaml:9:7: YAML-MISSING-DASH: 'name' starts a new list item here, but the line has no '- ', so YAML reads"
            + " it as a second 'name' of the item above (write '- ' before 'name:' to start the new item)");
  }

  @Test
  void aKeyWrittenTwiceOutsideAListIsStillADuplicate() {
    StrictYaml.Parsed parsed = StrictYaml.parse("t.yaml", "a: 1\nb: 2\na: 3\n".getBytes(StandardCharsets.UTF_8),
        YamlLimits.DESCRIPTOR);

    assertThat(parsed.problems()).extracting(Problem::rule).containsExactly("YAML-DUPLICATE-KEY");
  }
}
