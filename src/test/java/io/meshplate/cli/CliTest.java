package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line {@link Cli#create} builds: the subcommands a run needs, all of them when it needs the tree. */
class CliTest {
  private static final String[] EVERY_COMMAND = {
    "help", "validate", "render", "check", "new", "diff", "scope", "publish", "explain", "reach", "schemas",
    "completion", "waves",
  };

  @TempDir Path dir;

  private static CommandLine create(String... args) {
    return Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }

  @Test
  void aRunBuildsOnlyTheSubcommandsItNames() {
    assertThat(create("--root", "project", "reach", "--from", "t0").getSubcommands()).containsOnlyKeys("reach");
    // A word that names another command as an option's value only adds that command.
    assertThat(create("diff", "--base", "check").getSubcommands().keySet()).containsExactly("check", "diff");
    // Sub-subcommands come with their command.
    assertThat(create("schemas", "pull").getSubcommands().get("schemas").getSubcommands()).containsOnlyKeys("pull");
  }

  @Test
  void theWholeTreeWhenNoCommandIsNamedOrTheCommandReadsIt() {
    assertThat(create().getSubcommands().keySet()).containsExactly(EVERY_COMMAND);
    assertThat(create("--help").getSubcommands().keySet()).containsExactly(EVERY_COMMAND);
    assertThat(create("help", "render").getSubcommands().keySet()).containsExactly(EVERY_COMMAND);
    assertThat(create("completion").getSubcommands().keySet()).containsExactly(EVERY_COMMAND);
  }

  @Test
  void everyCommandPrintsTheVersion() {
    String version = TestProject.cli(dir, "--version").out();
    assertThat(version).startsWith("meshplate ");
    for (String[] args : new String[][] {{"render", "-V"}, {"reach", "--version"}, {"schemas", "pull", "-V"}}) {
      TestProject.Run run = TestProject.cli(dir, args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).as(String.join(" ", args)).isEqualTo(version);
    }
  }

  @Test
  void aMisspeltCommandStillGetsItsSuggestionsAndTheSettingsReachTheNamedCommand() {
    TestProject.Run misspelt = TestProject.cli(dir, "rendr");
    assertThat(misspelt.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(misspelt.err()).contains("Did you mean: meshplate render");

    // The usage width and the short usage-error handler apply to a subcommand built alone.
    TestProject.Run unknownOption = TestProject.cli(dir, "render", "--no-such-option");
    assertThat(unknownOption.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknownOption.err()).contains("Unknown option: '--no-such-option'")
        .contains("Try 'meshplate render --help' for more information.");
    assertThat(create("render").getSubcommands().get("render").getUsageHelpWidth()).isEqualTo(100);
  }

  /**
   * Cli turns off picocli's converters for java.sql and java.time types (a start-up cost): that
   * holds only while no option or positional parameter of any command has such a type, which this
   * walks the whole tree for.
   */
  @Test
  void noOptionNeedsAConverterPicocliIsToldToSkip() {
    CommandLine root = create();
    assertThat(System.getProperty("picocli.converters.excludes")).contains("java\\.sql").contains("java\\.time");
    List<String> typed = new ArrayList<>();
    Deque<CommandLine> commands = new ArrayDeque<>(List.of(root));
    while (!commands.isEmpty()) {
      CommandLine command = commands.pop();
      commands.addAll(command.getSubcommands().values());
      for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
        List<Class<?>> types = new ArrayList<>(List.of(arg.type()));
        types.addAll(List.of(arg.auxiliaryTypes()));
        types.stream().map(Class::getName).filter(name -> name.startsWith("java.sql.") || name.startsWith("java.time."))
            .forEach(name -> typed.add(command.getCommandName() + " " + arg.paramLabel() + ": " + name));
      }
    }
    assertThat(typed).as("arguments of a type whose converter picocli skips").isEmpty();
    assertThat(root.getSubcommands()).hasSize(EVERY_COMMAND.length);
  }
}
