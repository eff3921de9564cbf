package io.meshplate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root command: a router only; running it without a subcommand is a usage error. Its
 * subcommands are registered by {@link Cli#create}, which builds only those a command line names.
 */
@Command(
    name = "meshplate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Turns tenant descriptors (tenants/*.yaml) into the Istio / OpenShift Service Mesh",
      "policy manifests of a multi-tenant cluster, rendered into output/ for Argo CD.",
    },
    // The list itself comes from ExitCodes (Cli.create), the one table README repeats.
    exitCodeListHeading = "%nExit codes:%n")
public final class MeshplateCommand {
  @Mixin GlobalOptions global;
}
