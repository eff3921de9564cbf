package io.meshplate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command: a router only; running it without a subcommand is a usage error. */
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
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:differences found: stale output (check), changes (diff --exit-code)",
      "2:usage error: unknown option, environment, tenant or Git ref",
      "3:invalid descriptor or overlay (YAML, schema, semantic rule)",
      "4:guardrail or post-render invariant violated",
      "5:template error (missing, unparsable, failing, or invalid YAML)",
      "6:I/O error, or another run holds the output lock",
      "70:internal error (a bug: please report it with --stacktrace)",
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      RenderCommand.class,
      CheckCommand.class,
      NewCommand.class,
      DiffCommand.class,
      PublishCommand.class,
      ExplainCommand.class,
      WavesCommand.class,
    })
public final class MeshplateCommand {
  @Mixin GlobalOptions global;
}
