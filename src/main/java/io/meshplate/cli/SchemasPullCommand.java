package io.meshplate.cli;

import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.schemas.SchemaPull;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate schemas pull}: exports from a cluster the schemas the overlays need. */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Export from a cluster, with kubectl, the CRDs and Kubernetes OpenAPI v3 documents of the",
      "kinds the selected overlays render, into schemas/<into>/ (crds/, openapi/, README.md).",
      "",
      "Renders the overlays in memory to know their kinds, reads the cluster with kubectl get --raw",
      "(CustomResourceDefinitions and /openapi/v3), drops cluster bookkeeping and sorts keys, then",
      "replaces the folder at once; pulling an unchanged cluster changes nothing. Names the kinds the",
      "cluster does not serve, and the overlays whose validation.schemas do not select the files",
      "(set them to <into>/** to validate against this cluster).",
    })
final class SchemasPullCommand implements Callable<Integer> {
  @ParentCommand SchemasCommand schemas;
  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: kubectl's own).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: its current context).")
  String context;

  @Option(names = {"-e", "--env"}, paramLabel = "OVERLAY",
      description = "Export the kinds of this overlay (the ones this cluster runs); repeatable. Default: all.")
  Set<String> overlays = new LinkedHashSet<>();

  @Option(names = "--into", paramLabel = "NAME",
      description = "Folder below the schemas folder (default: the context name).")
  String into;

  @Override
  public Integer call() {
    MeshplateCommand root = (MeshplateCommand) spec.root().userObject();
    var workspace = root.global.workspace();
    Selection selection = new Selection(overlays, Set.of());
    KnownNames.require(workspace, selection);
    Pipeline pipeline = new Pipeline(workspace);
    var validated = pipeline.validate();
    var rendered = pipeline.renderInMemory(selection, null);
    SchemaPull.Result result = SchemaPull.pull(
        new SchemaPull.Request(workspace, new TreeSet<>(overlays), kubeconfig, context, into),
        rendered.tree(), validated.overlays());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String folder = workspace.display(result.folder());
    if (!root.global.quiet()) {
      out.printf("%s: %d CRDs and %d OpenAPI documents from context %s (%s)%n", folder, result.crds(),
          result.documents(), result.context(), result.changed() ? "written" : "unchanged");
    }
    if (!result.notServed().isEmpty()) {
      err.println("warning: the cluster does not serve " + String.join(", ", result.notServed())
          + ": objects of these kinds will fail the schema check (SCHEMA-UNKNOWN-KIND); is this the cluster"
          + " of those overlays?");
    }
    for (String overlay : result.unselected()) {
      err.println("note: overlay " + overlay + " does not validate against " + folder + "/: set validation.schemas: [\""
          + result.folder().getFileName() + "/**\"] in templates/overlays/" + overlay + "/overlay.yaml to use it");
    }
    return ExitCodes.OK;
  }
}
