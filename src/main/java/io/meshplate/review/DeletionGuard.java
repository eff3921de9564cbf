package io.meshplate.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Finds deletions large enough to need a named approval, with their blast radius. */
final class DeletionGuard {
  private DeletionGuard() {}

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
    DeletionTally tally = new DeletionTally();
    base.tenants.forEach((overlay, tenants) -> {
      for (String tenant : tenants) {
        String where = overlay + "/" + tenant;
        List<ObjectChange> gone = removed.getOrDefault(where, List.of());
        int total = before.getOrDefault(where, 0);
        boolean folderGone = !head.hasTenant(overlay, tenant);
        if (folderGone || DeletionTally.tooMany(gone.size(), total, policy)) {
          // Namespaces the tenant owns (its Namespace objects), not shared ones such as Argo CD's.
          List<String> namespaces = new ArrayList<>();
          gone.forEach(c -> {
            String ns = c.key().kind().equals("Namespace") ? c.key().name() : c.key().namespace();
            if (owned.contains(overlay + "/" + ns)) {
              namespaces.add(ns);
            }
          });
          tally.add(tenant, overlay, gone.size(), total, folderGone, namespaces);
        }
      }
    });
    return tally.deletions(policy);
  }
}
