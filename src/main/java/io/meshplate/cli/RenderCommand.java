package io.meshplate.cli;

import io.meshplate.output.OutputWriter;
import io.meshplate.output.WriteReport;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.schemas.SchemaFolder;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meshplate render}: validate, render in memory, check, then write what changed. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render tenants/*.yaml through templates/ into output/.",
      "",
      "Validates descriptors, overlays and guardrails, renders everything in memory,",
      "checks the post-render invariants, then writes only files whose bytes changed and",
      "deletes files meshplate owns that are no longer rendered. On any error output/ is",
      "left exactly as it was. Files in output/ meshplate did not render are reported",
      "(OUTPUT-FOREIGN-FILE), never changed. Then writes .github/CODEOWNERS (review",
      "routing from the descriptors' owners and the platform value platform.team) when",
      "it changed. The render is checked for intent equals effect (see reach): a flow no",
      "descriptor declares fails it with exit 4 (REACH-UNDECLARED); declared flows some",
      "layer blocks are printed as warnings, which never change the exit code.",
    })
final class RenderCommand implements Callable<Integer> {
  @ParentCommand MeshplateCommand root;

  @Mixin RenderOptions options;

  @Option(names = "--force-unlock",
      description = "Remove a stale lock left by a run that died (refused while its holder runs).")
  boolean forceUnlock;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    var workspace = root.global.workspace();
    if (forceUnlock) {
      spec.commandLine().getErr().println(OutputWriter.forceUnlock(workspace.root()));
    }
    Pipeline pipeline = new Pipeline(workspace, null, !options.noCache);
    var selection = options.selection(workspace);
    var schemas = options.schemaFolder(workspace);
    var result = pipeline.renderAndWrite(selection, schemas.map(SchemaFolder::dir).orElse(null));
    WriteReport written = result.written();
    result.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
    written.foreignPaths().forEach(path -> spec.commandLine().getErr().println(ForeignFiles.problem(workspace.output(), path).format()));
    RenderOptions.printNotes(result.rendering(), root.global.quiet(), spec.commandLine().getErr());
    Warnings.print(result.rendering().warnings(), spec.commandLine().getErr());
    if (!root.global.quiet()) {
      spec.commandLine().getOut().printf(Locale.ROOT,
          "rendered %d tenants into %d overlays (%d tenant folders), %d objects: "
              + "%d files written, %d unchanged, %d deleted in %.1f s%n",
          result.rendering().tenants(), result.rendering().overlays(), result.rendering().placements(),
          result.rendering().objects(), written.written(), written.unchanged(), written.deleted(),
          (System.nanoTime() - start) / 1e9);
      if (result.codeOwnersWritten()) {
        spec.commandLine().getOut().println("wrote " + Pipeline.CODEOWNERS);
      }
      String checked = RenderOptions.schemaSummary(schemas, result.rendering().objects(), workspace);
      if (!checked.isEmpty()) {
        spec.commandLine().getOut().println(checked);
      }
    }
    return ExitCodes.OK;
  }
}
