package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A template change touching hundreds of tenants still gives a comment GitHub accepts. */
class ReviewAtScaleTest {
  @Test
  void markdownOfTemplateChangeAcrossManyTenantsStaysUnderCommentLimit() {
    OutputFixture base = OutputFixture.scaled(43);
    OutputFixture head = OutputFixture.scaled(43);
    head.denyAll = false;
    Review review = Reviewer.review(base.snapshot("base"), head.snapshot("head"), DeletionPolicy.DEFAULT);

    assertThat(review.changes()).hasSize(3 * 43 * 7 - 43);
    String markdown = Reviewer.format(review, ReportFormat.MARKDOWN, false);
    assertThat(markdown.length()).isLessThan(65_536);
    assertThat(markdown).contains("**Weakened protections: 301**")
        .contains("> - ... and 251 more")
        .contains("more tenant folders are left out");
    assertThat(review.callGraph()).as("no access changed: no graph").isEmpty();
  }
}
