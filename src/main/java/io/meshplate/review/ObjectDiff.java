package io.meshplate.review;

import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Field-level difference of two object trees. Maps are compared key by key (sorted), lists of
 * maps element by element, and lists of scalars as sets: in the policies meshplate renders
 * (principals, hosts, methods, paths, policy types) order carries no meaning, so a reordering
 * alone is not reported and a change shows as entries added and removed.
 */
final class ObjectDiff {
  private ObjectDiff() {}

  static List<FieldChange> diff(Map<String, Object> before, Map<String, Object> after) {
    List<FieldChange> changes = new ArrayList<>();
    compare("", before, after, changes);
    return changes;
  }

  private static void compare(String path, Object before, Object after, List<FieldChange> out) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
      TreeSet<String> keys = new TreeSet<>();
      b.keySet().forEach(k -> keys.add(k.toString()));
      a.keySet().forEach(k -> keys.add(k.toString()));
      for (String key : keys) {
        compare(SourceMap.child(path, key), b.get(key), a.get(key), out);
      }
      return;
    }
    if (before instanceof List<?> b && after instanceof List<?> a) {
      if (allScalars(b) && allScalars(a)) {
        TreeSet<String> old = scalars(b);
        TreeSet<String> now = scalars(a);
        if (old.equals(now)) {
          return;
        }
        TreeSet<String> added = new TreeSet<>(now);
        added.removeAll(old);
        TreeSet<String> removed = new TreeSet<>(old);
        removed.removeAll(now);
        out.add(new FieldChange(path, before, after, List.copyOf(added), List.copyOf(removed)));
        return;
      }
      int common = Math.min(b.size(), a.size());
      for (int i = 0; i < common; i++) {
        compare(SourceMap.child(path, i), b.get(i), a.get(i), out);
      }
      for (int i = common; i < b.size(); i++) {
        out.add(new FieldChange(SourceMap.child(path, i), b.get(i), null, List.of(), List.of()));
      }
      for (int i = common; i < a.size(); i++) {
        out.add(new FieldChange(SourceMap.child(path, i), null, a.get(i), List.of(), List.of()));
      }
      return;
    }
    out.add(new FieldChange(path.isEmpty() ? "/" : path, before, after, List.of(), List.of()));
  }

  private static boolean allScalars(List<?> list) {
    return list.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>);
  }

  private static TreeSet<String> scalars(List<?> list) {
    TreeSet<String> set = new TreeSet<>();
    list.forEach(v -> set.add(String.valueOf(v)));
    return set;
  }
}
