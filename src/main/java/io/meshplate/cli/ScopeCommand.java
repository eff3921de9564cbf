package io.meshplate.cli;

import io.meshplate.review.ChangeScope;
import io.meshplate.yaml.Messages;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate scope}: which tenants and which platform paths a change touches. */
@Command(
    name = "scope",
    mixinStandardHelpOptions = true,
    description = {
      "List the tenants and the platform paths a change touches in Git; writes nothing.",
      "",
      "A tenant's paths are tenants/<t>.yaml and output/<overlay>/tenants/<t>/; every other path",
      "(templates/, output/*/platform/, ci/, .github/, .tekton/, src/, pom.xml, meshplate, ...) is",
      "a platform path, which CODEOWNERS gives to the platform team. ci/pr.sh prints this first.",
    })
final class ScopeCommand implements Callable<Integer> {
  @ParentCommand MeshplateCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--base", paramLabel = "REF", description = "Old side: a Git revision (default: ${DEFAULT-VALUE}).")
  String base = "HEAD";

  @Option(names = "--head", paramLabel = "REF", description = "New side: a Git revision (default: the work tree).")
  String head;

  @Override
  public Integer call() {
    ChangeScope scope = ChangeScope.between(parent.global.workspace(), base, head);
    PrintWriter out = spec.commandLine().getOut();
    out.println("tenants: " + listed(scope.tenants()));
    out.println("platform paths: " + listed(scope.platformPaths()));
    out.flush();
    return ExitCodes.OK;
  }

  private static String listed(Set<String> names) {
    return names.isEmpty() ? "none" : Messages.escape(String.join(", ", names));
  }
}
