package io.meshplate.testing;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints every skipped or aborted test with its reason on the console, where the build shows it
 * (Surefire only counts skips and keeps the reasons in its XML reports). A skipped or aborted
 * class says how many of its tests did not run. Registered for every JUnit run through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SkippedTestsReport implements TestExecutionListener {
  private final PrintStream out;
  private TestPlan plan;

  /** Prints to standard error, which the build passes through to the terminal. */
  public SkippedTestsReport() {
    this(System.err);
  }

  SkippedTestsReport(PrintStream out) {
    this.out = out;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    report("SKIPPED", test, reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      report("ABORTED", test, result.getThrowable().map(Throwable::getMessage).orElse("no reason given"));
    }
  }

  private void report(String what, TestIdentifier test, String reason) {
    long tests = test.isTest() ? 1 : plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count();
    String count = test.isTest() ? "" : " (" + tests + (tests == 1 ? " test" : " tests") + " not run)";
    out.println("[" + what + "] " + name(test) + count + ": " + (reason == null ? "no reason given" : reason));
    out.flush();
  }

  /** {@code ManifestSchemasTest > validObjectsPass()}: display names below the engine. */
  private String name(TestIdentifier test) {
    Deque<String> names = new ArrayDeque<>();
    for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent(); at = plan.getParent(at.get())) {
      if (at.get().getParentId().isPresent()) {
        names.addFirst(at.get().getDisplayName());
      }
    }
    return String.join(" > ", names);
  }
}
