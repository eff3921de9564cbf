package io.meshplate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Skips are visible with their reason, and a class whose requirement is missing counts each of
 * its tests as skipped. The fixtures below are run through the real JUnit launcher (they are
 * nested, so the build does not run them on its own).
 */
class SkippedTestsReportTest {
  /** Like {@code @Requires} with a requirement that is missing outside CI. */
  static final class MissingTool implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return RequirementCondition.decide(List.of("kubectl not found (looked for kubectl on the PATH)"), false);
    }
  }

  @ExtendWith(MissingTool.class)
  static class ClassNeedingATool {
    @Test void first() {}
    @Test void second() {}
  }

  static class ClassAbortingBeforeAll {
    @BeforeAll static void look() {
      Assumptions.abort("the folder is not here");
    }

    @Test void only() {}
  }

  static class MixedClass {
    @Test void runs() {}

    @Test void aborts() {
      Assumptions.abort("no network here");
    }

    @Disabled("flaky on Fridays")
    @Test void disabled() {}
  }

  private static String run(SummaryGeneratingListener summary, Class<?>... classes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    var request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> c : classes) {
      request.selectors(selectClass(c));
    }
    // Auto-registration off: the report under test prints here, not to the build's console.
    LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
        .execute(request.build(), new SkippedTestsReport(out), summary);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySkipAndAbortIsPrintedWithItsReason() {
    String printed = run(new SummaryGeneratingListener(), MixedClass.class, ClassAbortingBeforeAll.class);

    assertThat(printed.lines()).containsExactlyInAnyOrder(
        "[ABORTED] SkippedTestsReportTest$MixedClass > aborts(): no network here",
        "[SKIPPED] SkippedTestsReportTest$MixedClass > disabled(): flaky on Fridays",
        "[ABORTED] SkippedTestsReportTest$ClassAbortingBeforeAll (1 test not run): the folder is not here");
  }

  @Test
  void aClassWithAMissingRequirementSkipsEachOfItsTestsWithTheReason() {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    String printed = run(summary, ClassNeedingATool.class);

    assertThat(printed).isEqualTo("[SKIPPED] SkippedTestsReportTest$ClassNeedingATool (2 tests not run): "
        + "kubectl not found (looked for kubectl on the PATH); skipped outside CI\n");
    // Skipped, not aborted: build tools then count the class's tests as skipped, not as zero run.
    assertThat(summary.getSummary().getContainersSkippedCount()).isEqualTo(1);
    assertThat(summary.getSummary().getContainersAbortedCount()).isZero();
  }

  @Test
  void aMissingRequirementFailsInCi() {
    assertThatThrownBy(() -> RequirementCondition.decide(List.of("shared schemas not found"), true))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("shared schemas not found; CI (CI=true) must provide it (see .ci/run)");
    assertThat(RequirementCondition.decide(List.of(), true).isDisabled()).isFalse();
  }
}
