package io.meshplate.review;

import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Field-level difference of two object trees. Maps are compared key by key (sorted), lists of
 * maps aligned on their equal elements, and lists of scalars as sets: in the policies meshplate renders
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
      compareLists(path, b, a, out);
      return;
    }
    out.add(new FieldChange(path.isEmpty() ? "/" : path, before, after, List.of(), List.of()));
  }

  /**
   * Elements equal on both sides are matched in order (longest common subsequence), so an entry
   * inserted in the middle shows as one entry added rather than every later entry changed.
   * Between matches, elements are compared pairwise; the surplus is added or removed.
   */
  private static void compareLists(String path, List<?> before, List<?> after, List<FieldChange> out) {
    int n = before.size();
    int m = after.size();
    if ((long) n * m > MAX_ALIGNED_CELLS) {
      compareGap(path, before, 0, n, after, 0, m, out);
      return;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = Objects.equals(before.get(i), after.get(j))
            ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    int gapI = 0;
    int gapJ = 0;
    while (i < n && j < m) {
      if (Objects.equals(before.get(i), after.get(j))) {
        compareGap(path, before, gapI, i, after, gapJ, j, out);
        i++;
        j++;
        gapI = i;
        gapJ = j;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    compareGap(path, before, gapI, n, after, gapJ, m, out);
  }

  /** Above this many comparisons (elements before × after) lists are compared by index. */
  private static final long MAX_ALIGNED_CELLS = 1_000_000L;

  private static void compareGap(String path, List<?> before, int fromI, int toI, List<?> after, int fromJ, int toJ,
      List<FieldChange> out) {
    int paired = Math.min(toI - fromI, toJ - fromJ);
    for (int k = 0; k < paired; k++) {
      compare(SourceMap.child(path, fromJ + k), before.get(fromI + k), after.get(fromJ + k), out);
    }
    for (int k = fromI + paired; k < toI; k++) {
      out.add(new FieldChange(SourceMap.child(path, k), before.get(k), null, List.of(), List.of()));
    }
    for (int k = fromJ + paired; k < toJ; k++) {
      out.add(new FieldChange(SourceMap.child(path, k), null, after.get(k), List.of(), List.of()));
    }
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
