package io.meshplate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshplate completion}: prints the bash/zsh completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash/zsh completion script: source <(./meshplate completion)",
      "",
      "Completes commands and options; --env with the overlays, --tenant and --allow-deletion",
      "with the tenants of the project on disk (read at each completion, honouring --root),",
      "--format with its values.",
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(CompletionScript.bash(spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
