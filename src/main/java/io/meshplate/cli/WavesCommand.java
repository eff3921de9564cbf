package io.meshplate.cli;

import io.meshplate.rollout.WavePlan;
import io.meshplate.rollout.WavePlanner;
import io.meshplate.rollout.WavesReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate waves}: where an overlay's rollout stands and what its next step changes. */
@Command(
    name = "waves",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show where an overlay's rollout stands and its next step; writes nothing.",
      "",
      "For every tenant: its wave, the control plane that injects its namespace, and the",
      "gateways that move with it. Then the next step: the one-line edit to overlay.yaml, the",
      "output files it changes, and the operator checklist once Argo CD synced it (rollout",
      "restarts, gateways, istioctl ps verification, when the ServiceMeshControlPlane or an old",
      "revision can go). Validates like render.",
    })
final class WavesCommand implements Callable<Integer> {
  @ParentCommand MeshplateCommand parent;
  @Spec CommandSpec spec;

  @Option(names = {"-e", "--env"}, required = true, paramLabel = "OVERLAY", description = "The overlay whose rollout to show.")
  String overlay;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
  String format = "text";

  @Override
  public Integer call() {
    var reportFormat = CliFormats.report(format);
    WavePlan plan = new WavePlanner(parent.global.workspace()).plan(overlay);
    spec.commandLine().getOut().print(switch (reportFormat) {
      case TEXT -> WavesReport.text(plan);
      case MARKDOWN -> WavesReport.markdown(plan);
      case JSON -> WavesReport.json(plan);
    });
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
