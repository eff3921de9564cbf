package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.descriptor.Tenant;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One owner per ingress host across all tenants and overlays (host names are global in DNS).
 * A conflict between two descriptor lines is one conflict however many overlays it appears in:
 * it is reported once per side, listing the hosts and overlays. In a pull request the side
 * whose descriptor did not change is left alone.
 */
final class HostClaims {
  private record Claim(Placement placement, String pointer) {
    String tenant() {
      return placement.tenant().name();
    }
  }

  /** Two claims, ordered by tenant name and pointer so each pair has one key. */
  private record Conflict(String firstTenant, String firstPointer, String secondTenant, String secondPointer)
      implements Comparable<Conflict> {
    @Override
    public int compareTo(Conflict o) {
      return toString().compareTo(o.toString());
    }
  }

  private final Map<String, Claim> owners = new HashMap<>();
  private final SortedMap<Conflict, Claim[]> sides = new TreeMap<>();
  /** Per conflict: host to the overlays where it is claimed by either side. */
  private final Map<Conflict, SortedMap<String, SortedSet<String>>> hosts = new HashMap<>();

  void claim(Placement placement, String pointer, String fqdn) {
    Claim current = new Claim(placement, pointer);
    Claim previous = owners.putIfAbsent(fqdn, current);
    if (previous == null || previous.tenant().equals(current.tenant())) {
      return;
    }
    boolean ordered = (previous.tenant() + previous.pointer()).compareTo(current.tenant() + current.pointer()) < 0;
    Claim first = ordered ? previous : current;
    Claim second = ordered ? current : previous;
    Conflict key = new Conflict(first.tenant(), first.pointer(), second.tenant(), second.pointer());
    sides.putIfAbsent(key, new Claim[] {first, second});
    SortedSet<String> overlays = hosts.computeIfAbsent(key, k -> new TreeMap<>())
        .computeIfAbsent(fqdn, h -> new TreeSet<>());
    overlays.add(previous.placement().rules().overlay());
    overlays.add(current.placement().rules().overlay());
  }

  /**
   * One problem per side of each conflict; with {@code changedTenants} known, only at the
   * changed side when the other did not change.
   */
  List<Problem> conflicts(Set<String> changedTenants) {
    List<Problem> problems = new ArrayList<>();
    sides.forEach((key, pair) -> {
      String listed = hosts.get(key).entrySet().stream()
          .map(e -> "'" + Messages.escape(e.getKey()) + "' (" + String.join(", ", e.getValue()) + ")")
          .collect(Collectors.joining(", "));
      boolean firstChanged = changedTenants != null && changedTenants.contains(pair[0].tenant());
      boolean secondChanged = changedTenants != null && changedTenants.contains(pair[1].tenant());
      boolean blameOne = firstChanged != secondChanged;
      if (!blameOne || firstChanged) {
        problems.add(problem(pair[0], pair[1], listed, blameOne));
      }
      if (!blameOne || secondChanged) {
        problems.add(problem(pair[1], pair[0], listed, blameOne));
      }
    });
    return problems;
  }

  private static Problem problem(Claim claim, Claim other, String listed, boolean otherIsOlder) {
    Tenant tenant = claim.placement().tenant();
    Tenant owner = other.placement().tenant();
    SourceMap.Position ownerAt = owner.positions().value(other.pointer());
    return Guardrails.at(tenant, claim.pointer(), "GUARD-INGRESS-HOST-OWNER",
        "ingress host " + listed + " is also claimed by tenant '" + owner.name() + "' (" + owner.file() + ":"
            + ownerAt.line() + ", owners " + String.join(" ", owner.spec().owners()) + ")"
            + (otherIsOlder ? ", whose claim predates this change" : "")
            + "; this tenant's owners: " + String.join(" ", tenant.spec().owners()),
        "each hostname has exactly one owner; pick another name or agree on a transfer");
  }
}
