package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * README's command table, global options and exit codes say what the command line does: the
 * same commands, each with exactly the options picocli knows (global and help options aside),
 * and the exit-code table {@code meshplate --help} prints.
 */
class ReadmeAgreesWithHelpTest {
  private static final Pattern LONG_OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");
  private static final Set<String> HELP_OPTIONS = Set.of("--help", "--version");

  private static String readme() throws Exception {
    return Files.readString(Path.of("README.md"));
  }

  private static String section(String text, String heading) {
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as("README has a section " + heading).isPositive();
    int end = text.indexOf("\n#", start + heading.length() + 2);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private static CommandLine cli() {
    return Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  /** Every runnable command ({@code render}, {@code schemas pull}) with its own long options. */
  private static Map<String, Set<String>> commandsOf(CommandLine command, String prefix, Map<String, Set<String>> out) {
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      String name = prefix + sub.getKey();
      CommandSpec spec = sub.getValue().getCommandSpec();
      if (spec.usageMessage().hidden()) {
        continue;
      }
      if (!sub.getValue().getSubcommands().isEmpty()) {
        commandsOf(sub.getValue(), name + " ", out);
        continue;
      }
      Set<String> options = new TreeSet<>();
      for (OptionSpec option : spec.options()) {
        if (!option.inherited() && !HELP_OPTIONS.contains(option.longestName())) {
          options.add(option.longestName());
        }
      }
      out.put(name, options);
    }
    return out;
  }

  @Test
  void commandTableListsEveryCommandWithExactlyItsOptions() throws Exception {
    Map<String, Set<String>> documented = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(section(readme(), "## Commands"));
    while (row.find()) {
      String usage = row.group(1);
      Matcher words = Pattern.compile("^[a-z]+( [a-z]+)*(?= |$)").matcher(usage);
      assertThat(words.find()).as(usage).isTrue();
      Set<String> options = new TreeSet<>();
      Matcher option = LONG_OPTION.matcher(usage);
      while (option.find()) {
        options.add(option.group());
      }
      documented.put(words.group(), options);
    }
    assertThat(documented).isEqualTo(new TreeMap<>(commandsOf(cli(), "", new LinkedHashMap<>())));
  }

  @Test
  void globalOptionsAreTheRootCommandsOptions() throws Exception {
    String commands = section(readme(), "## Commands");
    int start = commands.indexOf("Global options");
    int end = commands.indexOf("\n\n", start);
    String paragraph = commands.substring(start, end < 0 ? commands.length() : end);
    Set<String> documented = new TreeSet<>();
    Matcher option = LONG_OPTION.matcher(paragraph);
    while (option.find()) {
      documented.add(option.group());
    }
    documented.removeAll(HELP_OPTIONS);
    Set<String> root = new TreeSet<>();
    cli().getCommandSpec().options().stream().map(OptionSpec::longestName)
        .filter(name -> !HELP_OPTIONS.contains(name)).forEach(root::add);
    assertThat(documented).isEqualTo(root);
  }

  @Test
  void exitCodeTableIsTheOneHelpPrints() throws Exception {
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| (.+) \\|$").matcher(section(readme(), "### Exit codes"));
    while (row.find()) {
      documented.put(row.group(1), row.group(2).replace("`", ""));
    }
    assertThat(documented).containsExactlyEntriesOf(ExitCodes.descriptions());
    StringWriter help = new StringWriter();
    CommandLine cli = cli();
    cli.setOut(new PrintWriter(help));
    assertThat(cli.execute("--help")).isZero();
    ExitCodes.descriptions().forEach((code, meaning) -> assertThat(help.toString()).contains(meaning));
  }
}
