package io.meshplate.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Finds deletions large enough to need a named approval, with their blast radius. */
final class DeletionGuard {
  private DeletionGuard() {}

  private static final class Tally {
    final SortedSet<String> overlays = new TreeSet<>();
    final SortedSet<String> namespaces = new TreeSet<>();
    int removed;
    int before;
    boolean tenantRemoved;
  }

  static List<Deletion> find(Side base, Side head, List<ObjectChange> changes, DeletionPolicy policy) {
    Map<String, Integer> before = new HashMap<>();
    for (Side.Entry e : base.objects.values()) {
      if (e.tenant() != null) {
        before.merge(e.overlay() + "/" + e.tenant(), 1, Integer::sum);
      }
    }
    Set<String> owned = new HashSet<>();
    for (Side.Entry e : base.objects.values()) {
      if (e.tenant() != null && e.key().kind().equals("Namespace")) {
        owned.add(e.overlay() + "/" + e.key().name());
      }
    }
    Map<String, List<ObjectChange>> removed = new TreeMap<>();
    for (ObjectChange c : changes) {
      if (c.type() == ObjectChange.Type.REMOVED && c.tenant() != null) {
        removed.computeIfAbsent(c.overlay() + "/" + c.tenant(), k -> new ArrayList<>()).add(c);
      }
    }
    SortedMap<String, Tally> tallies = new TreeMap<>();
    base.tenants.forEach((overlay, tenants) -> {
      for (String tenant : tenants) {
        String where = overlay + "/" + tenant;
        List<ObjectChange> gone = removed.getOrDefault(where, List.of());
        int total = before.getOrDefault(where, 0);
        boolean folderGone = !head.hasTenant(overlay, tenant);
        boolean tooMany = total > 0 && (double) gone.size() / total > policy.maxShare();
        if (folderGone || tooMany) {
          Tally t = tallies.computeIfAbsent(tenant, k -> new Tally());
          t.overlays.add(overlay);
          t.removed += gone.size();
          t.before += total;
          t.tenantRemoved |= folderGone;
          // Namespaces the tenant owns (its Namespace objects), not shared ones such as Argo CD's.
          gone.forEach(c -> {
            String ns = c.key().kind().equals("Namespace") ? c.key().name() : c.key().namespace();
            if (owned.contains(overlay + "/" + ns)) {
              t.namespaces.add(ns);
            }
          });
        }
      }
    });
    List<Deletion> out = new ArrayList<>();
    tallies.forEach((tenant, t) -> out.add(new Deletion(tenant, t.tenantRemoved, List.copyOf(t.overlays),
        t.removed, t.before, List.copyOf(t.namespaces), policy.approved().contains(tenant))));
    return out;
  }
}
