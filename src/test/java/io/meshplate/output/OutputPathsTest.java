package io.meshplate.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A file name checked within an accepted folder gets the answer its whole path would get. */
class OutputPathsTest {
  @Test
  void aNameInAnAcceptedFolderIsJudgedAsItsWholePath() {
    String folder = "prod/tenants/payments";
    assertThat(OutputPaths.whyInvalid(folder)).isEmpty();
    List<String> names = List.of("sidecar.yaml", "kustomization.yaml", "", ".hidden", "-flag", "a..b", "ends.",
        "con", "CON", "nul.yaml", "tab\there", "back\\slash", "colon:name", "caf\u00e9.yaml", "x".repeat(255),
        "x".repeat(256), "y".repeat(1024 - folder.length() - 1), "y".repeat(1024 - folder.length()));
    for (String name : names) {
      assertThat(OutputPaths.whyInvalidIn(folder, name)).as(name)
          .isEqualTo(OutputPaths.whyInvalid(folder + "/" + name));
    }
    assertThat(OutputPaths.whyInvalidIn(folder, "sidecar.yaml")).isEmpty();
    assertThat(OutputPaths.whyInvalidIn(folder, "..")).isPresent();
  }
}
