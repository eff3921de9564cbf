package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.GuardrailException;
import java.nio.file.Path;
import java.util.Locale;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.approvaltests.scrubbers.RegExScrubber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The text and markdown summaries of each scripted pull request, rendered by the real pipeline
 * and committed in Git, approved by a person.
 */
class ReviewSummaryApprovalTest {
  @TempDir Path root;

  @Test
  void renderRefusesTheTemplateThatDropsDenyAllSoThatPullRequestCarriesHandEditedOutput() {
    assertThat(Scenarios.REMOVED_DENY_ALL.renders()).isFalse();
    ProjectTree tree = ProjectTree.copyOfProject(root);
    Scenarios.REMOVED_DENY_ALL.changeSources(tree);
    assertThatThrownBy(tree::render)
        .isInstanceOf(GuardrailException.class).hasMessageContaining("INV-DENY-ALL");
  }

  @ParameterizedTest
  @EnumSource(Scenarios.class)
  void textSummaryOfScriptedPullRequest(Scenarios scenario) throws Exception {
    String text = Reviewer.format(ScenarioRepo.review(scenario, DeletionPolicy.DEFAULT), ReportFormat.TEXT, false);
    assertThat(text).doesNotContain("\u001b[");
    Approvals.verify(text, options(scenario, ".txt"));
  }

  @ParameterizedTest
  @EnumSource(Scenarios.class)
  void markdownSummaryOfScriptedPullRequest(Scenarios scenario) throws Exception {
    String markdown = Reviewer.format(ScenarioRepo.review(scenario, DeletionPolicy.DEFAULT), ReportFormat.MARKDOWN, false);
    Approvals.verify(markdown, options(scenario, ".md"));
  }

  /**
   * Commit ids hash the whole scripted tree, templates included, so any template edit would
   * change every summary; the summaries are approved for what they say, not for the ids.
   */
  private static Options options(Scenarios scenario, String extension) {
    return new Options().withReporter(new QuietReporter())
        .withScrubber(new RegExScrubber("\\(([0-9a-f]{7})\\)", "(<commit>)"))
        .forFile().withBaseName("ReviewSummaryApprovalTest." + scenario.name().toLowerCase(Locale.ROOT))
        .forFile().withExtension(extension);
  }
}
