package io.meshplate.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken overlay stops {@code meshplate render} with the overlay file, line and column, a rule
 * id and exit 3, and leaves {@code output/} byte for byte as it was.
 */
class InvalidOverlayRenderTest {
  @TempDir static Path dir;
  static Project project;
  static SortedMap<String, String> rendered;

  @BeforeAll
  static void renderShippedProject() {
    project = Project.copyTo(dir);
    Project.Run render = project.run("render");
    assertThat(render.exitCode()).as(render.err()).isZero();
    rendered = project.output();
  }

  /**
   * @param overlay the overlay changed
   * @param prepend text put before the file, or null
   * @param append text put after it, or null
   * @param marker the line (trimmed) the problem must point at
   */
  static Stream<Arguments> brokenOverlays() {
    return Stream.of(
        Arguments.of("unknown key", "prod", null, "\npatchez: []\n", "patchez: []", "OVERLAY-UNKNOWN-KEY"),
        Arguments.of("unknown JSON 6902 operation", "dev", null, """
              - target:
                  kind: Sidecar
                patch: |-
                  - op: frobnicate
                    path: /spec
            """, "- op: frobnicate", "OVERLAY-JSONPATCH-OP"),
        Arguments.of("extends cycle", "prod", "extends: prod-eu\n", null, "extends: prod-eu", "OVERLAY-EXTENDS-CYCLE"),
        Arguments.of("target kind never rendered", "prod", null, """
              - target:
                  kind: CronJob
                patch: |-
                  - op: remove
                    path: /spec/suspend
            """, "kind: CronJob", "OVERLAY-TARGET-KIND"),
        Arguments.of("target matching nothing", "prod", null, """
              - target:
                  kind: Sidecar
                  name: defualt
                patch: |-
                  - op: remove
                    path: /spec/outboundTrafficPolicy
            """, "- target:", "OVERLAY-PATCH-NO-MATCH"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenOverlays")
  void brokenOverlayIsReportedAtItsPositionWithExit3AndOutputUnchanged(
      String name, String overlay, String prepend, String append, String marker, String rule) {
    String file = "templates/overlays/" + overlay + "/overlay.yaml";
    String original = project.read(file);
    try {
      project.write(file, (prepend == null ? "" : prepend) + original + (append == null ? "" : append));
      int line = lastLineOf(project.read(file), marker);

      Project.Run render = project.run("render");

      assertThat(render.exitCode()).as(render.out() + render.err()).isEqualTo(3);
      assertThat(render.err()).containsPattern("(?m)^" + Pattern.quote(file + ":" + line + ":")
          + "\\d+: " + rule + ": ");
      assertThat(project.output()).isEqualTo(rendered);
    } finally {
      project.write(file, original);
    }
  }

  private static int lastLineOf(String text, String marker) {
    String[] lines = text.split("\n", -1);
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].strip().equals(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line " + marker);
  }
}
