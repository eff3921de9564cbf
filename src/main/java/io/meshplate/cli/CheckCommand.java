package io.meshplate.cli;

import io.meshplate.pipeline.Pipeline;
import io.meshplate.schemas.SchemaFolder;
import io.meshplate.review.Deletion;
import io.meshplate.review.Reviewer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meshplate check}: the CI gate; never writes. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "CI gate: render in memory and compare with the committed output/.",
      "",
      "Validates, renders in memory and compares with the committed output/ and",
      ".github/CODEOWNERS. Never writes there; a write a killed render committed is",
      "completed first.",
      "",
      "Exit 0 when both are current; 1 listing each stale, missing or extra file with",
      "a short diff, and each file in output/ meshplate did not render (foreign); 3 or",
      "4 when descriptors, overlays or guardrails fail. Exit 4 as",
      "well when the render removes a tenant, or more than --max-deletion-share of a",
      "tenant's objects in an overlay, compared with the output committed at --base,",
      "unless --allow-deletion names the tenant.",
    })
final class CheckCommand implements Callable<Integer> {
  /** Lines of diff shown per stale file; the whole diff is one `render` + `git diff` away. */
  private static final int MAX_DIFF_LINES = 40;

  @ParentCommand MeshplateCommand root;

  @Mixin RenderOptions options;

  @Option(names = "--base", paramLabel = "REF",
      description = "Git revision the change starts from: the deletion guard compares with its committed output/, "
          + "and a conflict between two tenants is reported only at the one whose descriptor changed since "
          + "(default: origin/main if it resolves, else HEAD; no guard outside a Git repository).")
  String base;

  @Mixin DeletionOptions deletion;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var policy = deletion.policy();
    var workspace = root.global.workspace();
    Pipeline pipeline = new Pipeline(workspace, base, !options.noCache);
    var selection = options.selection(workspace);
    var schemas = options.schemaFolder(workspace);
    var staleness = pipeline.check(selection, schemas.map(SchemaFolder::dir).orElse(null),
        new Pipeline.DeletionRequest(base, policy));
    Warnings.print(staleness.rendering().warnings(), spec.commandLine().getErr());
    PrintWriter err = spec.commandLine().getErr();
    staleness.notes().forEach(note -> err.println("note: " + note));
    RenderOptions.printNotes(staleness.rendering(), root.global.quiet(), err);
    var guarded = staleness.deletions();
    if (guarded.base() == null && !root.global.quiet()) {
      err.println("note: deletion guard skipped (no Git repository or commit to compare with; name one with --base)");
    }
    for (Deletion approved : guarded.approved()) {
      err.println("deletion approved (--allow-deletion " + approved.tenant() + "): " + Reviewer.blastRadius(approved));
    }
    String checked = RenderOptions.schemaSummary(schemas, staleness.rendering().objects(), workspace);
    if (!checked.isEmpty() && !root.global.quiet()) {
      spec.commandLine().getOut().println(checked);
    }
    var changes = staleness.changes();
    if (staleness.isCurrent()) {
      if (!root.global.quiet()) {
        spec.commandLine().getOut().printf("output/ is current (%d files)%n", changes.unchanged());
      }
      return ExitCodes.OK;
    }
    if (!changes.isNoop()) {
      err.printf("output/ is stale: %d files to write, %d to delete%n", changes.written(), changes.deleted());
    }
    StaleFiles.print(workspace.output(), changes, MAX_DIFF_LINES, err);
    if (staleness.codeOwnersStale()) {
      StaleFiles.printOne(Pipeline.CODEOWNERS, pipeline.codeOwnersOnDisk(),
          staleness.rendering().codeOwners(), MAX_DIFF_LINES, err);
    }
    if (!changes.isNoop() || staleness.codeOwnersStale()) {
      err.println("Fix: run ./meshplate render" + options.argumentsForHint() + " and commit output/"
          + (staleness.codeOwnersStale() ? " and " + Pipeline.CODEOWNERS : "") + ".");
    }
    if (!changes.foreignPaths().isEmpty()) {
      err.println("Fix: remove the files meshplate does not render from output/ (or render them from a template).");
    }
    return ExitCodes.DIFFERENCES;
  }
}
