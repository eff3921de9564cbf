package io.meshplate.cli;

import io.meshplate.GuardrailException;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.reach.Reach;
import io.meshplate.reach.ReachFormat;
import io.meshplate.reach.Report;
import io.meshplate.reach.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code meshplate reach}: who can talk to whom, from the rendered objects. */
@Command(
    name = "reach",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Who can talk to whom, and the objects that decide it.",
      "",
      "Evaluates the files in output/ (or a fresh render with --render) through every layer",
      "that must agree (Sidecar and REGISTRY_ONLY, ServiceEntry, DestinationRule TLS,",
      "NetworkPolicies of both namespaces, PeerAuthentication, AuthorizationPolicies; for",
      "ingress Route, Gateway and VirtualService) and prints the flows with the objects that",
      "decide them. With --from and --to it prints every layer's answer, denied flows included.",
      "Exit 0 when at least one allowed flow matches, 1 when none does;",
      "a tenant no descriptor names, or a service its tenant does not have, is a usage error",
      "(exit 2), not a \"no\".",
      "A query naming a tenant or service evaluates only the flows from or to its namespace and",
      "prints the findings of every flow, which it takes from the check (as --check does).",
      "The text table of every flow keeps the flows it printed (.meshplate/cache/table/) and",
      "evaluates again only those a change since the last table can touch.",
      "With --check it is a gate instead: exit 4 when a flow passes that no descriptor declares.",
    })
final class ReachCommand implements Callable<Integer> {
  @ParentCommand MeshplateCommand root;
  @Spec CommandSpec spec;

  @Option(names = {"-e", "--env"}, paramLabel = "OVERLAY",
      description = "Evaluate this overlay; repeatable. Default: all.")
  Set<String> overlays = new LinkedHashSet<>();

  @Option(names = "--from", paramLabel = "T[/S]",
      description = "Only flows from this tenant or service (also internet, platform:router, platform:monitoring).")
  String from;

  @Option(names = "--to", paramLabel = "T[/S]",
      description = "Only flows to this tenant or service (also external:HOST, platform:dns, platform:istiod).")
  String to;

  @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = CliFormats.ReachNames.class,
      description = "text, markdown, json or html (one self-contained page; default: ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(names = "--render", description = "Evaluate a fresh render of tenants/ and templates/ instead of output/.")
  boolean render;

  @Option(names = "--check",
      description = "Gate: exit 4 (REACH-UNDECLARED, REACH-UNKNOWN) when a flow passes that nothing declares. "
          + "It evaluates again only the flows a change since the last check can touch, and takes the other "
          + "findings from .meshplate/cache/gate/ (the findings are those of a whole evaluation).")
  boolean check;

  @Option(names = "--no-cache",
      description = "Read every folder and evaluate every flow, ignoring .meshplate/cache/ (the facts kept per "
          + "folder, the findings the last check kept, the flows the last table printed); the cache only saves time, "
          + "the results are the same. Clones given the same MESHPLATE_CACHE_KEY read each other's cache.")
  boolean noCache;

  @Override
  public Integer call() {
    var format = CliFormats.reach(this.format);
    var workspace = root.global.workspace();
    Selection selection = new Selection(overlays, Set.of());
    KnownNames.require(workspace, selection);
    KnownNames.requireParties(workspace, from, to);
    boolean detail = from != null && to != null;
    // A text table without every layer's answer prints neither denied flows nor steps: they are not kept.
    boolean brief = format == ReachFormat.TEXT && !detail;
    Report report = new Pipeline(workspace, null, !noCache).reach(selection, render, from, to, !check, brief);
    KnownNames.requireServices(report, from, to);
    Warnings.print(report.warnings(), spec.commandLine().getErr());
    Report selected = report.select(from, to);
    if (check) {
      if (!report.errors().isEmpty()) {
        throw new GuardrailException(report.errors());
      }
      if (!root.global.quiet()) {
        spec.commandLine().getOut().printf("every flow allowed in %s is declared%n", String.join(", ", report.overlays()));
      }
      return ExitCodes.OK;
    }
    report.errors().forEach(p -> spec.commandLine().getErr().println(p.format()));
    try (OutputStream out = Utf8PrintWriter.bytes(spec.commandLine().getOut())) {
      Reach.write(selected, format, detail, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return selected.flows().stream().anyMatch(f -> f.verdict() == Verdict.ALLOWED) ? ExitCodes.OK : ExitCodes.DIFFERENCES;
  }
}
