package io.meshplate.output;

import java.util.List;

/**
 * What one {@link OutputWriter#apply} changed under {@code output/}.
 *
 * @param writtenPaths files created or replaced, relative to {@code output/}, sorted
 * @param unchanged desired files whose bytes were already on disk (not rewritten)
 * @param deletedPaths owned files removed because no longer rendered, sorted
 */
public record WriteReport(List<String> writtenPaths, int unchanged, List<String> deletedPaths) {
  public WriteReport {
    writtenPaths = List.copyOf(writtenPaths);
    deletedPaths = List.copyOf(deletedPaths);
  }

  public int written() {
    return writtenPaths.size();
  }

  public int deleted() {
    return deletedPaths.size();
  }

  /** True when the run did not touch the file system. */
  public boolean isNoop() {
    return writtenPaths.isEmpty() && deletedPaths.isEmpty();
  }
}
