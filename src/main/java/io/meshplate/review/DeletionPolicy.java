package io.meshplate.review;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a deletion needs an explicit approval.
 *
 * @param maxShare largest share (0 to 1) of a tenant's objects in one overlay that may disappear
 *     without approval; removing the tenant folder always needs one
 * @param approved tenants whose deletions are approved ({@code --allow-deletion T})
 */
public record DeletionPolicy(double maxShare, Set<String> approved) {
  /** Half of a tenant's objects, no approvals. */
  public static final DeletionPolicy DEFAULT = new DeletionPolicy(0.5, Set.of());

  public DeletionPolicy {
    if (!(maxShare >= 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("maxShare must be between 0 and 1, was " + maxShare);
    }
    approved = Collections.unmodifiableSortedSet(new TreeSet<>(approved));
  }
}
