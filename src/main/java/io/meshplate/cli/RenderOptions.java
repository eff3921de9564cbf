package io.meshplate.cli;

import io.meshplate.pipeline.Rendering;
import io.meshplate.pipeline.Selection;
import java.io.PrintWriter;
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
          + "v3 JSON files in DIR (each overlay picks its files with validation.schemas; kinds listed "
          + "in validation.kindsWithoutSchema that DIR does not describe are named in a note).")
  Path schemas;

  /** Prints what the run could not check (kinds without a schema) to stderr, unless quiet. */
  static void printNotes(Rendering rendering, PrintWriter err, boolean quiet) {
    if (!quiet) {
      rendering.notes().forEach(err::println);
    }
  }

  /** The same selection as command-line arguments, for "run this to fix it" hints. */
  String argumentsForHint() {
    StringBuilder sb = new StringBuilder();
    overlays.forEach(o -> sb.append(" --env ").append(o));
    tenants.forEach(t -> sb.append(" --tenant ").append(t));
    return sb.toString();
  }

  Selection selection() {
    return new Selection(overlays, tenants);
  }
}
