package io.meshplate.cli;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Selection;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** What to render: shared by render, check and validate. */
final class RenderOptions {
  @Option(names = {"-e", "--env"}, paramLabel = "OVERLAY",
      description = "Render only this overlay (environment or cluster); repeatable. Default: all.")
  Set<String> overlays = new LinkedHashSet<>();

  @Option(names = {"-t", "--tenant"}, paramLabel = "TENANT",
      description = "Render only this tenant's folders; repeatable. Default: all tenants and platform files.")
  Set<String> tenants = new LinkedHashSet<>();

  @Option(names = "--schemas", paramLabel = "DIR",
      description = "Also validate every rendered object against the CRD YAML and Kubernetes OpenAPI "
          + "v3 JSON files in DIR (each overlay picks its files with validation.schemas).")
  Path schemas;

  /** The same selection as command-line arguments, for "run this to fix it" hints. */
  String argumentsForHint() {
    StringBuilder sb = new StringBuilder();
    overlays.forEach(o -> sb.append(" --env ").append(o));
    tenants.forEach(t -> sb.append(" --tenant ").append(t));
    return sb.toString();
  }

  /** The selection, once every name in it is known to exist (else exit 2). */
  Selection selection(Workspace workspace) {
    Selection selection = new Selection(overlays, tenants);
    KnownNames.require(workspace, selection);
    return selection;
  }
}
