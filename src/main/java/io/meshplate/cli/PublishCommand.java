package io.meshplate.cli;

import io.meshplate.publish.PublishRequest;
import io.meshplate.publish.PublishResult;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.publish.Publisher;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate publish}: commits output/ into the GitOps repository Argo CD syncs. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replaces a folder of a GitOps repository with the rendered output/ (deletions included) in one"
          + " commit naming the source commit; makes no commit when nothing changed.",
      "Pushes when the target is a URL or a bare repository. Refuses a dirty, diverged or hand-edited"
          + " target unless --force.",
    })
final class PublishCommand implements Callable<Integer> {
  @ParentCommand MeshplateCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--repo", required = true, paramLabel = "PATH|URL", description = "The GitOps repository.")
  String repo;

  @Option(names = "--branch", paramLabel = "BRANCH", description = "Target branch (default: ${DEFAULT-VALUE}).")
  String branch = "main";

  @Option(names = "--path", paramLabel = "PATH", description = "Folder to replace (default: the repository root).")
  String path = "";

  @Option(names = "--force", description = "Publish even into a dirty, diverged or hand-edited target.")
  boolean force;

  @Override
  public Integer call() {
    new Pipeline(parent.global.workspace()).completeInterruptedWrite()
        .forEach(note -> spec.commandLine().getErr().println("note: " + note));
    PublishResult result = Publisher.publish(new PublishRequest(parent.global.workspace(), repo, branch, path, force));
    PrintWriter out = spec.commandLine().getOut();
    if (!parent.global.quiet()) {
      if (result.committed()) {
        out.printf(Locale.ROOT, "published %s as %s on %s (%d added, %d modified, %d removed)%s%n",
            result.sourceRevision(), result.commit().substring(0, 12), branch,
            result.added(), result.modified(), result.removed(), result.pushed() ? ", pushed" : "");
      } else {
        out.printf(Locale.ROOT, "nothing to publish: %s already holds the output of %s%n", branch, result.sourceRevision());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
