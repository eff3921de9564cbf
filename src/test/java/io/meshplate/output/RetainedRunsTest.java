package io.meshplate.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeping an applied run ({@link RetainedRuns#keep}) is one more step a kill can cut short: at no
 * point may it leave the committed journal without its pack, which recovery would have to refuse
 * (OUTPUT-JOURNAL-DAMAGED) with {@code output/} half written. The kill-at-random test found that
 * window once in thirty kills; these cases stop inside it on purpose.
 */
class RetainedRunsTest {
  @TempDir Path root;

  /** A keep that stops before its journal has moved (here: it cannot move) leaves the staged pack in place. */
  @Test
  void aKeepCutShortBeforeTheJournalMovesLeavesThePackWhereTheJournalExpectsIt() throws Exception {
    Path meta = Files.createDirectories(root.resolve(".meshplate"));
    Path pack = Files.createDirectories(meta.resolve("staging")).resolve("pack");
    Files.writeString(pack, "content of the run");

    assertThatThrownBy(() -> new RetainedRuns(meta).keep(meta.resolve("journal"), pack, "this-boot"))
        .isInstanceOf(NoSuchFileException.class);

    assertThat(pack).hasContent("content of the run");
    // What the cut-short keep left in applied/ is a pack without a journal: a leftover, not a record.
    assertThat(new RetainedRuns(meta).records()).isEmpty();
    assertThat(meta.resolve(RetainedRuns.DIR)).isEmptyDirectory();
  }

  /**
   * The state a keep killed right after linking the pack leaves: the committed journal with its
   * staged pack, and the pack's second name in applied/. Recovery completes the write and keeps
   * the run whole.
   */
  @Test
  void recoveryCompletesARunWhoseKeepWasKilledAfterLinkingThePack() throws Exception {
    OutputTrees.writeAll(root.resolve("output"), CrashScenario.before());
    CommittedWrites.commitAndStop(root, CrashScenario.after(), CrashScenario.SCOPES, 3);
    Path meta = root.resolve(".meshplate");
    Path applied = Files.createDirectories(meta.resolve(RetainedRuns.DIR));
    Files.createLink(applied.resolve("1.pack"), meta.resolve("staging/pack"));

    OutputWriter.recover(root);

    Path expected = root.resolve("expected");
    OutputTrees.writeAll(expected, CrashScenario.after());
    assertThat(OutputTrees.fingerprint(root.resolve("output"))).isEqualTo(OutputTrees.fingerprint(expected));
    assertThat(meta.resolve("journal")).doesNotExist();
    assertThat(meta.resolve("staging")).doesNotExist();
    if (Writeback.bootId() != null) {
      assertThat(new RetainedRuns(meta).records()).singleElement().satisfies(record -> {
        assertThat(record.journal()).isRegularFile();
        assertThat(record.pack()).isRegularFile();
      });
    }
  }
}
