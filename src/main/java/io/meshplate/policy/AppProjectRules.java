package io.meshplate.policy;

import io.meshplate.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an Argo CD AppProject allows, decided the way Argo CD decides it
 * (argo-cd pkg/apis/application/v1alpha1/app_project_types.go IsGroupKindNamePermitted,
 * isDestinationMatched; types.go isResourceInList): namespaced kinds pass an absent
 * namespaceResourceWhitelist or one that lists them, and no blacklist entry; cluster-scoped
 * kinds need a clusterResourceWhitelist entry (by name when it gives one) and no blacklist
 * entry; a destination needs a server and namespace pattern that match and no deny pattern
 * ({@code !...}) that excludes it.
 */
final class AppProjectRules {
  /** One whitelist or blacklist entry; {@code name} is empty unless a cluster entry names one. */
  record Entry(String group, String kind, String name) {
    boolean matches(String g, String k, String n) {
      return Globs.matchesPath(kind, k) && Globs.matchesPath(group, g) && (name.isEmpty() || Globs.matchesPath(name, n));
    }

    boolean isGlob() {
      return Globs.isGlob(group) || Globs.isGlob(kind) || Globs.isGlob(name);
    }

    String display() {
      String gk = group.isEmpty() ? kind : kind + "." + group;
      return name.isEmpty() ? gk : gk + "/" + name;
    }
  }

  /** One destination entry. */
  record Destination(String server, String name, String namespace) {}

  /**
   * The kind lists of projects, each distinct list read once: every tenant's project whitelists
   * the same namespaced kinds, and a whole-tree check of 10,000 tenants x 3 overlays held 30,000
   * copies of them, some 90 MB (most of it hash sets of literal kinds), at the peak of its memory.
   * Projects share what it gives, and none changes it. For one thread.
   */
  static final class Lists {
    /** Entries by the list as the spec holds it (the same for any of the four fields). */
    private final Map<Object, List<Entry>> entries = new HashMap<>();
    /**
     * Literal kinds by the whitelist they came from, as {@link #entries} shares it (by identity:
     * hashing entries would link their record methods through method handles).
     */
    private final Map<List<Entry>, Map<String, Set<String>>> literalKinds = new IdentityHashMap<>();

    List<Entry> entries(Map<?, ?> spec, String field) {
      return entries.computeIfAbsent(spec.get(field), raw -> AppProjectRules.entries(spec, field));
    }

    Map<String, Set<String>> literalKinds(List<Entry> whitelist) {
      return literalKinds.computeIfAbsent(whitelist, AppProjectRules::literalKinds);
    }
  }

  final List<String> sourceRepos;
  final List<Destination> destinations;
  /** Null when absent: every namespaced kind passes. */
  final List<Entry> namespaceWhitelist;
  final List<Entry> namespaceBlacklist;
  final List<Entry> clusterWhitelist;
  final List<Entry> clusterBlacklist;
  /** The groups of each kind the namespaced whitelist names literally (no pattern, no name). */
  private final Map<String, Set<String>> literalKinds;

  AppProjectRules(Map<?, ?> spec) {
    this(spec, new Lists());
  }

  /** @param lists the kind lists read so far, shared with the projects read before */
  AppProjectRules(Map<?, ?> spec, Lists lists) {
    this.sourceRepos = new ArrayList<>();
    PlacedObject.Fields.list(spec, "sourceRepos").forEach(r -> sourceRepos.add(String.valueOf(r)));
    this.destinations = new ArrayList<>();
    for (Object d : PlacedObject.Fields.list(spec, "destinations")) {
      destinations.add(new Destination(text(d, "server"), text(d, "name"), text(d, "namespace")));
    }
    this.namespaceWhitelist = spec.get("namespaceResourceWhitelist") instanceof List<?>
        ? lists.entries(spec, "namespaceResourceWhitelist") : null;
    this.namespaceBlacklist = lists.entries(spec, "namespaceResourceBlacklist");
    this.clusterWhitelist = lists.entries(spec, "clusterResourceWhitelist");
    this.clusterBlacklist = lists.entries(spec, "clusterResourceBlacklist");
    this.literalKinds = namespaceWhitelist == null ? Map.of() : lists.literalKinds(namespaceWhitelist);
  }

  /** Whether an object of this key may be synced (its kind and, cluster-scoped, its name). */
  boolean permitsKind(ObjectKey key, boolean namespaced) {
    String group = key.group();
    String kind = key.kind();
    if (namespaced) {
      boolean white = namespaceWhitelist == null || literalKinds.getOrDefault(kind, Set.of()).contains(group)
          || anyMatches(namespaceWhitelist, group, kind, "");
      return white && !anyMatches(namespaceBlacklist, group, kind, "");
    }
    return anyMatches(clusterWhitelist, group, kind, key.name()) && !anyMatches(clusterBlacklist, group, kind, key.name());
  }

  /**
   * The kinds {@code whitelist} names literally (no pattern, no name), by kind: an object of one of
   * them passes it without matching every entry, which a project syncing a thousand folders
   * would do for each of their objects.
   */
  private static Map<String, Set<String>> literalKinds(List<Entry> whitelist) {
    Map<String, Set<String>> kinds = new HashMap<>();
    for (Entry entry : whitelist) {
      if (!entry.isGlob() && entry.name().isEmpty()) {
        kinds.computeIfAbsent(entry.kind(), k -> new HashSet<>()).add(entry.group());
      }
    }
    return kinds;
  }

  private static boolean anyMatches(List<Entry> entries, String group, String kind, String name) {
    for (Entry entry : entries) {
      if (entry.matches(group, kind, name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a namespaced object may go to {@code namespace} on the cluster {@code server}. */
  boolean permitsDestination(String server, String namespace) {
    boolean any = false;
    for (Destination d : destinations) {
      boolean serverMatched = !server.isEmpty() && match(d.server(), server);
      boolean nameMatched = ArgoCdSite.IN_CLUSTER.equals(server) && match(d.name(), ArgoCdSite.IN_CLUSTER_NAME);
      boolean namespaceMatched = match(d.namespace(), namespace);
      if ((serverMatched || nameMatched) && namespaceMatched) {
        any = true;
      } else if ((!nameMatched && deny(d.name()) || !serverMatched && deny(d.server())) && namespaceMatched) {
        return false;
      } else if (!namespaceMatched && deny(d.namespace()) && serverMatched) {
        return false;
      }
    }
    return any;
  }

  /** Whether any destination entry lets Applications write into {@code namespace} on any cluster. */
  boolean allowsNamespaceAnywhere(String namespace) {
    return destinations.stream().anyMatch(d -> !deny(d.namespace()) && match(d.namespace(), namespace));
  }

  private static boolean match(String pattern, String value) {
    if (pattern.isEmpty()) {
      return false;
    }
    return deny(pattern) ? !Globs.matches(pattern.substring(1), value) : Globs.matches(pattern, value);
  }

  private static boolean deny(String pattern) {
    return pattern.startsWith("!");
  }

  private static List<Entry> entries(Map<?, ?> spec, String field) {
    List<Entry> entries = new ArrayList<>();
    for (Object item : PlacedObject.Fields.list(spec, field)) {
      entries.add(new Entry(text(item, "group"), text(item, "kind"), text(item, "name")));
    }
    return List.copyOf(entries);
  }

  private static String text(Object parent, String field) {
    String value = PlacedObject.Fields.text(parent, field);
    return value == null ? "" : value;
  }
}
