package io.meshplate.cli;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Rendering;
import io.meshplate.pipeline.Selection;
import io.meshplate.schemas.SchemaFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
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
      description = "Validate every rendered object against the CRD YAML and Kubernetes OpenAPI v3 JSON "
          + "files in DIR, including the CRDs' CEL rules (each overlay picks its files with "
          + "validation.schemas; kinds listed in validation.kindsWithoutSchema that DIR does not describe "
          + "are named in a note). Default: the project's schemas folder (validation.schemasDir, "
          + "schemas/) when it exists.")
  Path schemas;

  @Option(names = "--no-cache",
      description = "Render and read every folder and evaluate every flow, ignoring the render cache and the "
          + "connectivity check's kept facts and findings in .meshplate/cache/ (the cache only saves time; "
          + "its results are the same). CI can share the cache between its clones: restore .meshplate/cache/ "
          + "and give every run the same secret of 32 or more characters in MESHPLATE_CACHE_KEY.")
  boolean noCache;

  /** {@code --schemas}, else the project's schemas folder when it exists, else none. */
  Optional<SchemaFolder> schemaFolder(Workspace workspace) {
    return SchemaFolder.resolve(workspace, schemas);
  }

  /** The line saying which schemas were checked; empty without a schemas folder. */
  static String schemaSummary(Optional<SchemaFolder> folder, long objects, Workspace workspace) {
    return folder.map(f -> objects + " rendered objects match the schemas in " + f.describe(workspace)).orElse("");
  }

  /** The same selection as command-line arguments, for "run this to fix it" hints. */
  String argumentsForHint() {
    StringBuilder sb = new StringBuilder();
    overlays.forEach(o -> sb.append(" --env ").append(o));
    tenants.forEach(t -> sb.append(" --tenant ").append(t));
    return sb.toString();
  }

  /** Prints what the checks could not verify, as {@code note: ...} lines on stderr, unless quiet. */
  static void printNotes(Rendering rendering, boolean quiet, PrintWriter err) {
    if (!quiet) {
      rendering.notes().forEach(note -> err.println("note: " + note));
    }
  }

  /** The selection, once every name in it is known to exist (else exit 2). */
  Selection selection(Workspace workspace) {
    Selection selection = new Selection(overlays, tenants);
    KnownNames.require(workspace, selection);
    return selection;
  }
}
