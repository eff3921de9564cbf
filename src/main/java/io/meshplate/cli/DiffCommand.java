package io.meshplate.cli;

import io.meshplate.GuardrailException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.review.DeletionPolicy;
import io.meshplate.review.Effects;
import io.meshplate.review.OutputCheck;
import io.meshplate.review.ReportFormat;
import io.meshplate.review.Review;
import io.meshplate.review.Reviewer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate diff}: the semantic diff and security summary of the rendered output. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares the rendered output at a Git revision with another revision or the work tree.",
      "With --render, each side is rendered afresh from its tenants/ and templates/ instead.",
      "Prints a security summary first (weakened protections, access, exposure, egress, tenants,"
          + " platform), then every object added, removed or changed, field by field.",
      "Says which tenants and which platform paths the change touches in Git. When tenants/ or"
          + " templates/ have uncommitted changes, also whether output/ still matches them (stale"
          + " output is reported, and with --exit-code exits 1).",
      "Access is judged by effect: the connectivity model (see reach) runs on both sides, each with",
      "its own descriptors, and the summary lists the flows gained, lost or changed, flows no",
      "descriptor declares, and the head's warnings.",
      "Both sides are read and judged around the change: objects and every layer's answer are kept",
      "for the folders and flows it touches, so a review's cost grows with the change, not the tree.",
    })
final class DiffCommand implements Callable<Integer> {
  @ParentCommand MeshplateCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--base", paramLabel = "REF", description = "Old side: a Git revision (default: ${DEFAULT-VALUE}).")
  String base = "HEAD";

  @ArgGroup(exclusive = true)
  Head head = new Head();

  static final class Head {
    @Option(names = "--head", paramLabel = "REF", description = "New side: a Git revision.")
    String ref;

    @Option(names = "--worktree", description = "New side: output/ and templates/ on disk (the default).")
    boolean worktree;
  }

  @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = CliFormats.Names.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(names = "--exit-code",
      description = "Exit 1 when there are changes, or output/ is stale, like git diff --exit-code.")
  boolean exitCode;

  @Option(names = "--render",
      description = "Compare fresh renders of tenants/ and templates/ at each side instead of the committed "
          + "output/ (for a pull request that did not commit its output).")
  boolean render;

  @Mixin DeletionOptions deletion;

  @Option(names = "--fail-on-blocked-deletion",
      description = "After printing, exit 4 when a deletion needs an approval (--allow-deletion).")
  boolean failOnBlockedDeletion;

  @Override
  public Integer call() {
    ReportFormat reportFormat = CliFormats.report(format);
    DeletionPolicy policy = deletion.policy();
    Workspace workspace = parent.global.workspace();
    if (head.ref == null) {
      // the work tree's output/ is read: a write a killed render committed is completed first
      new Pipeline(workspace).completeInterruptedWrite()
          .forEach(note -> spec.commandLine().getErr().println("note: " + note));
    }
    // The sides are read on a thread of their own while both revisions are validated for the review by effect.
    Supplier<DiffSides> sides = DiffSides.startReading(workspace, base, head.ref, render);
    Effects effects = new Pipeline(workspace).effects(base, () -> sides.get().before(), head.ref,
        () -> sides.get().after());
    DiffSides read = sides.get();
    Review review = Reviewer.review(read.before(), read.after(), policy, effects).with(read.check(), read.scope());
    boolean colour = reportFormat == ReportFormat.TEXT && !parent.global.noColor
        && spec.commandLine().getColorScheme().ansi().enabled();
    spec.commandLine().getOut().print(Reviewer.format(review, reportFormat, colour));
    spec.commandLine().getOut().flush();
    List<Problem> blocked = Reviewer.deletionProblems(review);
    if (failOnBlockedDeletion && !blocked.isEmpty()) {
      throw new GuardrailException(blocked);
    }
    boolean stale = read.check().state() == OutputCheck.State.STALE;
    return exitCode && (review.hasChanges() || stale) ? ExitCodes.DIFFERENCES : ExitCodes.OK;
  }
}
