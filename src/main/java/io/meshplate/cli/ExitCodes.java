package io.meshplate.cli;

import io.meshplate.GuardrailException;
import io.meshplate.InvalidInputException;
import io.meshplate.OutputException;
import io.meshplate.TemplateFailureException;
import io.meshplate.UsageException;
import picocli.CommandLine;

/** The one table from failures to exit codes (DESIGN §6), shown in {@code --help} and README. */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  public static final int OK = 0;
  public static final int DIFFERENCES = 1;
  public static final int USAGE = 2;
  public static final int INVALID_INPUT = 3;
  public static final int GUARDRAIL = 4;
  public static final int TEMPLATE = 5;
  public static final int IO = 6;
  public static final int INTERNAL = 70;


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
    if (failure instanceof OutputException || failure instanceof java.io.IOException
        || failure instanceof java.io.UncheckedIOException) {
      return IO;
    }
    return INTERNAL;
  }
}
