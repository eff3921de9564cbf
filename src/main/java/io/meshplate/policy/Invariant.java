package io.meshplate.policy;

import io.meshplate.Problem;
import java.util.List;

/**
 * One post-render security invariant checked on one folder on its own (a tenant in an overlay,
 * or an overlay's platform files); implementations are named after what they require. Folders
 * are checked in parallel and each result is cached with the folder, so a check may only depend
 * on the folder's objects and the namespaces its tenant owns. A check that needs several folders
 * is an {@link OverlayInvariant}.
 */
interface Invariant {
  /** The stable rule id, {@code INV-…}. */
  String rule();

  void check(FolderObjects folder, List<Problem> problems);
}
