package io.meshplate.cli;

import io.meshplate.GuardrailException;
import io.meshplate.InvalidInputException;
import io.meshplate.OutputException;
import io.meshplate.TemplateFailureException;
import io.meshplate.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** The one table from failures to exit codes, shown in {@code --help} and in README. */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  public static final int OK = 0;
  public static final int DIFFERENCES = 1;
  public static final int USAGE = 2;
  public static final int INVALID_INPUT = 3;
  public static final int GUARDRAIL = 4;
  public static final int TEMPLATE = 5;
  public static final int IO = 6;
  public static final int INTERNAL = 70;

  /** Every exit code with what it means, in order, as {@code meshplate --help} lists them. */
  static Map<String, String> descriptions() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put(Integer.toString(OK), "success");
    table.put(Integer.toString(DIFFERENCES), "differences: stale output (check), changes (diff --exit-code), no flow matches (reach)");
    table.put(Integer.toString(USAGE), "usage error: unknown option, command, overlay, tenant or Git ref");
    table.put(Integer.toString(INVALID_INPUT), "invalid descriptor or overlay (YAML, schema, semantic rule, patch)");
    table.put(Integer.toString(GUARDRAIL), "guardrail or invariant violated, undeclared or unknown flow (REACH-*), unapproved deletion");
    table.put(Integer.toString(TEMPLATE), "template error (missing, unparsable, failing, or producing invalid YAML)");
    table.put(Integer.toString(IO), "I/O or Git error, or another run holds the output lock");
    table.put(Integer.toString(INTERNAL), "internal error (a bug: please report it with --stacktrace)");
    return table;
  }


  @Override
  public int getExitCode(Throwable failure) {
    if (failure instanceof CommandLine.ParameterException || failure instanceof UsageException) {
      return USAGE;
    }
    if (failure instanceof InvalidInputException) {
      return INVALID_INPUT;
    }
    if (failure instanceof GuardrailException) {
      return GUARDRAIL;
    }
    if (failure instanceof TemplateFailureException) {
      return TEMPLATE;
    }
    if (failure instanceof OutputException || failure instanceof IOException
        || failure instanceof UncheckedIOException) {
      return IO;
    }
    return INTERNAL;
  }
}
