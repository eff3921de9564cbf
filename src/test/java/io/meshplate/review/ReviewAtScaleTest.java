package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template change touching hundreds of tenants still gives a comment GitHub accepts. */
class ReviewAtScaleTest {
  private static final int TENANTS = 150;
  /** The example tenants come along (ProjectTree.synthetic); their folders in all overlays. */
  private static final int EXAMPLE_FOLDERS = 27;
  private static final int EXAMPLES = 7;

  @TempDir Path root;

  @Test
  void markdownOfDenyAllRemovedAcrossManyTenantsStaysUnderCommentLimit() {
    ProjectTree tree = ProjectTree.synthetic(root, TENANTS);
    SortedMap<String, byte[]> rendered = new Pipeline(tree.workspace()).renderInMemory(Selection.ALL, null).files();
    SortedMap<String, byte[]> edited = new TreeMap<>();
    rendered.forEach((path, bytes) -> edited.put(path, Scenarios.withoutAllowNothing(path, bytes)));
    OutputSnapshot base = OutputSnapshot.fromRendered("base", rendered);
    OutputSnapshot head = OutputSnapshot.fromRendered("head", edited);

    Review review = Reviewer.review(base, head, DeletionPolicy.DEFAULT);

    assertThat(review.changes()).as("allow-nothing removed in every tenant folder: synthetic tenants"
        + " in dev, prod and prod-eu (which extends prod), examples where they render")
        .hasSize(3 * TENANTS + EXAMPLE_FOLDERS).allMatch(c -> c.type() == ObjectChange.Type.REMOVED && c.key().name().equals("allow-nothing"));
    String markdown = Reviewer.format(review, ReportFormat.MARKDOWN, false);
    assertThat(markdown.length()).isLessThan(65_536);
    assertThat(markdown).contains("**Weakened protections: " + (TENANTS + EXAMPLES) + "**")
        .contains("more tenant folders are left out");
    assertThat(review.callGraph()).as("no caller changed: no graph").isEmpty();
  }

  @Test
  void syntheticTenantsRenderTheirCallers() {
    ProjectTree tree = ProjectTree.synthetic(root, 3).render();
    SortedMap<String, List<Map<String, Object>>> files =
        new TreeMap<>(OutputSnapshot.fromWorkTree(tree.workspace()).files());
    assertThat(files).containsKey("prod/tenants/t0002/authorization-policy.yaml")
        .doesNotContainKey("stage/tenants/t0002/authorization-policy.yaml");
    assertThat(tree.read("output/prod/tenants/t0002/authorization-policy.yaml"))
        .contains("cluster.local/ns/t0001-prod/sa/api");
  }
}
