package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.FolderId;
import java.util.List;
import java.util.SortedMap;

/**
 * An invariant over a whole overlay, checked once every folder of it has been rendered, from the
 * facts each folder left ({@link FolderFacts}): object identities across tenants, hosts claimed
 * twice, references between folders. Register it in {@link Invariants}.
 *
 * @param <F> the facts it keeps of each folder
 */
public interface OverlayInvariant<F> extends FolderFacts<F> {
  /** The stable rule id, {@code INV-…}. */
  String rule();

  /**
   * @param overlay the overlay's name
   * @param folders the facts of every folder of the overlay this run covers, in path order
   */
  void check(String overlay, SortedMap<FolderId, F> folders, List<Problem> problems);
}
