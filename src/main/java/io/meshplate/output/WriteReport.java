package io.meshplate.output;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one session changed (or, for {@code check}, would change) under {@code output/}.
 *
 * @param written files created or replaced
 * @param unchanged desired files whose bytes were already on disk (not rewritten)
 * @param deleted owned files removed because no longer rendered
 * @param writtenPaths the first {@value Tally#MAX_PATHS} written paths, relative to
 *     {@code output/}, sorted
 * @param deletedPaths the first deleted paths, sorted
 * @param foreignPaths files in the session's folders that meshplate did not render and does not
 *     own (no ownership header, or a link): never changed, always reported, sorted
 * @param proposed for {@code check}: the new bytes of the first {@value Tally#MAX_PROPOSED}
 *     files that exist with other content, for a short diff
 */
public record WriteReport(int written, int unchanged, int deleted, List<String> writtenPaths,
    List<String> deletedPaths, List<String> foreignPaths, SortedMap<String, byte[]> proposed) {
  public WriteReport {
    writtenPaths = List.copyOf(writtenPaths);
    deletedPaths = List.copyOf(deletedPaths);
    foreignPaths = List.copyOf(foreignPaths);
    proposed = Collections.unmodifiableSortedMap(new TreeMap<>(proposed));
  }

  /** True when the session did not (or would not) change the file system. */
  public boolean isNoop() {
    return written == 0 && deleted == 0;
  }
}
