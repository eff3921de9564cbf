package io.meshplate.review;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a tenant loses across overlays, added up folder by folder, and the deletions that need
 * an approval: shared by the review of two snapshots and by {@code check}'s streamed guard.
 */
final class DeletionTally {
  private static final class Tenant {
    final SortedSet<String> overlays = new TreeSet<>();
    final SortedSet<String> namespaces = new TreeSet<>();
    int removed;
    int before;
    boolean tenantRemoved;
  }

  private final SortedMap<String, Tenant> tenants = new TreeMap<>();

  /**
   * One tenant folder of one overlay, when it counts: its folder is gone, or it loses more than
   * the policy's share of its objects.
   *
   * @param removedNamespaces namespaces the tenant owns that lost objects
   */
  synchronized void add(String tenant, String overlay, int removed, int before, boolean folderGone,
      List<String> removedNamespaces) {
    Tenant t = tenants.computeIfAbsent(tenant, k -> new Tenant());
    t.overlays.add(overlay);
    t.removed += removed;
    t.before += before;
    t.tenantRemoved |= folderGone;
    t.namespaces.addAll(removedNamespaces);
  }

  /** Whether a folder losing {@code removed} of {@code before} objects needs an approval. */
  static boolean tooMany(int removed, int before, DeletionPolicy policy) {
    return before > 0 && (double) removed / before > policy.maxShare();
  }

  synchronized List<Deletion> deletions(DeletionPolicy policy) {
    List<Deletion> out = new ArrayList<>();
    tenants.forEach((tenant, t) -> out.add(new Deletion(tenant, t.tenantRemoved, List.copyOf(t.overlays),
        t.removed, t.before, List.copyOf(t.namespaces), policy.approved().contains(tenant))));
    return out;
  }
}
