package io.meshplate.review;

import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ObjectKey;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** One snapshot indexed for comparison: objects by overlay and key, tenant folders, namespace owners. */
final class Side {
  /** Where an object was found. */
  record Entry(String overlay, String tenant, String file, ObjectKey key, Map<String, Object> object) {}

  /** Identity of an object across the two sides. */
  record Id(String overlay, ObjectKey key) implements Comparable<Id> {
    @Override
    public int compareTo(Id other) {
      int byOverlay = overlay.compareTo(other.overlay);
      return byOverlay != 0 ? byOverlay : key.compareTo(other.key);
    }
  }

  final SortedMap<Id, Entry> objects = new TreeMap<>();
  /** overlay to the tenants with a folder there. */
  final SortedMap<String, SortedSet<String>> tenants = new TreeMap<>();
  /** namespace to owning tenant, from where the tenant's objects live. */
  final Map<String, String> namespaceOwners = new TreeMap<>();

  Side(OutputSnapshot snapshot) {
    snapshot.files().forEach((path, list) -> {
      String overlay = Bundles.overlayOf(path);
      String tenant = Bundles.tenantOf(path);
      if (tenant != null) {
        tenants.computeIfAbsent(overlay, o -> new TreeSet<>()).add(tenant);
      }
      for (Map<String, Object> object : list) {
        ObjectKey key = ObjectKey.of(object);
        objects.put(new Id(overlay, key), new Entry(overlay, tenant, path, key, object));
        if (tenant != null && !key.namespace().isEmpty()) {
          namespaceOwners.putIfAbsent(key.namespace(), tenant);
        }
        if (tenant != null && key.kind().equals("Namespace")) {
          namespaceOwners.put(key.name(), tenant);
        }
      }
    });
  }

  SortedSet<String> allTenants() {
    SortedSet<String> all = new TreeSet<>();
    tenants.values().forEach(all::addAll);
    return all;
  }

  boolean hasTenant(String overlay, String tenant) {
    SortedSet<String> in = tenants.get(overlay);
    return in != null && in.contains(tenant);
  }
}
