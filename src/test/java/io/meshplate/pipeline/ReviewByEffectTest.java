package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.reach.Reach;
import io.meshplate.reach.Report;
import io.meshplate.review.DeletionPolicy;
import io.meshplate.review.Effects;
import io.meshplate.review.OutputSnapshot;
import io.meshplate.review.ReportFormat;
import io.meshplate.review.Reviewer;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review by effect evaluates every layer of only the flows around what differs between its two
 * sides ({@link io.meshplate.reach.Reach#review}), and finds what comparing every flow of both
 * sides finds: through a run of hand edits to the rendered examples, each compared with the same
 * review of sides whose content is unknown (no blob ids), which evaluates every flow.
 */
class ReviewByEffectTest {
  @TempDir Path dir;

  /** The review by effect of the work tree against {@code base}, checked against a whole evaluation. */
  private static Effects reviewed(Workspace workspace, OutputSnapshot base) {
    OutputSnapshot head = OutputSnapshot.fromWorkTree(workspace, base);
    Pipeline pipeline = new Pipeline(workspace);
    Effects around = pipeline.effects(null, () -> base, null, () -> head);
    Effects whole = pipeline.effects(null, () -> unknown(base), null, () -> unknown(head));
    assertThat(around.unavailable()).isNull();
    assertThat(around.changes()).as("the flows that changed").isEqualTo(whole.changes());
    for (Report[] sides : new Report[][] {{around.before(), whole.before()}, {around.after(), whole.after()}}) {
      assertThat(sides[0].errors()).isEqualTo(sides[1].errors());
      assertThat(sides[0].warnings()).isEqualTo(sides[1].warnings());
      assertThat(sides[1].flows()).as("a flow evaluated around the change is the same flow").containsAll(sides[0].flows());
    }
    assertThat(Reviewer.format(Reviewer.review(base, head, DeletionPolicy.DEFAULT, around), ReportFormat.MARKDOWN, false))
        .as("the review")
        .isEqualTo(Reviewer.format(Reviewer.review(base, head, DeletionPolicy.DEFAULT, whole), ReportFormat.MARKDOWN,
            false));
    return around;
  }

  /** The same side without blob ids: no folder can be told unchanged. */
  private static OutputSnapshot unknown(OutputSnapshot side) {
    return new OutputSnapshot(side.label(), side.files(), side.templates(), new TreeMap<>(), side.owners());
  }

  @Test
  void aReviewEvaluatingOnlyAroundTheChangeFindsWhatEvaluatingEveryFlowFinds() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    Workspace workspace = new Workspace(project.root());
    OutputSnapshot base = OutputSnapshot.fromWorkTree(workspace);
    int everyFlow = new Pipeline(workspace).effects(null, () -> unknown(base), null, () -> unknown(base)).after().flows().size();

    Effects unchanged = reviewed(workspace, base);
    assertThat(unchanged.changes()).isEmpty();
    assertThat(unchanged.after().flows()).as("nothing differs: no flow evaluated in full").isEmpty();

    // A widened path in payments' folder: the flows of payments' namespace are evaluated, and
    // then, for the review's drawing, every flow of the two tenants whose call changed.
    String policy = "output/prod/tenants/payments/authorization-policy.yaml";
    project.edit(policy, "        - /v1/payments/*\n", "        - /*\n");
    Effects widened = reviewed(workspace, base);
    assertThat(widened.changes()).singleElement().satisfies(c -> {
      assertThat(c.to()).isEqualTo("payments/api");
      assertThat(c.from()).isEqualTo("storefront/web");
    });
    assertThat(widened.after().flows()).isNotEmpty()
        .allSatisfy(f -> assertThat(Reach.tenantOf(f.from()) + " " + Reach.tenantOf(f.to())).containsAnyOf("payments",
            "storefront"))
        .anySatisfy(f -> assertThat(f.overlay()).isEqualTo("dev"));
    assertThat(widened.after().flows().size()).isLessThan(everyFlow);

    // An AuthorizationPolicy for payments' namespace in catalog's folder: neither end of the flow it
    // opens changed its own folder, so the review evaluates every flow of the overlay.
    project.write(CrossNamespaceEdits.OPEN_PAYMENTS_FILE, CrossNamespaceEdits.OPEN_PAYMENTS);
    Effects reaching = reviewed(workspace, base);
    assertThat(reaching.changes()).anySatisfy(c -> {
      assertThat(c.to()).isEqualTo("payments/api");
      assertThat(c.from()).isEqualTo("reporting/exporter");
    });
    Files.delete(project.path(CrossNamespaceEdits.OPEN_PAYMENTS_FILE));

    // Catalog claims storefront's ingress host: the host's flows are evaluated on both sides.
    project.write(CrossNamespaceEdits.SHOP_ROUTE_FILE, CrossNamespaceEdits.SHOP_ROUTE);
    Effects claimed = reviewed(workspace, base);
    assertThat(claimed.changes()).isNotEmpty();
    Files.delete(project.path(CrossNamespaceEdits.SHOP_ROUTE_FILE));

    // A Sidecar that no longer routes to payments stops a declared flow; a ServiceEntry exported
    // to every namespace reaches beyond its folder.
    project.edit("output/prod/tenants/storefront/sidecar.yaml",
        "    - payments-prod/api.payments-prod.svc.cluster.local\n", "");
    project.edit("output/prod/tenants/catalog/service-entry.yaml", "  exportTo:\n  - .\n", "  exportTo:\n  - '*'\n");
    Effects stopped = reviewed(workspace, base);
    assertThat(stopped.changes()).anySatisfy(c -> assertThat(c.from()).isEqualTo("storefront/web"));

    // The platform side changes: every flow of that overlay.
    project.edit("output/dev/platform/mesh-sidecar.yaml", "  namespace: istio-system\n",
        "  namespace: istio-system\n  labels:\n    edited: by-hand\n");
    reviewed(workspace, base);
  }
}
