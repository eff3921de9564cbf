package io.meshplate.cli;

import io.meshplate.explain.Explainer;
import io.meshplate.explain.Explanation;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate explain}: where a value or a rendered object of one overlay came from. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Show where a value or a rendered object came from; writes nothing.",
      "",
      "--value PATH: every layer of the value's chain with file:line and the",
      "one that won: templates/base/defaults.yaml, each overlay.yaml of the",
      "chain, and for spec. paths the tenant descriptor and each of its",
      "environmentOverrides entries of the chain. A platform value ends with",
      "what it is for, from templates/base/values.schema.json.",
      "  env.ingress.domain              a platform value (env. is optional)",
      "  spec.telemetry.tracingPercent   a value of the tenant descriptor",
      "  spec.services.0.name            a list item (also spec.services[0].name)",
      "  /ingress/routerNamespaceLabels/policy-group.network.openshift.io~1ingress",
      "                                  a JSON Pointer, for keys with dots",
      "--object KIND/NAME or KIND/NAMESPACE/NAME (kind in any case): its output",
      "file, its template and the overlay folder that supplied it, every patch",
      "applied (file:line, in order), and the overlay labels and annotations.",
      "Without --tenant, the overlay's platform folder is searched.",
      "Neither: a summary of the tenant (or the platform) in the overlay.",
    })
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand MeshplateCommand root;

  @Option(names = {"-e", "--env"}, required = true, paramLabel = "OVERLAY",
      description = "The overlay (environment or cluster), e.g. prod-eu.")
  String overlay;

  @Option(names = {"-t", "--tenant"}, paramLabel = "TENANT", description = "The tenant.")
  String tenant;

  @ArgGroup(exclusive = true)
  What what;

  static final class What {
    @Option(names = "--value", paramLabel = "PATH", description = "Explain one value.")
    String value;

    @Option(names = "--object", paramLabel = "KIND/NAME", description = "Explain one rendered object.")
    String object;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Explainer explainer = new Explainer(root.global.workspace());
    Explanation explanation;
    if (what != null && what.value != null) {
      explanation = explainer.value(overlay, tenant, what.value);
    } else if (what != null && what.object != null) {
      explanation = explainer.object(overlay, tenant, what.object);
    } else {
      explanation = explainer.summary(overlay, tenant);
    }
    spec.commandLine().getOut().print(explanation.text());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
