package io.meshplate.overlay;

import io.meshplate.yaml.Messages;
import io.meshplate.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strategic-merge patch applied the way Kustomize 5 (kyaml {@code merge2}) applies it, which
 * the conformance suite checks case by case against {@code kubectl kustomize}:
 *
 * <ul>
 *   <li>maps merge key by key; {@code null} deletes a key; a map the target lacks is added
 *       without its null entries (an all-null map leaves an empty map behind, as Kustomize does);
 *   <li>{@code $patch: delete} removes the map (or the whole object at the top),
 *       {@code $patch: replace} replaces the map by the rest of the patch map;
 *   <li>lists are replaced, except the patch-merge lists of built-in kinds ({@link MergeKeys}):
 *       their items merge by key; with one key (containers by name) the patch's items come first
 *       in patch order, then the target's remaining items; with several keys (ports by port and
 *       protocol) new items come first, then the target's items in their order, merged in place;
 *       {@code $patch: delete} in an item removes it; lists of scalars with a merge strategy
 *       become the union, patch values first.
 * </ul>
 */
final class StrategicMerge {
  /** Returned when the patch deletes the object it is applied to. */
  static final Map<String, Object> DELETED = Map.of();

  private static final String DIRECTIVE = "$patch";

  private final String apiVersion;
  private final String kind;

  private StrategicMerge(String apiVersion, String kind) {
    this.apiVersion = apiVersion;
    this.kind = kind;
  }

  /** The patched copy of {@code target}, or {@link #DELETED}; {@code target} is not changed. */
  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    String apiVersion = Objects.toString(target.get("apiVersion"), "");
    String kind = Objects.toString(target.get("kind"), "");
    Map<String, Object> result = new StrategicMerge(apiVersion, kind).mergeMap(target, patch, "");
    return result == null ? DELETED : result;
  }

  /** Null when the patch deletes the map. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> mergeMap(Map<String, Object> target, Map<String, Object> patch, String path) {
    Object directive = patch.get(DIRECTIVE);
    if ("delete".equals(directive)) {
      return null;
    }
    if ("replace".equals(directive) || target == null) {
      return fresh(patch, path);
    }
    if (directive != null) {
      throw unknownDirective(directive, path);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    target.forEach((k, v) -> result.put(k, Trees.deepCopy(v)));
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (value == null) {
        result.remove(key);
      } else if (value instanceof Map<?, ?> patchMap) {
        Map<String, Object> existing =
            result.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        Map<String, Object> merged = mergeMap(existing, (Map<String, Object>) patchMap, childPath);
        if (merged == null) {
          result.remove(key);
        } else {
          result.put(key, merged);
        }
      } else if (value instanceof List<?> patchList) {
        List<Object> existing = result.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
        result.put(key, mergeList(existing, (List<Object>) patchList, childPath));
      } else {
        result.put(key, value);
      }
    }
    return result;
  }

  /** A patch map the target lacks: its null entries and directives dropped, recursively. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> fresh(Map<String, Object> patch, String path) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (value == null || key.equals(DIRECTIVE)) {
        continue;
      }
      if (value instanceof Map<?, ?> m) {
        Map<String, Object> nested = mergeMap(null, (Map<String, Object>) m, childPath);
        if (nested != null) {
          result.put(key, nested);
        }
      } else if (value instanceof List<?> l) {
        result.put(key, mergeList(List.of(), (List<Object>) l, childPath));
      } else {
        result.put(key, value);
      }
    }
    return result;
  }

  private List<Object> mergeList(List<Object> target, List<Object> patch, String path) {
    List<String> keys = MergeKeys.forList(apiVersion, kind, path);
    if (keys == null) {
      return Trees.deepCopy(patch);
    }
    return keys.isEmpty() ? mergeScalarSet(target, patch) : mergeByKeys(target, patch, keys, path);
  }

  private static List<Object> mergeScalarSet(List<Object> target, List<Object> patch) {
    List<Object> result = new ArrayList<>();
    for (Object value : patch) {
      if (!result.contains(value)) {
        result.add(value);
      }
    }
    for (Object value : target) {
      if (!result.contains(value)) {
        result.add(value);
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private List<Object> mergeByKeys(List<Object> target, List<Object> patch, List<String> keys, String path) {
    String itemPath = path + "[]";
    for (Object item : patch) {
      if (!(item instanceof Map<?, ?> patchItem)) {
        throw new PatchFailure(
            "OVERLAY-PATCH-SHAPE",
            "the items of " + path + " are maps merged by " + String.join("+", keys) + ", found a scalar",
            "write each item as a map with its " + keys.get(0));
      }
      if (!patchItem.containsKey(keys.get(0))) {
        throw new PatchFailure(
            "OVERLAY-MERGE-KEY-MISSING",
            "an item of " + path + " has no " + keys.get(0) + ", which identifies the item to merge with",
            "add " + keys.get(0) + " to the item");
      }
    }
    boolean fullKeys = usesAllKeys(target, patch, keys, path);
    Map<String, Object>[] merged = new Map[target.size()];
    boolean[] deleted = new boolean[target.size()];
    List<Object> added = new ArrayList<>();
    List<Object> result = new ArrayList<>();
    for (Object item : patch) {
      Map<String, Object> patchItem = (Map<String, Object>) item;
      int match = findMatch(target, patchItem, fullKeys ? keys : keys.subList(0, 1));
      Map<String, Object> existing = match < 0 ? null : (Map<String, Object>) target.get(match);
      Map<String, Object> value = mergeMap(existing, patchItem, itemPath);
      if (match >= 0) {
        merged[match] = value;
        deleted[match] = value == null;
      }
      if (value != null && !fullKeys) {
        result.add(value);
      } else if (value != null && match < 0) {
        added.add(value);
      }
    }
    if (fullKeys) {
      // Kustomize puts new items of a list keyed by several fields first, then the target's
      // items in their own order, merged in place.
      result.addAll(added);
      for (int i = 0; i < target.size(); i++) {
        if (!deleted[i]) {
          result.add(merged[i] != null ? merged[i] : Trees.deepCopy(target.get(i)));
        }
      }
    } else {
      // With one merge key the patch's items come first in patch order, then the rest.
      for (int i = 0; i < target.size(); i++) {
        if (merged[i] == null && !deleted[i]) {
          result.add(Trees.deepCopy(target.get(i)));
        }
      }
    }
    return result;
  }

  /**
   * For lists keyed by more than one field (ports: port and protocol) Kustomize 5.5 pairs and
   * orders items differently depending on which keys each item writes, and silently drops items
   * when the two sides disagree. meshplate accepts the two consistent cases (every item writes
   * every key, or no item writes a secondary key) and rejects the rest instead of guessing.
   */
  private static boolean usesAllKeys(List<Object> target, List<Object> patch, List<String> keys, String path) {
    if (keys.size() == 1) {
      return false;
    }
    boolean all = true;
    boolean none = true;
    for (List<Object> side : List.of(target, patch)) {
      for (Object item : side) {
        if (item instanceof Map<?, ?> map) {
          for (String key : keys.subList(1, keys.size())) {
            all &= map.containsKey(key);
            none &= !map.containsKey(key);
          }
        }
      }
    }
    if (!all && !none) {
      throw new PatchFailure(
          "OVERLAY-MERGE-KEY-AMBIGUOUS",
          "the items of " + path + " are merged by " + String.join("+", keys) + ", but only some items (in the patch"
              + " or the rendered object) write " + String.join(", ", keys.subList(1, keys.size())),
          "write " + String.join(", ", keys.subList(1, keys.size()))
              + " on every item of the patch exactly as the rendered object does (Kustomize would drop items)");
    }
    return all;
  }

  private static int findMatch(List<Object> target, Map<String, Object> patchItem, List<String> keys) {
    for (int i = 0; i < target.size(); i++) {
      if (target.get(i) instanceof Map<?, ?> candidate
          && keys.stream().allMatch(k -> Objects.equals(candidate.get(k), patchItem.get(k)))) {
        return i;
      }
    }
    return -1;
  }

  private static PatchFailure unknownDirective(Object directive, String path) {
    return new PatchFailure(
        "OVERLAY-PATCH-DIRECTIVE",
        "unsupported $patch: " + Messages.escape(String.valueOf(directive))
            + (path.isEmpty() ? "" : " at " + path),
        "use $patch: delete or $patch: replace");
  }
}
