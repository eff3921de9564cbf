package io.meshplate.descriptor;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every tenant (by file name) and the service names it declares, built once from all parsed
 * files (valid or not, so one broken file does not make every reference to it dangle); lookups
 * are map hits, so checking all references of all tenants is linear.
 */
final class ReferenceIndex {
  private final TreeMap<String, SortedSet<String>> servicesByTenant = new TreeMap<>();

  void add(String tenant, Object descriptorTree) {
    servicesByTenant.put(tenant, servicesOf(Nodes.map(Nodes.at(descriptorTree, "/spec"))));
  }

  /**
   * A tenant whose file could not be read: it exists (its own problems are reported), but its
   * services are unknown, so references to them are not judged.
   */
  void addUnreadable(String tenant) {
    servicesByTenant.putIfAbsent(tenant, null);
  }

  boolean hasTenant(String tenant) {
    return servicesByTenant.containsKey(tenant);
  }

  boolean servicesKnown(String tenant) {
    return servicesByTenant.get(tenant) != null;
  }

  SortedSet<String> tenants() {
    return servicesByTenant.navigableKeySet();
  }

  SortedSet<String> services(String tenant) {
    SortedSet<String> services = servicesByTenant.get(tenant);
    return services == null ? new TreeSet<>() : services;
  }

  /** The services declared in one spec tree (used for the tenant's own, possibly merged, spec). */
  static SortedSet<String> servicesOf(Map<String, Object> spec) {
    SortedSet<String> services = new TreeSet<>();
    for (Object service : Nodes.list(spec.get("services"))) {
      String name = Nodes.string(Nodes.map(service).get("name"));
      if (name != null) {
        services.add(name);
      }
    }
    return services;
  }
}
