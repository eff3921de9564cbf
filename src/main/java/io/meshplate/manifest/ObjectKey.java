package io.meshplate.manifest;

import io.meshplate.Interned;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identity of a Kubernetes object across renders: API group, kind, namespace and name. The
 * version is left out on purpose, so a change of apiVersion (OSSM 2 to 3) shows as a change of
 * one object, not as a removal and an addition.
 *
 * @param namespace empty for cluster-scoped objects
 */
public record ObjectKey(String group, String kind, String namespace, String name)
    implements Comparable<ObjectKey> {

  // Written out: a record's generated equals and hashCode go through method handles that the quick
  // compiler the launcher runs does not inline (about 200 ns a call against 17 ns for a handful of
  // fields), and every object of a run is looked up by its key, some several times.
  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectKey k && Objects.equals(name, k.name) && Objects.equals(namespace, k.namespace)
        && Objects.equals(kind, k.kind) && Objects.equals(group, k.group);
  }

  @Override
  public int hashCode() {
    return ((Objects.hashCode(group) * 31 + Objects.hashCode(kind)) * 31 + Objects.hashCode(namespace)) * 31
        + Objects.hashCode(name);
  }

  private static final Comparator<ObjectKey> ORDER =
      Comparator.comparing(ObjectKey::kind)
          .thenComparing(ObjectKey::group)
          .thenComparing(ObjectKey::namespace)
          .thenComparing(ObjectKey::name);

  /** The key of an object tree; missing fields become empty strings. */
  public static ObjectKey of(Map<String, Object> object) {
    String apiVersion = text(object.get("apiVersion"));
    Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    // Group, kind and namespace recur across the keys the checks keep of every folder: interned,
    // each is held once (names are mostly unique).
    return new ObjectKey(GROUPS.computeIfAbsent(apiVersion, ObjectKey::group), Interned.of(text(object.get("kind"))),
        Interned.of(text(metadata.get("namespace"))),
        text(metadata.get("name")));
  }

  /**
   * The group of each apiVersion met, interned: a run takes the key of every object it renders or
   * reads, and the few apiVersions of its templates recur in each (one lookup instead of a new
   * substring to intern).
   */
  private static final Map<String, String> GROUPS = new ConcurrentHashMap<>();

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return Interned.of(slash < 0 ? "" : apiVersion.substring(0, slash));
  }

  /** Group and kind as one name, {@code NetworkPolicy.networking.k8s.io} ({@code Service} for the core group), interned. */
  public String groupKind() {
    return GROUP_KINDS.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(group, g -> Interned.of(g.isEmpty() ? kind : kind + "." + g));
  }

  private static final Map<String, Map<String, String>> GROUP_KINDS = new ConcurrentHashMap<>();

  /**
   * Names as {@link #groupKind} writes them, by kind: the groups of each ({@code ""} for the core
   * group), so a key is looked up without building its name.
   */
  public static Map<String, List<String>> groupsByKind(Collection<String> groupKinds) {
    Map<String, List<String>> groups = new HashMap<>();
    for (String groupKind : groupKinds) {
      int dot = groupKind.indexOf('.');
      groups.computeIfAbsent(dot < 0 ? groupKind : groupKind.substring(0, dot), k -> new ArrayList<>())
          .add(dot < 0 ? "" : groupKind.substring(dot + 1));
    }
    groups.replaceAll((kind, list) -> List.copyOf(list));
    return Map.copyOf(groups);
  }

  /** Sorts objects by their key, computing each key once. */
  public static void sort(List<Map<String, Object>> objects) {
    if (objects.size() < 2) {
      return;
    }
    List<Map.Entry<ObjectKey, Map<String, Object>>> keyed = new ArrayList<>(objects.size());
    objects.forEach(o -> keyed.add(Map.entry(of(o), o)));
    keyed.sort(Map.Entry.comparingByKey());
    for (int i = 0; i < keyed.size(); i++) {
      objects.set(i, keyed.get(i).getValue());
    }
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** {@code Kind/name} or {@code Kind/namespace/name}, as users type it. */
  public String display() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(ObjectKey other) {
    return ORDER.compare(this, other);
  }
}
