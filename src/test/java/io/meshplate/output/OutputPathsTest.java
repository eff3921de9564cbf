package io.meshplate.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  @Test
  void everySegmentIsJudgedWhereverItStandsInThePath() {
    String notWord = " is not [A-Za-z0-9_][A-Za-z0-9._-]*";
    Map<String, String> why = new LinkedHashMap<>();
    why.put("dev/tenants/payments/sidecar.yaml", null);
    why.put("dev/com.yaml", null);
    why.put("dev/com10.yaml", null);
    why.put("dev/console.yaml", null);
    why.put("dev/lpt/con1", null);
    why.put("con", "path segment 'con' is a reserved device name");
    why.put("dev/tenants/COM1.yaml", "path segment 'COM1.yaml' is a reserved device name");
    why.put("dev/Lpt9/x.yaml", "path segment 'Lpt9' is a reserved device name");
    why.put("dev/aux.tar.gz", "path segment 'aux.tar.gz' is a reserved device name");
    why.put("dev/tenants/NUL", "path segment 'NUL' is a reserved device name");
    why.put("dev//x.yaml", "path has an empty segment");
    why.put("dev/", "path has an empty segment");
    why.put("/dev/x.yaml", "path is absolute");
    why.put("dev/../x.yaml", "path segment '..'" + notWord);
    why.put("dev/tenants/.hidden", "path segment '.hidden'" + notWord);
    why.put("dev/ends./x", "path segment 'ends.'" + notWord);
    why.put("dev/a b", "path segment 'a b'" + notWord);
    why.put("dev/back\\slash", "path contains a character outside the allowed ASCII set");
    why.put("dev/colon:name", "path contains a character outside the allowed ASCII set");
    why.put("dev/nul\0", "path contains a character outside the allowed ASCII set");
    why.put("dev/caf\u00e9", "path contains a character outside the allowed ASCII set");
    why.put("dev/" + "x".repeat(256), "path segment longer than 255 characters");
    why.put("", "empty path");
    why.forEach((path, expected) -> assertThat(OutputPaths.whyInvalid(path).orElse(null)).as(path).isEqualTo(expected));
  }
}
