package io.meshplate.cli;

import io.meshplate.GuardrailException;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.review.DeletionPolicy;
import io.meshplate.review.OutputSnapshot;
import io.meshplate.review.ReportFormat;
import io.meshplate.review.Review;
import io.meshplate.review.Reviewer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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
      "Prints a security summary first (weakened protections, access, exposure, egress, tenants,"
          + " platform), then every object added, removed or changed, field by field.",
    })
public final class DiffCommand implements Callable<Integer> {
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

  @Option(names = "--format", paramLabel = "FORMAT", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(names = "--exit-code", description = "Exit 1 when there are changes, like git diff --exit-code.")
  boolean exitCode;

  @Option(names = "--allow-deletion", paramLabel = "TENANT", description = "Approve deleting this tenant or most of its objects (repeatable).")
  List<String> allowDeletion = new ArrayList<>();

  @Option(names = "--fail-on-blocked-deletion",
      description = "After printing, exit 4 when a deletion needs an approval (--allow-deletion).")
  boolean failOnBlockedDeletion;

  @Option(names = "--max-deletion-share", paramLabel = "SHARE",
      description = "Largest share (0-1) of a tenant's objects in an overlay removed without approval (default: ${DEFAULT-VALUE}).")
  double maxDeletionShare = DeletionPolicy.DEFAULT.maxShare();

  @Override
  public Integer call() {
    ReportFormat reportFormat = CliFormats.report(format);
    if (!(maxDeletionShare >= 0 && maxDeletionShare <= 1)) {
      throw new UsageException("--max-deletion-share must be between 0 and 1, e.g. 0.5 (was " + maxDeletionShare + ")");
    }
    Workspace workspace = parent.global.workspace();
    OutputSnapshot before = OutputSnapshot.fromGit(workspace, base);
    OutputSnapshot after = head.ref != null
        ? OutputSnapshot.fromGit(workspace, head.ref, before)
        : OutputSnapshot.fromWorkTree(workspace, before);
    Review review = Reviewer.review(before, after, new DeletionPolicy(maxDeletionShare, Set.copyOf(allowDeletion)));
    boolean colour = reportFormat == ReportFormat.TEXT && !parent.global.noColor
        && spec.commandLine().getColorScheme().ansi().enabled();
    spec.commandLine().getOut().print(Reviewer.format(review, reportFormat, colour));
    spec.commandLine().getOut().flush();
    List<Problem> blocked = Reviewer.deletionProblems(review);
    if (failOnBlockedDeletion && !blocked.isEmpty()) {
      throw new GuardrailException(blocked);
    }
    return exitCode && review.hasChanges() ? ExitCodes.DIFFERENCES : ExitCodes.OK;
  }
}
