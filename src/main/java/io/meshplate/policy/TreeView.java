package io.meshplate.policy;

import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
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
  final SortedMap<FolderId, List<PlacedObject>> byFolder = new TreeMap<>();
  /** Every output folder holding a rendered file, relative to {@code output/}. */
  final SortedSet<String> folders = new TreeSet<>();
  /** Per output folder, its stand-ins with the facts they belong to: made into objects only when asked for. */
  private final Map<String, List<Held>> synced = new HashMap<>();
  private final Map<String, Set<String>> owned = new HashMap<>();
  private final Function<String, ArgoCdSite> sites;
  private Deliveries deliveries;

  TreeView(Collection<KeptObjects.Facts> facts, Function<String, ArgoCdSite> sites) {
    this.sites = sites;
    for (KeptObjects.Facts folder : facts) {
      List<PlacedObject> kept = new ArrayList<>();
      Map<String, RenderedFile> files = new HashMap<>();
      folder.kept().forEach(one -> kept.add(KeptObjects.placed(folder, one, files)));
      all.addAll(kept);
      if (folder.tenant() != null) {
        byFolder.put(new FolderId(folder.overlay(), folder.tenant()), kept);
      }
      folder.folders().forEach(name -> folders.add(folder.path(name)));
      folder.synced().forEach((name, list) ->
          synced.computeIfAbsent(folder.path(name), p -> new ArrayList<>()).add(new Held(folder, list)));
      if (folder.tenant() != null) {
        owned.computeIfAbsent(folder.tenant(), t -> new TreeSet<>()).addAll(folder.owned());
      }
    }
  }

  /** Where Argo CD delivers an overlay. */
  ArgoCdSite site(String overlay) {
    return sites.apply(overlay);
  }

  /** What the rendered Applications and ApplicationSets sync, worked out once (rules run side by side). */
  synchronized Deliveries deliveries() {
    if (deliveries == null) {
      deliveries = new Deliveries(this);
    }
    return deliveries;
  }

  /**
   * One object per kind and namespace (cluster-scoped: per kind and name) of an output folder,
   * made for the caller: 10,000 tenants have about a million of them.
   */
  List<PlacedObject> synced(String folder) {
    List<PlacedObject> placed = new ArrayList<>();
    for (Held held : synced.getOrDefault(folder, List.of())) {
      Map<String, RenderedFile> files = new HashMap<>();
      held.stands().forEach(one -> placed.add(KeptObjects.placed(held.facts(), one, files)));
    }
    return placed;
  }

  /** The stand-ins of one output folder and the facts of the folder that kept them. */
  private record Held(KeptObjects.Facts facts, List<KeptObjects.Synced> stands) {}

  /** The namespaces a tenant owns, in every overlay it renders to. */
  Set<String> ownedBy(String tenant) {
    return owned.getOrDefault(tenant, Set.of());
  }
}
