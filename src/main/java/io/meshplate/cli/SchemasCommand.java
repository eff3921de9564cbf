package io.meshplate.cli;

import picocli.CommandLine.Command;

/** {@code meshplate schemas}: the project's cluster schemas; a router for its subcommands. */
@Command(
    name = "schemas",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "The CRDs and Kubernetes OpenAPI documents rendered objects are checked against.",
      "",
      "render, validate and check use the project's schemas folder (validation.schemasDir in",
      "templates/base/defaults.yaml, default schemas/) whenever it exists; --schemas overrides it.",
    },
    subcommands = {SchemasPullCommand.class})
final class SchemasCommand {
  // A router: running it without a subcommand is a usage error.
}
