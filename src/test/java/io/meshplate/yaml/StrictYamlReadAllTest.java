package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictYamlReadAllTest {
  @Test
  void readsEveryDocumentWithItsOwnPositions() {
    List<StrictYaml.Document> documents =
        StrictYaml.readAll("t", "---\na: 1\n---\n\n---\nb:\n  c: x\n", YamlLimits.PLATFORM);
    assertThat(documents).extracting(StrictYaml.Document::root)
        .containsExactly(Map.of("a", 1L), Map.of("b", Map.of("c", "x")));
    assertThat(documents.get(1).positions().value("/b/c").line()).isEqualTo(7);
  }

  @Test
  void emptyStreamHasNoDocuments() {
    assertThat(StrictYaml.readAll("t", "", YamlLimits.PLATFORM)).isEmpty();
    assertThat(StrictYaml.readAll("t", "# only a comment\n---\n", YamlLimits.PLATFORM)).isEmpty();
  }

  @Test
  void rejectsDuplicateKeysAndSyntaxErrorsWithPosition() {
    assertThatThrownBy(() -> StrictYaml.readAll("t", "---\na: 1\na: 2\n", YamlLimits.PLATFORM))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("YAML-DUPLICATE-KEY");
            assertThat(p.line()).isEqualTo(3);
          });
        });
    assertThatThrownBy(() -> StrictYaml.readAll("t", "---\na: b: c\n", YamlLimits.PLATFORM))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.problems().get(0).rule()).isEqualTo("YAML-SYNTAX"));
  }

  @Test
  void singleDocumentReaderStillRejectsSeveralDocuments() {
    assertThatThrownBy(() -> StrictYaml.read("t", "a: 1\n---\nb: 2\n", YamlLimits.PLATFORM))
        .hasMessageContaining("YAML-MULTI-DOCUMENT");
  }
}
