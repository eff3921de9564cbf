package io.meshplate.cli;

import io.meshplate.UsageException;
import io.meshplate.review.DeletionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The deletion guard's options, shared by check and diff. */
final class DeletionOptions {
  @Option(names = "--allow-deletion", paramLabel = "TENANT",
      description = "Approve deleting this tenant or most of its objects (repeatable).")
  List<String> allowDeletion = new ArrayList<>();

  @Option(names = "--max-deletion-share", paramLabel = "SHARE",
      description = "Largest share (0-1) of a tenant's objects in an overlay removed without approval (default: ${DEFAULT-VALUE}).")
  double maxDeletionShare = DeletionPolicy.DEFAULT.maxShare();

  DeletionPolicy policy() {
    if (!(maxDeletionShare >= 0 && maxDeletionShare <= 1)) {
      throw new UsageException("--max-deletion-share must be between 0 and 1, e.g. 0.5 (was " + maxDeletionShare + ")");
    }
    return new DeletionPolicy(maxDeletionShare, Set.copyOf(allowDeletion));
  }
}
