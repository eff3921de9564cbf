package io.meshplate.descriptor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * All validated tenants of a workspace, sorted by name, with an index by name.
 *
 * @param all tenants sorted by name
 * @param byName the same tenants keyed by name (sorted map)
 */
public record Tenants(List<Tenant> all, Map<String, Tenant> byName) {

  public Tenants {
    all = List.copyOf(all);
    byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /** Indexes {@code tenants} by name; the list is sorted by name. */
  public static Tenants of(List<Tenant> tenants) {
    Map<String, Tenant> index = new TreeMap<>();
    tenants.forEach(t -> index.put(t.name(), t));
    return new Tenants(List.copyOf(index.values()), index);
  }

  public int size() {
    return all.size();
  }

  public Optional<Tenant> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** A service of a tenant, as referenced by {@code calls} and {@code allow.from}. */
  public Optional<TenantSpec.Service> service(String tenant, String service) {
    return find(tenant).flatMap(t -> t.spec().services().stream()
        .filter(s -> s.name().equals(service)).findFirst());
  }
}
