package io.meshplate.cli;

import io.meshplate.descriptor.DescriptorLoader;
import io.meshplate.descriptor.Tenants;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshplate validate}: checks every descriptor; writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check every tenant descriptor; writes nothing.",
      "",
      "Reads tenants/*.yaml strictly, then checks the JSON Schema, names,",
      "references between tenants and each environment override. Prints all",
      "problems of all files, sorted: file:line:column: RULE-ID: message (hint).",
    })
final class ValidateCommand implements Callable<Integer> {
  // The global options are inherited from the root command, so they are read from there.
  @ParentCommand MeshplateCommand root;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Tenants tenants = DescriptorLoader.loadAll(root.global.workspace());
    if (!root.global.quiet()) {
      spec.commandLine().getOut().println(
          tenants.size() + (tenants.size() == 1 ? " tenant valid" : " tenants valid"));
    }
    return ExitCodes.OK;
  }
}
