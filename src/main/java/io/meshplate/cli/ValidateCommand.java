package io.meshplate.cli;

import io.meshplate.OutputException;
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
      "(default: the project's schemas folder when it exists) it also renders in memory and checks",
      "every object, naming the folder it used. Prints all problems of all files,",
      "sorted: file:line:column: RULE-ID: message (hint). Warnings (a callee allowing a",
      "caller that does not call it; with schemas also declared flows a rendered layer",
      "blocks) are printed as 'warning: ...' and never change the exit code.",
      "",
      "--tenant T: every descriptor is still checked (references and guardrails span tenants,",
      "and one invalid descriptor stops every render), but only T's problems and warnings are",
      "listed; the problems of other descriptors are counted with their files. An unknown tenant",
      "or overlay is exit 2.",
    })
final class ValidateCommand implements Callable<Integer> {
  // The global options are inherited from the root command, so they are read from there.
  @ParentCommand MeshplateCommand root;

  @Mixin RenderOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var workspace = root.global.workspace();
    var selection = options.selection(workspace);
    Pipeline pipeline = new Pipeline(workspace, null, !options.noCache);
    try {
      pipeline.completeInterruptedWrite().forEach(note -> spec.commandLine().getErr().println("note: " + note));
    } catch (OutputException cannot) {
      // validate does not read output/; say what is wrong there and carry on
      spec.commandLine().getErr().println("note: " + cannot.getMessage());
    }
    Pipeline.Validated validated = TenantFocus.validate(pipeline, selection.tenants());
    var schemas = options.schemaFolder(workspace);
    String rendered = "";
    if (schemas.isPresent()) {
      var rendering = pipeline.verify(selection, schemas.get().dir());
      RenderOptions.printNotes(rendering, root.global.quiet(), spec.commandLine().getErr());
      rendered = ", " + RenderOptions.schemaSummary(schemas, rendering.objects(), workspace);
      Warnings.print(TenantFocus.warnings(rendering.warnings(), selection.tenants()), spec.commandLine().getErr());
    } else {
      Warnings.print(TenantFocus.warnings(pipeline.intentWarnings(validated), selection.tenants()),
          spec.commandLine().getErr());
    }
    if (!root.global.quiet()) {
      int tenants = validated.tenants().size();
      String valid = selection.tenants().isEmpty()
          ? tenants + (tenants == 1 ? " tenant" : " tenants")
          : String.join(", ", selection.tenants()) + " (checked with all " + tenants + " descriptors)";
      spec.commandLine().getOut().println(
          valid + " valid in " + validated.overlays().names().size() + " overlays" + rendered);
    }
    return ExitCodes.OK;
  }
}
