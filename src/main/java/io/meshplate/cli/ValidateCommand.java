package io.meshplate.cli;

import io.meshplate.Workspace;
import io.meshplate.descriptor.DescriptorLoader;
import io.meshplate.descriptor.Tenants;
import java.nio.file.Files;
import io.meshplate.pipeline.Pipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshplate validate}: checks every descriptor and the cross-tenant guardrails; writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check every tenant descriptor; writes nothing.",
      "",
      "Reads tenants/*.yaml strictly, then checks the JSON Schema, names,",
      "references between tenants, each environment override, the overlays and",
      "the cross-tenant guardrails (exit 4; without templates/ descriptors only).",
      "Prints all problems of all files, sorted:",
      "file:line:column: RULE-ID: message (hint).",
    })
final class ValidateCommand implements Callable<Integer> {
  // The global options are inherited from the root command, so they are read from there.
  @ParentCommand MeshplateCommand root;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // Descriptors, overlays and the cross-tenant guardrails (exit 4), as render and check run
    // them: a descriptor that claims another tenant's host is not "valid". A checkout without
    // templates/ (descriptors only) has no overlays to place tenants in: descriptors alone.
    Workspace workspace = root.global.workspace();
    Tenants tenants = Files.isDirectory(workspace.templates())
        ? new Pipeline(workspace).validate().tenants()
        : DescriptorLoader.loadAll(workspace);
    if (!root.global.quiet()) {
      spec.commandLine().getOut().println(
          tenants.size() + (tenants.size() == 1 ? " tenant valid" : " tenants valid"));
    }
    return ExitCodes.OK;
  }
}
