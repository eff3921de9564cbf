package io.meshplate.cli;

import io.meshplate.pipeline.Pipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate validate}: descriptors, overlays and guardrails; writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check descriptors, overlays and cross-tenant guardrails; writes nothing.",
      "",
      "Reads tenants/*.yaml strictly, then checks the JSON Schema, names, references between",
      "tenants and each environment override, the overlays, and the guardrails. With --schemas",
      "it also renders in memory and checks every object. Prints all problems of all files,",
      "sorted: file:line:column: RULE-ID: message (hint). Warnings (a callee allowing a",
      "caller that does not call it; with --schemas also declared flows a rendered layer",
      "blocks) are printed as 'warning: ...' and never change the exit code.",
    })
final class ValidateCommand implements Callable<Integer> {
  // The global options are inherited from the root command, so they are read from there.
  @ParentCommand MeshplateCommand root;

  @Mixin RenderOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Pipeline pipeline = new Pipeline(root.global.workspace());
    Pipeline.Validated validated = pipeline.validate();
    String rendered = "";
    if (options.schemas != null) {
      var rendering = pipeline.renderInMemory(options.selection(), options.schemas);
      rendered = ", " + rendering.objects() + " rendered objects match their schemas";
      Warnings.print(rendering.warnings(), spec.commandLine().getErr());
    } else {
      Warnings.print(pipeline.intentWarnings(validated), spec.commandLine().getErr());
    }
    if (!root.global.quiet()) {
      int tenants = validated.tenants().size();
      spec.commandLine().getOut().println(
          tenants + (tenants == 1 ? " tenant" : " tenants") + " valid in "
              + validated.overlays().names().size() + " overlays" + rendered);
    }
    return ExitCodes.OK;
  }
}
