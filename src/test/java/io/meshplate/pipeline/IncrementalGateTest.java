package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.reach.Findings;
import io.meshplate.reach.OverlayCheck;
import io.meshplate.reach.Reach;
import io.meshplate.reach.ReachFormat;
import io.meshplate.reach.Report;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate that reuses what the last one kept ({@link io.meshplate.reach.GateMemory}) finds exactly
 * what a whole evaluation finds, through a run of edits to the examples, each on top of the last:
 * hand edits that open or stop flows inside a tenant's namespace (evaluated again for that
 * namespace only), edits that reach into other namespaces or export a ServiceEntry mesh-wide
 * (and their undoing: everything is evaluated again), a descriptor edit, a platform edit and a
 * removed folder. Each step compares the gate over {@code output/} with its memory against the
 * same gate without any cache.
 */
class IncrementalGateTest {
  @TempDir Path dir;

  /**
   * The findings of the gate with its memory and of a whole evaluation, and what the first
   * evaluated again, by overlay; what the table of every flow with its kept flows evaluated again.
   */
  private record Judged(Findings incremental, Findings whole, Map<String, SortedSet<String>> evaluatedAgain,
      Map<String, SortedSet<String>> tableAgain) {}

  private static Judged judge(TestProject project) {
    Workspace workspace = new Workspace(project.root());
    Pipeline.Validated validated = new Pipeline(workspace).validate();
    List<String> overlays = validated.overlays().names();
    List<OverlayCheck> kept = ReachStage.check(workspace, new DiskFacts(workspace, CacheDir.open(project.root())),
        validated, overlays);
    List<OverlayCheck> whole = ReachStage.check(workspace, new DiskFacts(workspace, CacheDir.disabled()), validated,
        overlays);
    assertThat(whole).allSatisfy(c -> assertThat(c.evaluatedAgain()).as("without a cache, every flow").isNull());
    Map<String, SortedSet<String>> again = new TreeMap<>();
    kept.forEach(c -> again.put(c.overlay(), c.evaluatedAgain()));
    // The table of reach keeps its flows as the gate keeps its findings: with them, after the same
    // changes, it prints what it prints without them.
    List<OverlayCheck> table = ReachStage.evaluate(workspace, new DiskFacts(workspace, CacheDir.open(project.root())),
        validated, overlays, null, null, true);
    Report fresh = Reach.report(ReachStage.evaluate(workspace, new DiskFacts(workspace, CacheDir.disabled()),
        validated, overlays, null, null, true));
    assertThat(Reach.format(Reach.report(table), ReachFormat.TEXT, false)).as("the table with its kept flows")
        .isEqualTo(Reach.format(fresh, ReachFormat.TEXT, false));
    Map<String, SortedSet<String>> tableAgain = new TreeMap<>();
    table.forEach(c -> tableAgain.put(c.overlay(), c.evaluatedAgain()));
    Judged judged = new Judged(Reach.findings(kept), Reach.findings(whole), again, tableAgain);
    assertThat(judged.incremental()).as("the gate with its memory finds what a whole evaluation finds")
        .isEqualTo(judged.whole());
    return judged;
  }

  @Test
  void aGateReusingItsMemoryFindsWhatAWholeEvaluationFindsThroughEveryKindOfChange() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(project.run("reach", "--check").exitCode()).isZero();

    Judged unchanged = judge(project);
    assertThat(unchanged.evaluatedAgain()).as("nothing changed: nothing evaluated again")
        .allSatisfy((overlay, again) -> assertThat(again).isEmpty());
    assertThat(unchanged.tableAgain()).as("the first render evaluated every flow and kept the table's")
        .allSatisfy((overlay, again) -> assertThat(again).isEmpty());
    assertThat(unchanged.whole().errors()).isEmpty();

    // An AuthorizationPolicy for payments' namespace in catalog's folder opens every request of
    // reporting's declared flow to payments: neither end changed, so only evaluating everything
    // again finds it.
    String extra = CrossNamespaceEdits.OPEN_PAYMENTS_FILE;
    project.write(extra, CrossNamespaceEdits.OPEN_PAYMENTS);
    Judged reaching = judge(project);
    assertThat(reaching.evaluatedAgain().get("prod")).isNull();
    assertThat(reaching.evaluatedAgain().get("stage")).isEmpty();
    assertThat(reaching.whole().errors()).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo("REACH-UNDECLARED");
      assertThat(p.message()).contains("payments/api:8080 <- reporting/exporter");
    });

    // Taking it away: the folder reached beyond its namespace last time, so everything is evaluated
    // again, and the finding is gone.
    Files.delete(project.path(extra));
    Judged undone = judge(project);
    assertThat(undone.evaluatedAgain().get("prod")).isNull();
    assertThat(undone.whole()).isEqualTo(unchanged.whole());

    // A ServiceEntry exported to every namespace, then back to its own: everything, twice.
    String entry = "output/prod/tenants/catalog/service-entry.yaml";
    String own = project.read(entry);
    project.edit(entry, "  exportTo:\n  - .\n", "  exportTo:\n  - '*'\n");
    assertThat(judge(project).evaluatedAgain().get("prod")).isNull();
    project.write(entry, own);
    assertThat(judge(project).evaluatedAgain().get("prod")).isNull();


    // A widened path opens requests nothing declares: payments' namespace is evaluated again. Not
    // catalog's: its hand-edited files are not proven by the last render's stamps, but they are read,
    // and the blob ids of what was read are those the gate kept its findings for.
    String policy = "output/prod/tenants/payments/authorization-policy.yaml";
    project.edit(policy, "        - /v1/payments/*\n", "        - /*\n");
    Judged widened = judge(project);
    assertThat(widened.evaluatedAgain().get("prod")).containsExactly("payments-prod");
    assertThat(widened.evaluatedAgain().get("dev")).isEmpty();
    assertThat(widened.tableAgain()).as("the table evaluates again what the gate does").isEqualTo(widened.evaluatedAgain());
    assertThat(widened.whole().errors()).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo("REACH-UNDECLARED");
      assertThat(p.message()).contains("storefront/web");
    });

    // A Sidecar that no longer routes to payments stops a declared flow.
    project.edit("output/prod/tenants/storefront/sidecar.yaml",
        "    - payments-prod/api.payments-prod.svc.cluster.local\n", "");
    Judged stopped = judge(project);
    assertThat(stopped.evaluatedAgain().get("prod")).containsExactly("storefront-prod");
    assertThat(stopped.whole().warnings().size()).isGreaterThan(widened.whole().warnings().size());

    // A descriptor that no longer allows reporting: payments' namespace in every overlay.
    project.edit("tenants/payments.yaml", """
                - from: {tenant: reporting, service: exporter}
                  methods: [GET]
                  paths: [/v1/settlements/*]
        """, "");
    Judged declared = judge(project);
    assertThat(declared.evaluatedAgain()).allSatisfy((overlay, again) -> assertThat(again).isNotNull()
        .anySatisfy(ns -> assertThat(ns).startsWith("payments-")));

    // Storefront stops calling payments: payments' sample requests no longer include what it
    // allows storefront, so every flow into payments is evaluated again (dev has no hand edit).
    project.edit("tenants/storefront.yaml", "    - {tenant: payments, service: api}\n", "");
    Judged uncalled = judge(project);
    assertThat(uncalled.evaluatedAgain().get("dev")).containsExactly("payments-dev", "storefront-dev");

    // Catalog claims storefront's ingress host with a Route of its own: only catalog's namespace
    // changed, but the host's flows are evaluated again (a second Route for the host), and again
    // when the claim is taken back.
    String hijack = CrossNamespaceEdits.SHOP_ROUTE_FILE;
    project.write(hijack, CrossNamespaceEdits.SHOP_ROUTE);
    Judged claimed = judge(project);
    assertThat(claimed.evaluatedAgain().get("dev")).containsExactly("catalog-dev");
    assertThat(claimed.tableAgain()).isEqualTo(claimed.evaluatedAgain());
    assertThat(claimed.whole()).isNotEqualTo(uncalled.whole());
    Files.delete(project.path(hijack));
    Judged released = judge(project);
    assertThat(released.evaluatedAgain().get("dev")).containsExactly("catalog-dev");
    assertThat(released.whole()).isEqualTo(uncalled.whole());

    // Storefront's VirtualService sends its host to a port nothing listens on: the host's flows
    // read storefront's namespace, so they are evaluated again and the declared host is blocked.
    project.edit("output/dev/tenants/storefront/ingress.yaml", "        port:\n          number: 8080\n",
        "        port:\n          number: 9999\n");
    Judged rerouted = judge(project);
    assertThat(rerouted.evaluatedAgain().get("dev")).containsExactly("storefront-dev");
    assertThat(rerouted.whole().warnings()).anySatisfy(p -> assertThat(p.message()).contains("shop.apps.dev.acme.example"));

    // A removed folder: its tenant's namespace, and those of the tenants it called.
    try (Stream<Path> files = Files.walk(project.path("output/prod/tenants/reporting"))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Judged removed = judge(project);
    assertThat(removed.evaluatedAgain().get("prod")).contains("reporting-prod", "ledger-prod")
        .doesNotContain("notifications-prod", "identity-prod");

    // The platform side changes: everything in that overlay (and from then on, until a render
    // proves the hand-edited platform folder again).
    project.edit("output/prod/platform/mesh-sidecar.yaml", "    meshplate.io/environment: prod\n",
        "    meshplate.io/environment: prod\n    edited: by-hand\n");
    Judged platform = judge(project);
    assertThat(platform.evaluatedAgain().get("prod")).isNull();
    assertThat(platform.evaluatedAgain().get("stage")).isEmpty();
    assertThat(platform.tableAgain()).isEqualTo(platform.evaluatedAgain());

    // The command line agrees with itself with and without the kept memory, and --no-cache
    // neither reads nor writes it.
    TestProject.Run kept = project.run("reach", "--check");
    project.delete(".meshplate/cache/gate");
    TestProject.Run uncached = project.run("reach", "--check", "--no-cache");
    assertThat(project.path(".meshplate/cache/gate")).doesNotExist();
    TestProject.Run whole = project.run("reach", "--check");
    assertThat(project.path(".meshplate/cache/gate")).isDirectory();
    for (TestProject.Run run : List.of(uncached, whole)) {
      assertThat(run.exitCode()).isEqualTo(4).isEqualTo(kept.exitCode());
      assertThat(run.out()).isEqualTo(kept.out());
      assertThat(run.err()).isEqualTo(kept.err());
    }
    // So does the table: from its kept flows, without the cache, and from flows kept once more.
    TestProject.Run keptTable = project.run("reach");
    assertThat(keptTable.out()).contains("payments/api:8080 <- storefront/web");
    project.delete(".meshplate/cache/table");
    TestProject.Run uncachedTable = project.run("reach", "--no-cache");
    assertThat(project.path(".meshplate/cache/table")).doesNotExist();
    TestProject.Run wholeTable = project.run("reach");
    assertThat(project.path(".meshplate/cache/table")).isDirectory();
    TestProject.Run againTable = project.run("reach");
    for (TestProject.Run run : List.of(uncachedTable, wholeTable, againTable)) {
      assertThat(run.exitCode()).isEqualTo(keptTable.exitCode());
      assertThat(run.out()).isEqualTo(keptTable.out());
      assertThat(run.err()).isEqualTo(keptTable.err());
    }
  }

  /**
   * A render keeps the table of {@code meshplate reach} only when its gate evaluates every flow:
   * a render that reuses the gate's memory leaves the table as it was, and the next table
   * evaluates again what changed since the table was kept, printing what a fresh evaluation prints.
   */
  @Test
  void aRenderKeepsTheTableWhenItEvaluatesEveryFlowAndLeavesItOtherwise() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render", "--no-cache").exitCode()).isZero();
    assertThat(project.path(".meshplate/cache/table")).as("no cache, no table").doesNotExist();
    assertThat(project.run("render").exitCode()).isZero();
    List<String> overlays = new Pipeline(new Workspace(project.root())).validate().overlays().names();
    Map<String, byte[]> tables = new TreeMap<>();
    for (String overlay : overlays) {
      tables.put(overlay, Files.readAllBytes(project.path(".meshplate/cache/table/" + overlay)));
    }

    // Payments no longer allows reporting: the render evaluates payments' namespace (and its
    // callers') again, and keeps no table.
    project.edit("tenants/payments.yaml", """
                - from: {tenant: reporting, service: exporter}
                  methods: [GET]
                  paths: [/v1/settlements/*]
        """, "");
    assertThat(project.run("render").exitCode()).isZero();
    for (String overlay : overlays) {
      assertThat(project.path(".meshplate/cache/table/" + overlay)).as(overlay).hasBinaryContent(tables.get(overlay));
    }
    Judged judged = judge(project);
    assertThat(judged.tableAgain()).as("the table evaluates again what changed since it was kept")
        .allSatisfy((overlay, again) -> assertThat(again).isNotNull()
            .anySatisfy(ns -> assertThat(ns).startsWith("payments-")));
    TestProject.Run table = project.run("reach");
    assertThat(table.out()).doesNotContain("payments/api:8080 <- reporting/exporter");
    assertThat(project.run("reach", "--no-cache").out()).isEqualTo(table.out());

    // A changed platform template changes every overlay's platform side, so the render evaluates
    // every flow again and keeps the table anew: the next table evaluates nothing.
    project.edit("templates/base/platform/mesh-sidecar.yaml.ftl", "  name: default\n",
        "  name: default\n  labels:\n    edited: for-a-test\n");
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(judge(project).tableAgain()).as("the table that render kept")
        .allSatisfy((overlay, again) -> assertThat(again).isEmpty());
  }
}
