package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.descriptor.Tenant;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.reach.Family;
import io.meshplate.reach.Flow;
import io.meshplate.reach.OverlayCheck;
import io.meshplate.reach.Reach;
import io.meshplate.reach.ReachFormat;
import io.meshplate.reach.Report;
import io.meshplate.reach.TenantFacts;
import io.meshplate.reach.Verdict;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report of the flows between two parties ({@code reach --from --to}) takes its findings from
 * the gate and evaluates only the flows with an end in the namespaces of the query's tenants. It
 * must print exactly what the report of every flow prints once selected: the same flows with every
 * layer's answer and cited line, the same errors and warnings. Checked on the examples and after
 * hand edits that reach across namespaces (a policy for one tenant's namespace in another's
 * folder, a Route claiming another tenant's host), where only the namespaces of the objects
 * decide, not the folders that hold them.
 */
class ReachQueryTest {
  private static final List<String> TENANTS = List.of("catalog", "identity", "ledger", "notifications", "payments",
      "reporting", "storefront");

  @TempDir Path dir;

  /** Every tenant from and to anything, some pairs, services and platform parties. */
  private static List<String[]> queries() {
    List<String[]> queries = new ArrayList<>();
    for (String tenant : TENANTS) {
      queries.add(new String[] {tenant, null});
      queries.add(new String[] {null, tenant});
    }
    queries.add(new String[] {"storefront", "payments"});
    queries.add(new String[] {"reporting", "payments"});
    queries.add(new String[] {"storefront/web", "payments/api"});
    queries.add(new String[] {"payments", "storefront"});
    queries.add(new String[] {"internet", "storefront"});
    queries.add(new String[] {"platform:router", "storefront"});
    queries.add(new String[] {"platform:monitoring", "payments"});
    queries.add(new String[] {"payments", "platform:istiod"});
    queries.add(new String[] {null, "platform:dns"});
    queries.add(new String[] {"internet", null});
    queries.add(new String[] {null, null});
    return queries;
  }

  /**
   * What a report of every flow gives for a query: each overlay's facts read from {@code output/}
   * without any cache and evaluated whole, with every pair between {@code from} and {@code to}.
   */
  private static Report everyFlow(Workspace workspace, Pipeline.Validated validated, String from, String to) {
    DiskFacts disk = new DiskFacts(workspace, CacheDir.disabled());
    List<OverlayCheck> checks = new ArrayList<>();
    for (String overlay : validated.overlays().names()) {
      OverlayChain chain = validated.overlays().chain(overlay);
      List<TenantFacts> tenants = new ArrayList<>();
      for (Tenant tenant : validated.tenants().all()) {
        DiskFacts.Read read = chain.includes(tenant.spec()) ? disk.read(overlay + "/tenants/" + tenant.name()) : null;
        if (read != null) {
          tenants.add(Reach.tenantFacts(chain, tenant, read.facts(), null));
        }
      }
      DiskFacts.Read platform = disk.read(overlay + "/platform");
      checks.add(Reach.evaluate(Reach.platformFacts(chain, platform.facts(), null), tenants,
          file -> readOutput(workspace, file), from, to, false));
    }
    return Reach.report(checks);
  }

  private static byte[] readOutput(Workspace workspace, String file) {
    try {
      return Files.readAllBytes(workspace.root().resolve(file));
    } catch (IOException e) {
      return null;
    }
  }

  /** Each query against the report of every flow, selected the same way. */
  private static void assertQueriesAgree(TestProject project) {
    Workspace workspace = new Workspace(project.root());
    Pipeline.Validated validated = new Pipeline(workspace).validate();
    List<String> overlays = validated.overlays().names();
    Report everyFlow = everyFlow(workspace, validated, null, null);
    for (String[] q : queries()) {
      String from = q[0];
      String to = q[1];
      Report whole = everyFlow(workspace, validated, from, to);
      String asked = "--from " + from + " --to " + to;
      if (from == null || to == null) {
        // A text table without every layer's answer keeps only what it prints (no denied flow, no
        // step), evaluated as a gate evaluates: it prints what the report of every flow prints.
        Report brief = Reach.report(ReachStage.evaluate(workspace, new DiskFacts(workspace, CacheDir.open(project.root())),
            validated, overlays, from, to, true));
        assertThat(Reach.format(brief.select(from, to), ReachFormat.TEXT, false)).as("brief " + asked)
            .isEqualTo(Reach.format(whole.select(from, to), ReachFormat.TEXT, false));
        assertThat(brief.errors()).as("brief " + asked).isEqualTo(whole.errors());
        assertThat(brief.warnings()).as("brief " + asked).isEqualTo(whole.warnings());
        assertThat(brief.flows()).as("brief " + asked).noneMatch(f -> f.verdict() == Verdict.DENIED || !f.steps().isEmpty());
      }
      if (from == null && to == null) {
        continue; // the report of every flow is the reference itself
      }
      for (CacheDir cache : List.of(CacheDir.open(project.root()), CacheDir.disabled())) {
        Report query = Reach.report(ReachStage.evaluate(workspace, new DiskFacts(workspace, cache), validated,
            overlays, from, to, false));
        assertThat(Reach.format(query.select(from, to), ReachFormat.JSON, true)).as(asked)
            .isEqualTo(Reach.format(whole.select(from, to), ReachFormat.JSON, true));
        assertThat(Reach.format(query.select(from, to), ReachFormat.TEXT, true)).as(asked)
            .isEqualTo(Reach.format(whole.select(from, to), ReachFormat.TEXT, true));
        assertThat(query.errors()).as(asked).isEqualTo(whole.errors());
        assertThat(query.warnings()).as(asked).isEqualTo(whole.warnings());
        String tenant = from != null && TENANTS.contains(from.split("/")[0]) ? from.split("/")[0]
            : to != null && TENANTS.contains(to.split("/")[0]) ? to.split("/")[0] : null;
        if (tenant != null) {
          // Narrowed: every flow evaluated has an end in that tenant (its namespaces hold no other's
          // parties), except the ingress flows of a host whose objects lie in its namespace.
          assertThat(query.flows()).as(asked).isNotEmpty().hasSizeLessThan(everyFlow.flows().size())
              .allMatch(f -> touches(f, tenant) || f.family() == Family.INGRESS);
        } else {
          assertThat(query.flows()).as(asked).hasSameSizeAs(whole.flows());
        }
      }
    }
  }

  private static boolean touches(Flow flow, String tenant) {
    return flow.from().startsWith(tenant + "/") || flow.to().startsWith(tenant + "/");
  }

  @Test
  void aQueryPrintsWhatTheReportOfEveryFlowSelectsAlsoAfterEditsAcrossNamespaces() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(project.run("reach", "--check").exitCode()).isZero();
    assertQueriesAgree(project);

    // A policy for payments' namespace in catalog's folder opens reporting's flow to payments to
    // every request: the query from reporting to payments shows it, and its finding is printed.
    project.write(CrossNamespaceEdits.OPEN_PAYMENTS_FILE, CrossNamespaceEdits.OPEN_PAYMENTS);
    // Catalog claims storefront's ingress host with a Route of its own.
    project.write(CrossNamespaceEdits.SHOP_ROUTE_FILE, CrossNamespaceEdits.SHOP_ROUTE);
    assertQueriesAgree(project);

    TestProject.Run run = project.run("reach", "--env", "prod", "--from", "reporting", "--to", "payments");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("payments/api:8080 <- reporting/exporter");
    assertThat(run.err()).contains("REACH-UNDECLARED").contains("AuthorizationPolicy/payments-prod/open-payments");
  }
}
