package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.testing.StageRollout;
import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade guardrails of a rollout (RolloutCheck), each refusal at the value to change: a
 * version the target does not accept, waves out of order, a jump over a minor, the cleanup while
 * a wave still runs on the ServiceMeshControlPlane, and the rest of the WAVES-* rules.
 */
class RolloutCheckTest {
  private static final String FILE = "templates/overlays/stage/overlay.yaml";
  private static final String FROM = """
      from:
        target: ossm-2.6
        version: v2.6
        controlPlaneName: basic
      """;

  @TempDir Path root;

  @BeforeEach
  void copyTemplates() {
    TestFiles.copy(Path.of("templates"), root.resolve("templates"));
  }

  @Test
  void shippedStepsOfTheMigrationAreValid() {
    for (StageRollout step : StageRollout.values()) {
      step.writeTo(root);
      OverlayChain stage = OverlayLoader.load(new Workspace(root)).chain("stage");
      assertThat(Rollout.of(stage)).as(step.name()).isPresent();
    }
  }

  @Test
  void aLaterWaveAheadOfAnEarlierOneIsRefused() {
    String text = write(StageRollout.MESH, FROM + """
        waves:
          - name: canary
            version: v2.6
          - name: main
            version: v1.24.6
        """, "istio/istio-api-v1.20.8-*");
    assertThat(problems()).containsExactly(at(text, "version: v1.24.6", 2, "WAVES-ORDER",
        "overlay 'stage': wave 'main' (v1.24.6) is ahead of the earlier wave 'canary' (v2.6): waves move in order",
        "move wave canary first, or put main before it"));
  }

  @Test
  void aVersionTheTargetDoesNotAcceptIsRefused() {
    String text = write(StageRollout.MESH, FROM + """
        waves:
          - name: canary
            version: v1.26.8
          - name: main
            version: v2.6
        """, "istio/istio-api-v1.20.8-*");
    Problem problem = only("WAVES-VERSION-UNSUPPORTED");
    assertThat(problem.format()).startsWith(FILE + ":" + line(text, "version: v1.26.8", 1) + ":18: WAVES-VERSION-UNSUPPORTED: "
        + "overlay 'stage': wave 'canary' runs v1.26.8, which the ossm-3.0 operator does not run (revision default-v1-26-8); "
        + "it runs v1.24-latest, v1.24.6, v1.24.5, v1.24.4, v1.24.3 (raise mesh.target to an operator that runs it "
        + "(istio-1.26, ossm-3.1, ossm-3.2, ossm-3.3, ossm-3.4) and mesh.version with it, or pick one of them)");
  }

  @Test
  void anOperatorUpgradeThatDropsAWavesRevisionIsRefused() {
    // ossm-3.3 runs Istio 1.28, 1.27 and 1.26, not the 1.24 revision wave main is still on.
    String text = write("target: ossm-3.3\nversion: v1.26.8\ncontrolPlaneName: default\n", """
        waves:
          - name: canary
            version: v1.26.8
          - name: main
            version: v1.24.6
        """, "istio/istio-api-v1.30.3-*");
    Problem problem = only("WAVES-VERSION-UNSUPPORTED");
    assertThat(problem.line()).isEqualTo(line(text, "version: v1.24.6", 1));
    assertThat(problem.message()).contains("wave 'main' runs v1.24.6, which the ossm-3.3 operator does not run (revision default-v1-24-6)");
    assertThat(problem.hint()).isEqualTo("move wave main to a version ossm-3.3 runs before the operator moves past v1.24.6, "
        + "or keep an operator that runs it (istio-1.24, ossm-3.0, ossm-3.1, ossm-3.2)");
  }

  @Test
  void aJumpOverAMinorTheOperatorDoesNotSupportIsRefused() {
    // ossm-3.2 runs 1.27, 1.26 and 1.24: from 1.24 the next minor is 1.26, not 1.27.
    String text = write("target: ossm-3.2\nversion: v1.27.9\ncontrolPlaneName: default\n", """
        waves:
          - name: canary
            version: v1.27.9
          - name: main
            version: v1.24.6
        """, null);
    Problem jump = only("WAVES-MINOR-JUMP");
    assertThat(jump.format()).isEqualTo(FILE + ":" + line(text, "version: v1.24.6", 1) + ":18: WAVES-MINOR-JUMP: overlay 'stage': "
        + "wave 'main' runs Istio 1.24 while mesh.version v1.27.9 runs 1.27: the ossm-3.2 operator upgrades one minor at a time, "
        + "and this skips 1.26 (move every wave to a 1.26 version first (mesh.version too), then on)");
  }

  @Test
  void adjacentMinorsOfARevisionBasedUpgradePass() {
    write("target: ossm-3.1\nversion: v1.26.8\ncontrolPlaneName: default\n", """
        waves:
          - name: canary
            version: v1.26.8
          - name: main
            version: v1.24.6
        """, null);
    // 1.26 has no CRD file in the schema set: that is the only complaint, not the upgrade.
    assertThat(problems()).extracting(Problem::rule).containsOnly("MESH-SCHEMAS-MISMATCH");
  }

  @Test
  void theCleanupIsRefusedWhileAWaveStillRunsOnTheServiceMeshControlPlane() {
    String text = write(StageRollout.MESH, """
        waves:
          - name: canary
            version: v1.24.6
          - name: main
            version: v2.6
        """, null);
    assertThat(problems()).containsExactly(at(text, "version: v2.6", 1, "WAVES-CLEANUP-IN-USE",
        "overlay 'stage': wave 'main' still runs v2.6 on the ServiceMeshControlPlane, but rollout.from no longer declares it: "
            + "the ServiceMeshControlPlane is removed only once no wave runs on it",
        "move wave main to v1.24.6 and let its namespaces restart first, or restore rollout.from"));
  }

  @Test
  void aWaveAheadOfTheIstiosVersionIsRefused() {
    String text = write("target: ossm-3.1\nversion: v1.24.6\ncontrolPlaneName: default\n", """
        waves:
          - name: canary
            version: v1.26.8
          - name: main
            version: v1.24.6
        """, null);
    Problem ahead = only("WAVES-AHEAD");
    assertThat(ahead.line()).isEqualTo(line(text, "version: v1.26.8", 1));
    assertThat(ahead.hint()).startsWith("raise mesh.version to v1.26.8 first");
  }

  @Test
  void theMigrationFromOssm26RunsIstio124Only() {
    String text = write("target: ossm-3.1\nversion: v1.26.8\ncontrolPlaneName: default\n", FROM + """
        waves:
          - name: canary
            version: v2.6
        """, "istio/istio-api-v1.20.8-*");
    Problem problem = only("WAVES-MIGRATION-UNSUPPORTED");
    assertThat(problem.format()).startsWith(FILE + ":" + line(text, "version: v1.26.8", 1) + ":14: WAVES-MIGRATION-UNSUPPORTED: "
        + "overlay 'stage': mesh.version v1.26.8 runs Istio 1.26 beside the ossm-2.6 ServiceMeshControlPlane; "
        + "the migration supports only Istio 1.24");
  }

  @Test
  void aDefaultTagBesideTheServiceMeshControlPlaneIsRefused() {
    String text = write(StageRollout.MESH, FROM + """
        waves:
          - name: default
            version: v2.6
        """, "istio/istio-api-v1.20.8-*");
    Problem problem = only("WAVES-TAG-NAME");
    assertThat(problem.line()).isEqualTo(line(text, "name: default", 1));
    assertThat(problem.message()).contains("the ServiceMeshControlPlane's members would get two sidecars");
  }

  @Test
  void anAliasVersionIsRefusedInARollout() {
    String text = write("target: ossm-3.0\nversion: v1.24-latest\ncontrolPlaneName: default\n", """
        waves:
          - name: main
            version: v1.24-latest
        """, null);
    assertThat(problems()).extracting(Problem::rule, Problem::line).containsExactly(
        Tuple.tuple("WAVES-VERSION-ALIAS", line(text, "version: v1.24-latest", 1)),
        Tuple.tuple("WAVES-VERSION-ALIAS", line(text, "version: v1.24-latest", 2)));
  }

  @Test
  void theServiceMeshControlPlaneBelongsUnderFrom() {
    String text = write("target: ossm-2.6\nversion: v2.6\n", """
        waves:
          - name: main
            version: v2.6
        """, null);
    assertThat(only("WAVES-TARGET").line()).isEqualTo(line(text, "target: ossm-2.6", 1));
    write(StageRollout.MESH, """
        from:
          target: ossm-3.0
          version: v1.24.6
          controlPlaneName: basic
        waves:
          - name: main
            version: v1.24.6
        """, null);
    assertThat(only("WAVES-FROM").message()).contains("rollout.from.target 'ossm-3.0' is not an OSSM 2 target");
  }

  /** Loading such an overlay stopped with a NullPointerException (exit 70) before any rule spoke. */
  @Test
  void aRolloutWithoutTheTargetOrVersionItLeavesIsRefusedAtItsFrom() {
    String text = write(StageRollout.MESH, """
        from:
          version: v2.6
          controlPlaneName: basic
        waves:
          - name: canary
            version: v1.24.6
          - name: main
            version: v2.6
        """, "istio/istio-api-v1.20.8-*");
    assertThat(only("WAVES-SHAPE").format()).startsWith(FILE + ":" + (line(text, "from:", 1) + 1)
        + ":7: WAVES-SHAPE: overlay 'stage': rollout.from.target must be set (a string)");

    write(StageRollout.MESH, """
        from:
          target: ossm-2.6
          controlPlaneName: basic
        waves:
          - name: canary
            version: v1.24.6
          - name: main
            version: v2.6
        """, "istio/istio-api-v1.20.8-*");
    assertThat(problems()).extracting(Problem::rule).contains("WAVES-SHAPE");
  }

  @Test
  void malformedRolloutsAreRefusedWithTheirPosition() {
    String text = write(StageRollout.MESH, FROM + """
        wave: []
        waves:
          - name: canary
            version: v2.6
            tenants: [catalog]
          - name: Main
            version: v2.6
            tenants: [catalog]
        """, "istio/istio-api-v1.20.8-*");
    assertThat(problems()).extracting(Problem::rule, Problem::line, Problem::message).containsExactly(
        Tuple.tuple("WAVES-SHAPE", line(text, "wave: []", 1),
            "overlay 'stage': unknown key 'wave' in rollout"),
        Tuple.tuple("WAVES-SHAPE", line(text, "name: Main", 1),
            "overlay 'stage': wave name 'Main' is not a DNS-1123 label"),
        Tuple.tuple("WAVES-SHAPE", line(text, "tenants: [catalog]", 2),
            "overlay 'stage': tenant 'catalog' is assigned to wave 'canary' and to wave 'Main'"));
  }

  @Test
  void bothControlPlanesCrdsAreSelectedDuringTheMigration() {
    String text = write(StageRollout.MESH, StageRollout.CANARY.rollout(), null);
    // At the list of validation.schemas: its first entry.
    assertThat(problems()).containsExactly(new Problem(FILE, line(text, "schemas:", 1) + 1, 7, "MESH-SCHEMAS-MISMATCH",
        "overlay 'stage': mesh.version v1.24.6 runs Istio 1.24 and its rollout also Istio 1.20, but validation.schemas does not "
            + "select the Istio 1.20 CRDs ('istio/istio-api-v1.20.8-*')", "add 'istio/istio-api-v1.20.8-*' to validation.schemas"));
    // After the cleanup, objects are v1: the ServiceMeshControlPlane's 1.20 CRDs must go.
    text = write(StageRollout.MESH, StageRollout.CLEANUP.rollout(), "istio/istio-api-v1.20.8-*");
    assertThat(only("MESH-SCHEMAS-MISMATCH").line()).isEqualTo(line(text, "istio/istio-api-v1.20.8-*", 1));
  }

  @Test
  void aRolloutMayKeepTheCrdsOfAnOlderMinorItLeftButNotTheServiceMeshControlPlanes() {
    // Pretend the 1.26 CRDs are available (the shared schema set has none; a second pattern for the
    // 1.30 file stands in): every wave left 1.24.
    TestProject project = new TestProject(root);
    String table = project.read("templates/base/mesh-versions.yaml");
    project.write("templates/base/mesh-versions.yaml", table.replace("istioSchemas:\n", "istioSchemas:\n  \"1.26\": istio/istio-api-v1.30.3-custom*\n"));
    String mesh = "target: ossm-3.1\nversion: v1.26.8\ncontrolPlaneName: default\n";
    String waves = "waves:\n  - name: main\n    version: v1.26.8\n";
    project.write(FILE, StageRollout.overlay(mesh, waves, List.of("istio/istio-api-v1.30.3-custom*", StageRollout.ISTIO_124)));
    OverlayLoader.load(new Workspace(root));
    // Without a rollout the same list is a mistake.
    String text = StageRollout.overlay(mesh, null, List.of("istio/istio-api-v1.30.3-custom*", StageRollout.ISTIO_124));
    project.write(FILE, text);
    assertThat(only("MESH-SCHEMAS-MISMATCH").line()).isEqualTo(line(text, StageRollout.ISTIO_124, 1));
  }

  @Test
  void theStaleProxyAlertDelayIsAPrometheusDuration() {
    String text = StageRollout.overlay(StageRollout.MESH, StageRollout.CANARY.rollout(), StageRollout.CANARY.istioSchemas())
        + "  monitoring:\n    staleProxyAlertAfter: six hours\n";
    new TestProject(root).write(FILE, text);
    assertThat(only("VALUES-INVALID").format()).isEqualTo(FILE + ":" + line(text, "staleProxyAlertAfter", 1)
        + ": VALUES-INVALID: monitoring.staleProxyAlertAfter is 'six hours'; it must be a Prometheus duration (the wave alerts' `for`)"
        + " (write a duration such as 6h or 90m)");
  }

  private String write(String mesh, String rollout, String extraSchema) {
    List<String> globs = extraSchema == null ? List.of(StageRollout.ISTIO_124) : List.of(extraSchema, StageRollout.ISTIO_124);
    String text = StageRollout.overlay(mesh, rollout, globs);
    new TestProject(root).write(FILE, text);
    return text;
  }

  private List<Problem> problems() {
    try {
      OverlayLoader.load(new Workspace(root));
    } catch (InvalidInputException e) {
      return e.problems().stream().sorted().toList();
    }
    throw new AssertionError("expected InvalidInputException");
  }

  private Problem only(String rule) {
    List<Problem> matching = problems().stream().filter(p -> p.rule().equals(rule)).toList();
    assertThat(matching).as(problems().toString()).hasSize(1);
    return matching.get(0);
  }

  /** The 1-based line of the {@code occurrence}-th line containing {@code fragment}. */
  static int line(String text, String fragment, int occurrence) {
    String[] lines = text.split("\n", -1);
    int seen = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment) && ++seen == occurrence) {
        return i + 1;
      }
    }
    throw new AssertionError("no line " + occurrence + " with " + fragment);
  }

  /** A problem at the value after the key on that line. */
  private static Problem at(String text, String fragment, int occurrence, String rule, String message, String hint) {
    int line = line(text, fragment, occurrence);
    String content = text.split("\n", -1)[line - 1];
    int column = content.indexOf(':', content.indexOf(fragment.substring(0, fragment.indexOf(':')))) + 3;
    return new Problem(FILE, line, column, rule, message, hint);
  }
}
