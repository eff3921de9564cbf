package io.meshplate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A StackOverflowError or OutOfMemoryError raised while a command runs (input deep or large
 * enough to get past every limit) is a clean, rule-identified error with exit 3, not a crash
 * and not exit 70.
 */
class ResourceExhaustionTest {
  @Command(name = "exhaust")
  static final class Exhaust implements Callable<Integer> {
    @CommandLine.Parameters String what;

    @Override
    public Integer call() {
      if (what.equals("stack")) {
        return recurse(0);
      }
      throw new OutOfMemoryError("Java heap space");
    }

    private int recurse(int depth) {
      return recurse(depth + 1) + 1;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stack", "memory"})
  void exhaustionIsACleanInputError(String what) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true));
    cli.addSubcommand("exhaust", new Exhaust());

    int code = cli.execute("exhaust", what);

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains(what.equals("stack")
            ? "RESOURCE-EXHAUSTED: the input needed more stack"
            : "RESOURCE-EXHAUSTED: meshplate ran out of memory: the Java heap is limited to "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB")
        .doesNotContain("\tat ").doesNotContain("Error:").doesNotContain("internal error");
    if (what.equals("memory")) {
      assertThat(err.toString()).contains("MESHPLATE_JAVA_OPTS=-Xmx").doesNotContain("deep");
    }
  }
}
