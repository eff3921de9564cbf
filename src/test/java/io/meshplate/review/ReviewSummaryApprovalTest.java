package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The text and markdown summaries of each scripted pull request, approved by a person. */
class ReviewSummaryApprovalTest {
  @TempDir Path root;

  @ParameterizedTest
  @EnumSource(Scenarios.class)
  void textSummaryOfScriptedPullRequest(Scenarios scenario) throws Exception {
    try (GitRepo repo = scenario.commit(root)) {
      String text = Reviewer.format(Scenarios.review(root, DeletionPolicy.DEFAULT), ReportFormat.TEXT, false);
      assertThat(text).doesNotContain("\u001b[");
      Approvals.verify(text, options(scenario, ".txt"));
    }
  }

  @ParameterizedTest
  @EnumSource(Scenarios.class)
  void markdownSummaryOfScriptedPullRequest(Scenarios scenario) throws Exception {
    try (GitRepo repo = scenario.commit(root)) {
      String markdown = Reviewer.format(Scenarios.review(root, DeletionPolicy.DEFAULT), ReportFormat.MARKDOWN, false);
      Approvals.verify(markdown, options(scenario, ".md"));
    }
  }

  private static Options options(Scenarios scenario, String extension) {
    return new Options().withReporter(new QuietReporter())
        .forFile().withBaseName("ReviewSummaryApprovalTest." + scenario.name().toLowerCase(java.util.Locale.ROOT))
        .forFile().withExtension(extension);
  }
}
