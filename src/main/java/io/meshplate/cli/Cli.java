package io.meshplate.cli;

import io.meshplate.InvalidInputException;
import io.meshplate.MeshplateException;
import io.meshplate.Problem;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Builds the configured command line. {@code Main} and the tests both go through {@link
 * #create}, so what the tests exercise is exactly what users run.
 */
public final class Cli {
  private Cli() {}

  /** The subcommands, in the order {@code --help} lists them. */
  private static final List<Class<?>> COMMANDS = List.of(
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      RenderCommand.class,
      CheckCommand.class,
      NewCommand.class,
      DiffCommand.class,
      ScopeCommand.class,
      PublishCommand.class,
      ExplainCommand.class,
      ReachCommand.class,
      SchemasCommand.class,
      CompletionCommand.class,
      WavesCommand.class);

  /** Subcommands that read the whole command tree: help lists it, completion completes it. */
  private static final Set<Class<?>> WHOLE_TREE = Set.of(CommandLine.HelpCommand.class, CompletionCommand.class);

  /**
   * A command line for {@code args} printing to {@code out} and {@code err}; {@code execute}
   * never throws. picocli reflects over every command it registers, so only the subcommands
   * {@code args} names are built (about 50 ms less at every start); every one is when
   * {@code args} names none (a usage error, {@code --help}, a misspelt command picocli suggests
   * a name for) or names one that reads the whole tree. A word that only looks like a command
   * (an option's value) registers one more subcommand, which changes nothing.
   */
  public static CommandLine create(PrintWriter out, PrintWriter err, String... args) {
    skipUnusedPicocliSetup();
    CommandLine cli = new CommandLine(new MeshplateCommand());
    Set<String> words = Set.copyOf(Arrays.asList(args));
    List<Class<?>> named = COMMANDS.stream().filter(c -> words.contains(nameOf(c))).toList();
    List<Class<?>> registered = named.isEmpty() || named.stream().anyMatch(WHOLE_TREE::contains) ? COMMANDS : named;
    // Before the settings below: picocli applies each to the subcommands registered at that moment.
    registered.forEach(cli::addSubcommand);
    // -V is offered by every command; picocli asks each command's own provider, and only the root names one.
    withVersion(cli, new VersionProvider());
    cli.getCommandSpec().usageMessage().exitCodeList(ExitCodes.descriptions());
    // Descriptions are written for 100 columns; picocli's default of 80 breaks them mid-sentence.
    cli.setUsageHelpWidth(100);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(new ExitCodes());
    cli.setExecutionExceptionHandler(Cli::handleFailure);
    cli.setParameterExceptionHandler(Cli::handleUsageError);
    cli.setExecutionStrategy(Cli::executeWithColourChoice);
    return cli;
  }

  /**
   * Turns off, through picocli's own system properties, start-up work of picocli that meshplate
   * has no use for; a {@code -D} of the same name still decides. picocli looks up Groovy's closure
   * class once (absent here, so a failed class lookup), and for every command line it builds it
   * loads the java.sql and java.time types it has converters for; no option of meshplate has such
   * a type (an option that one day has one fails every test that parses it). Both were about a
   * tenth of building the command line of {@code render}, which every run does before its work.
   */
  private static void skipUnusedPicocliSetup() {
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
    }
  }

  private static void withVersion(CommandLine command, CommandLine.IVersionProvider version) {
    command.getCommandSpec().versionProvider(version);
    command.getSubcommands().values().forEach(sub -> withVersion(sub, version));
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(CommandLine.Command.class).name();
  }

  /**
   * Watches this process's garbage collector: a run that spends nearly all its time collecting
   * ends as one that ran out of memory would ({@link HeapWatch}). Only for the process's entry
   * point; it halts the JVM.
   */
  public static void watchHeap(PrintWriter err) {
    HeapWatch.start(err);
  }

  /** Applies {@code --no-color} before the command runs, then runs it. */
  private static int executeWithColourChoice(CommandLine.ParseResult parseResult) {
    CommandLine root = parseResult.commandSpec().root().commandLine();
    boolean noColor = parseResult.hasMatchedOption("--no-color")
        || parseResult.subcommands().stream().anyMatch(s -> deepMatches(s, "--no-color"))
        || System.getenv("NO_COLOR") != null;
    if (noColor) {
      root.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
      parseResult.asCommandLineList().forEach(c -> c.setColorScheme(root.getColorScheme()));
    }
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } catch (StackOverflowError | OutOfMemoryError exhausted) {
      // Input-driven (deep or huge input that slipped past the reader's limits), so a clean
      // positioned-as-possible error with exit 3, never a crash. Writes are journalled: an
      // interrupted write is rolled back by the next run, so output/ stays as it was.
      throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(),
          "resource exhausted", resourceExhausted(exhausted));
    }
  }

  /**
   * The failure a StackOverflowError or OutOfMemoryError is reported as. Stack runs out on deep
   * input that slipped past the reader's limits; memory runs out when the heap ceiling is too
   * low for the tree (or a structure is huge), so the message names the ceiling and the knob.
   */
  static InvalidInputException resourceExhausted(Error exhausted) {
    String unchanged = "output/ is as it was (a write already committed to the journal is completed by the next run)";
    if (exhausted instanceof StackOverflowError) {
      return new InvalidInputException(List.of(new Problem("tenants/", 0, 0, "RESOURCE-EXHAUSTED",
          "the input needed more stack than this process has; " + unchanged,
          "look for a very deep structure in the changed descriptors; the YAML limits are in SECURITY.md")));
    }
    long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
    String twice = "-Xmx" + Math.max(2, (2 * heapMiB + 1023) / 1024) + "g";
    return new InvalidInputException(List.of(new Problem("tenants/", 0, 0, "RESOURCE-EXHAUSTED",
        "meshplate ran out of memory: the Java heap is limited to " + heapMiB + " MiB; " + unchanged,
        "raise the limit, e.g. MESHPLATE_JAVA_OPTS=" + twice + " (the ./meshplate launcher sets -Xmx"
            + Launcher.DEFAULT_HEAP + "; with java -jar pass " + twice + "); memory grows with the number of"
            + " tenant folders and the largest of them")));
  }

  private static boolean deepMatches(CommandLine.ParseResult result, String option) {
    return result.hasMatchedOption(option)
        || result.subcommands().stream().anyMatch(s -> deepMatches(s, option));
  }

  /**
   * The one place a failure becomes text: its message (every problem on its own line), and a
   * stack trace only with {@code --stacktrace} or for internal errors.
   */
  private static int handleFailure(
      Exception failure, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    int code = command.getExitCodeExceptionMapper().getExitCode(failure);
    boolean stacktrace = deepMatches(parseResult.commandSpec().root().commandLine().getParseResult(), "--stacktrace");
    if (failure instanceof MeshplateException known) {
      err.println(command.getColorScheme().errorText(known.getMessage()));
      int problems = known.problems().size();
      if (problems > 1) {
        err.println(problems + " problems.");
      }
    } else {
      err.println(command.getColorScheme().errorText(
          "meshplate: internal error: " + Problem.visible(String.valueOf(failure))
              + " (this is a bug; please report it with the --stacktrace output)"));
    }
    if (stacktrace) {
      failure.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** A short usage error: the message, suggestions, and where to read more (no full help page). */
  private static int handleUsageError(CommandLine.ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText(failure.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(failure, err);
    err.print(command.getHelp().fullSynopsis());
    err.printf("Try '%s --help' for more information.%n", command.getCommandSpec().qualifiedName());
    err.flush();
    return ExitCodes.USAGE;
  }
}
