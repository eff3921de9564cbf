package io.meshplate.cli;

import io.meshplate.pipeline.Pipeline;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meshplate check}: the CI gate; never writes. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "CI gate: validate, render in memory and compare with the committed output/.",
      "",
      "Exit 0 when output/ is current; exit 1 listing each stale, missing or extra file",
      "with a short diff; 3 or 4 when descriptors, overlays or guardrails fail. Never writes.",
    })
final class CheckCommand implements Callable<Integer> {
  /** Lines of diff shown per stale file; the whole diff is one `render` + `git diff` away. */
  private static final int MAX_DIFF_LINES = 40;

  @ParentCommand MeshplateCommand root;

  @Mixin RenderOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var workspace = root.global.workspace();
    var staleness = new Pipeline(workspace).check(options.selection(), options.schemas);
    var changes = staleness.changes();
    PrintWriter out = spec.commandLine().getOut();
    if (changes.isNoop()) {
      if (!root.global.quiet()) {
        out.printf("output/ is current (%d files)%n", changes.unchanged());
      }
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf("output/ is stale: %d files to write, %d to delete%n", changes.written(), changes.deleted());
    StaleFiles.print(workspace.output(), staleness.rendering().files(), changes, MAX_DIFF_LINES, err);
    err.println("Fix: run ./meshplate render" + options.argumentsForHint() + " and commit output/.");
    return ExitCodes.DIFFERENCES;
  }
}
