package io.meshplate.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The whole render as the {@link TreeInvariant}s see it, built from the facts every folder kept:
 * the kept objects, the output folders, per folder one object per kind and namespace, the
 * namespaces each tenant owns and where Argo CD delivers each overlay.
 */
final class TreeView {
  /** Every kept object, in folder order. */
  final List<PlacedObject> all = new ArrayList<>();
  /** The kept objects of each tenant folder. */
  final java.util.SortedMap<io.meshplate.manifest.FolderId, List<PlacedObject>> byFolder = new java.util.TreeMap<>();
  /** Every output folder holding a rendered file, relative to {@code output/}. */
  final SortedSet<String> folders = new TreeSet<>();
  private final Map<String, List<PlacedObject>> synced = new HashMap<>();
  private final Map<String, Set<String>> owned = new HashMap<>();
  private final Function<String, ArgoCdSite> sites;
  private Deliveries deliveries;

  TreeView(Collection<KeptObjects.Facts> facts, Function<String, ArgoCdSite> sites) {
    this.sites = sites;
    for (KeptObjects.Facts folder : facts) {
      List<PlacedObject> kept = new ArrayList<>();
      folder.kept().forEach(one -> kept.add(KeptObjects.placed(folder, one)));
      all.addAll(kept);
      if (folder.tenant() != null) {
        byFolder.put(new io.meshplate.manifest.FolderId(folder.overlay(), folder.tenant()), kept);
      }
      folders.addAll(folder.folders());
      folder.synced().forEach((path, list) -> {
        List<PlacedObject> placed = synced.computeIfAbsent(path, p -> new ArrayList<>());
        list.forEach(one -> placed.add(KeptObjects.placed(folder, one)));
      });
      if (folder.tenant() != null) {
        owned.computeIfAbsent(folder.tenant(), t -> new TreeSet<>()).addAll(folder.owned());
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

  /** One object per kind and namespace (cluster-scoped: per kind and name) of an output folder. */
  List<PlacedObject> synced(String folder) {
    return synced.getOrDefault(folder, List.of());
  }

  /** The namespaces a tenant owns, in every overlay it renders to. */
  Set<String> ownedBy(String tenant) {
    return owned.getOrDefault(tenant, Set.of());
  }
}
