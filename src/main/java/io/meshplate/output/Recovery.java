package io.meshplate.output;

import io.meshplate.IoFailure;
import io.meshplate.OutputException;
import io.meshplate.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brings {@code output/} back to a state some run left it in: completes a committed journal,
 * applies kept runs again after a restart, and discards the staging of a run that died before
 * its commit. Called under the output lock.
 */
final class Recovery {
  static final String RULE_FAILED = "OUTPUT-RECOVERY-FAILED";

  private final Path meta;
  private final Path output;
  private final String boot;

  Recovery(Path meta, Path output) {
    this.meta = meta;
    this.output = output;
    this.boot = Writeback.bootId();
  }

  /** True when a reader must recover before it can trust {@code output/}. */
  boolean pending() {
    try {
      return Files.exists(meta.resolve(RollForward.JOURNAL), LinkOption.NOFOLLOW_LINKS)
          || boot != null && !new RetainedRuns(meta).fromEarlierBoot(boot).isEmpty();
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_READ, ".meshplate/" + RetainedRuns.DIR, "cannot read the kept runs", e);
    }
  }

  /**
   * Recovers; every step is idempotent, so a recovery that dies is completed by the next one.
   *
   * @return a sentence per thing done, for a note to the user; empty when there was nothing
   */
  List<String> run() {
    List<String> notes = new ArrayList<>();
    Path journal = meta.resolve(RollForward.JOURNAL);
    if (Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
      Journal.Summary done = applyCommitted(journal, meta.resolve(Staging.DIR).resolve(Staging.PACK));
      notes.add("completed an interrupted write to output/: " + done.describe());
    }
    try {
      if (boot != null) {
        RetainedRuns kept = new RetainedRuns(meta);
        for (RetainedRuns.Record record : kept.fromEarlierBoot(boot)) {
          Journal.Summary again = new RollForward(output, record.journal(), record.pack()).apply(null);
          kept.rebase(record, boot);
          notes.add("wrote again what a run before the last restart wrote, in case it was lost: " + again.describe());
        }
        kept.removeFlushed(boot, Instant.now());
      }
      FileTrees.deleteTree(meta.resolve(Staging.DIR));
    } catch (OutputException e) {
      throw failed(e);
    } catch (IOException e) {
      throw failed(IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/", "I/O error", e));
    }
    return notes;
  }

  /**
   * Applies a committed journal and retires it.
   *
   * @throws OutputException ({@value #RULE_FAILED}) when it cannot be applied completely
   */
  Journal.Summary applyCommitted(Path journal, Path pack) {
    try {
      List<Path> written = boot == null ? new ArrayList<>() : null;
      Journal.Summary done = new RollForward(output, journal, pack).apply(written);
      retire(journal, pack, written);
      return done;
    } catch (OutputException e) {
      throw failed(e);
    } catch (IOException e) {
      throw failed(IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/journal", "I/O error", e));
    }
  }

  /**
   * After a journal was applied: keeps it and its pack until the kernel has written the files
   * back ({@link RetainedRuns}), or, where the boot is unknown, flushes every written file.
   */
  void retire(Path journal, Path pack, List<Path> written) throws IOException {
    if (boot != null) {
      new RetainedRuns(meta).keep(journal, pack, boot);
    } else {
      Set<Path> folders = new TreeSet<>();
      written.forEach(file -> folders.add(file.getParent()));
      Durability.syncAll(written);
      Durability.syncAll(List.copyOf(folders), true);
      Files.deleteIfExists(journal);
      Durability.syncDirectory(meta);
      Files.deleteIfExists(pack);
    }
    FileTrees.deleteTree(meta.resolve(Staging.DIR));
  }

  String boot() {
    return boot == null ? "-" : boot;
  }

  private static OutputException failed(OutputException e) {
    if (e.problems().stream().anyMatch(p -> Journal.RULE_DAMAGED.equals(p.rule()))) {
      return e;
    }
    String cause = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).format();
    return new OutputException(List.of(Problem.at(".meshplate/journal", 0, 0, RULE_FAILED,
            "output/ holds a committed write that could not be completed, so it is partly the old and "
                + "partly the new tree: " + cause)
        .withHint("fix the cause; the next meshplate command completes the write (nothing is lost: "
            + ".meshplate/ keeps the journal and its contents)")), e);
  }
}
