package io.meshplate.cli;

import io.meshplate.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshplate new TENANT}: writes a commented descriptor skeleton; never overwrites. */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented descriptor skeleton to tenants/TENANT.yaml.",
      "",
      "The skeleton carries the schema modeline and validates as written: a",
      "name that is invalid, reserved, or makes a namespace or other derived",
      "name Kubernetes refuses in any overlay is a usage error (exit 2) and",
      "nothing is written; an existing file is never overwritten (exit 6).",
    })
final class NewCommand implements Callable<Integer> {
  // The global options are inherited from the root command, so they are read from there.
  @ParentCommand MeshplateCommand root;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TENANT",
      description = "Tenant name: a DNS-1123 label, e.g. payments.")
  String tenant;

  @Option(names = "--owner", paramLabel = "@ORG/TEAM",
      description = "Review owner written into spec.owners (GitHub team or user).")
  String owner;

  @Override
  public Integer call() {
    Path file = new Pipeline(root.global.workspace()).scaffold(tenant, owner);
    if (!root.global.quiet()) {
      spec.commandLine().getOut().println("wrote " + root.global.workspace().display(file));
    }
    return ExitCodes.OK;
  }
}
