package io.meshplate.review;

import io.meshplate.reach.Family;
import io.meshplate.reach.Flow;
import io.meshplate.reach.Reach;
import io.meshplate.reach.Report;
import io.meshplate.reach.Verdict;
import io.meshplate.review.AccessRules.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tenant-to-tenant calls allowed on each side. Only edges touching a tenant that changed are
 * kept: with thousands of tenants the whole graph would drown the few edges a PR moves.
 */
final class CallGraph {
  private CallGraph() {}

  static List<CallEdge> around(Side base, Side head, Map<String, String> owners, Set<String> changedTenants) {
    return compare(edges(base, owners, changedTenants), edges(head, owners, changedTenants));
  }

  private static List<CallEdge> compare(SortedMap<String, SortedSet<String>> before,
      SortedMap<String, SortedSet<String>> after) {
    SortedSet<String> all = new TreeSet<>(before.keySet());
    all.addAll(after.keySet());
    List<CallEdge> out = new ArrayList<>();
    for (String edge : all) {
      SortedSet<String> was = before.getOrDefault(edge, new TreeSet<>());
      SortedSet<String> is = after.getOrDefault(edge, new TreeSet<>());
      SortedSet<String> added = new TreeSet<>(is);
      added.removeAll(was);
      SortedSet<String> removed = new TreeSet<>(was);
      removed.removeAll(is);
      String[] ends = edge.split("\0");
      if (!added.isEmpty()) {
        out.add(new CallEdge(ends[0], ends[1], "added", List.copyOf(added)));
      } else if (!removed.isEmpty()) {
        out.add(new CallEdge(ends[0], ends[1], "removed", List.copyOf(removed)));
      } else {
        out.add(new CallEdge(ends[0], ends[1], "unchanged", List.copyOf(is)));
      }
    }
    return out;
  }

  /** The same graph from the flows the connectivity model allows on each side (MESH flows between tenants). */
  static List<CallEdge> around(Effects effects, Set<String> changedTenants) {
    return compare(flowEdges(effects.before(), changedTenants), flowEdges(effects.after(), changedTenants));
  }

  private static SortedMap<String, SortedSet<String>> flowEdges(Report report, Set<String> changed) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    for (Flow f : report.flows()) {
      String from = Reach.tenantOf(f.from());
      String to = Reach.tenantOf(f.to());
      if (f.verdict() == Verdict.ALLOWED && f.family() == Family.MESH
          && from != null && to != null && !from.equals(to) && (changed.contains(from) || changed.contains(to))) {
        out.computeIfAbsent(from + "\0" + to, k -> new TreeSet<>()).add(f.overlay());
      }
    }
    return out;
  }

  private static SortedMap<String, SortedSet<String>> edges(
      Side side, Map<String, String> owners, Set<String> changedTenants) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    for (Grant grant : AccessRules.of(side, owners).keySet()) {
      String from = grant.callerTenant();
      String to = grant.tenant();
      if (from == null || to == null || from.equals(to)) {
        continue;
      }
      if (changedTenants.contains(from) || changedTenants.contains(to)) {
        out.computeIfAbsent(from + "\0" + to, k -> new TreeSet<>()).add(grant.overlay());
      }
    }
    return out;
  }
}
