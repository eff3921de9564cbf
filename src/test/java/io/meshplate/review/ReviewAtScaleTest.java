package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template change touching hundreds of tenants still gives a comment GitHub accepts. */
class ReviewAtScaleTest {
  private static final int TENANTS = 300;

  @TempDir Path root;

  @Test
  void markdownOfDenyAllRemovedAcrossManyTenantsStaysUnderCommentLimit() {
    ProjectTree tree = ProjectTree.synthetic(root, TENANTS).render();
    OutputSnapshot base = OutputSnapshot.fromWorkTree(tree.workspace());
    Scenarios.removeAllowNothingByHand(tree);
    OutputSnapshot head = OutputSnapshot.fromWorkTree(tree.workspace(), base);

    Review review = Reviewer.review(base, head, DeletionPolicy.DEFAULT);

    assertThat(review.changes()).as("allow-nothing removed in dev, prod and prod-eu (which extends prod) of every tenant")
        .hasSize(3 * TENANTS).allMatch(c -> c.type() == ObjectChange.Type.REMOVED && c.key().name().equals("allow-nothing"));
    String markdown = Reviewer.format(review, ReportFormat.MARKDOWN, false);
    assertThat(markdown.length()).isLessThan(65_536);
    assertThat(markdown).contains("**Weakened protections: " + TENANTS + "**")
        .contains("more tenant folders are left out");
    assertThat(review.callGraph()).as("no caller changed: no graph").isEmpty();
  }

  @Test
  void syntheticTenantsRenderTheirCallsBothWays() {
    ProjectTree tree = ProjectTree.synthetic(root, 3).render();
    SortedMap<String, List<Map<String, Object>>> files =
        new TreeMap<>(OutputSnapshot.fromWorkTree(tree.workspace()).files());
    assertThat(files).containsKey("prod/tenants/t0002/authorization-policy.yaml")
        .doesNotContainKey("stage/tenants/t0002/authorization-policy.yaml");
    assertThat(tree.read("output/prod/tenants/t0002/authorization-policy.yaml"))
        .contains("cluster.local/ns/t0001-prod/sa/api");
  }
}
