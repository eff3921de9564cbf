package io.meshplate.policy;

import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The index the invariants share: every object with its file, tenant folders grouped by overlay
 * and tenant, and the namespaces each tenant owns. Built once, in one pass.
 */
final class RenderedObjects {
  /** A tenant's folder in one overlay: {@code <overlay>/tenants/<tenant>/}. */
  record Folder(String overlay, String tenant) implements Comparable<Folder> {
    @Override
    public int compareTo(Folder other) {
      int byOverlay = overlay.compareTo(other.overlay);
      return byOverlay != 0 ? byOverlay : tenant.compareTo(other.tenant);
    }
  }

  final List<PlacedObject> all = new ArrayList<>();
  final SortedMap<Folder, List<PlacedObject>> byFolder = new TreeMap<>();
  final Map<String, Set<String>> namespacesByTenant;
  private final Map<String, Map<String, Set<String>>> ingressHosts;
  final List<RenderedFile> files;
  private final Function<String, ArgoCdSite> sites;
  private Deliveries deliveries;

  RenderedObjects(RenderedTree tree, Map<String, Set<String>> namespacesByTenant,
      Map<String, Map<String, Set<String>>> ingressHosts, Function<String, ArgoCdSite> sites) {
    this.namespacesByTenant = namespacesByTenant;
    this.ingressHosts = ingressHosts;
    this.sites = sites;
    this.files = List.copyOf(tree.files().values());
    for (RenderedFile file : files) {
      for (Map<String, Object> object : file.objects()) {
        PlacedObject placed = new PlacedObject(file, object, io.meshplate.manifest.ObjectKey.of(object));
        if (placed.key().group().startsWith("kustomize.config.k8s.io")) {
          continue; // build instructions for kustomize, never applied to a cluster
        }
        all.add(placed);
        if (file.tenant() != null) {
          byFolder.computeIfAbsent(new Folder(file.overlay(), file.tenant()), f -> new ArrayList<>()).add(placed);
        }
      }
    }
  }

  /** Where Argo CD delivers an overlay. */
  ArgoCdSite site(String overlay) {
    return sites.apply(overlay);
  }

  /** What the rendered Applications and ApplicationSets sync, worked out once. */
  Deliveries deliveries() {
    if (deliveries == null) {
      deliveries = new Deliveries(this);
    }
    return deliveries;
  }

  Set<String> ownedBy(String tenant) {
    return namespacesByTenant.getOrDefault(tenant, Set.of());
  }

  /** The FQDNs the tenant's descriptor exposes in the overlay (empty when none). */
  Set<String> ingressHosts(String overlay, String tenant) {
    return ingressHosts.getOrDefault(overlay, Map.of()).getOrDefault(tenant, Set.of());
  }

  /**
   * The namespaces a tenant folder populates: its Namespace objects and the namespaces of its
   * namespaced objects that the tenant owns. Each needs its own baseline policies.
   */
  static Set<String> namespacesOf(String tenant, List<PlacedObject> objects, Set<String> owned) {
    TreeSet<String> namespaces = new TreeSet<>();
    for (PlacedObject placed : objects) {
      if (placed.is("", "Namespace") && owned.contains(placed.key().name())) {
        namespaces.add(placed.key().name());
      } else if (owned.contains(placed.key().namespace())) {
        namespaces.add(placed.key().namespace());
      }
    }
    return namespaces;
  }
}
