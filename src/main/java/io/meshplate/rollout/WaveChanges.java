package io.meshplate.rollout;

import io.meshplate.manifest.Bundles;
import io.meshplate.overlay.IstioVersions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a change does to an overlay's rollout, read from the rendered objects on both sides:
 * which namespaces change control plane (grouped into {@link WaveMove}s), which control planes
 * stop being used ({@link Removal}s), and for each the operator checklist. {@code meshplate
 * waves} shows it for the next step, {@code meshplate diff} for a pull request.
 *
 * @param moves sorted by overlay and wave
 * @param removals sorted by overlay, ServiceMeshControlPlanes first
 */
public record WaveChanges(List<WaveMove> moves, List<Removal> removals) {
  public WaveChanges {
    moves = List.copyOf(moves);
    removals = List.copyOf(removals);
  }

  public boolean isEmpty() {
    return moves.isEmpty() && removals.isEmpty();
  }

  /** The changes of every overlay present on either side of two file maps. */
  public static WaveChanges between(Map<String, List<Map<String, Object>>> before,
      Map<String, List<Map<String, Object>>> after) {
    Set<String> overlays = new TreeSet<>();
    before.keySet().forEach(p -> overlays.add(Bundles.overlayOf(p)));
    after.keySet().forEach(p -> overlays.add(Bundles.overlayOf(p)));
    List<WaveMove> moves = new ArrayList<>();
    List<Removal> removals = new ArrayList<>();
    for (String overlay : overlays) {
      WaveChanges one = between(MeshState.of(overlay, before), MeshState.of(overlay, after));
      moves.addAll(one.moves());
      removals.addAll(one.removals());
    }
    return new WaveChanges(moves, removals);
  }

  /** The changes of one overlay. */
  public static WaveChanges between(MeshState before, MeshState after) {
    if (before.isEmpty() || after.isEmpty()) {
      return new WaveChanges(List.of(), List.of());
    }
    Map<List<Object>, List<MeshState.Namespace>> groups = new LinkedHashMap<>();
    Map<List<Object>, MeshState.Governor[]> ends = new LinkedHashMap<>();
    for (MeshState.Namespace now : after.namespaces().values()) {
      MeshState.Namespace was = before.namespaces().get(now.name());
      if (was == null || was.governor() == null || now.governor() == null || same(was.governor(), now.governor())) {
        continue; // a new tenant, or unchanged
      }
      List<Object> key = List.of(was.governor(), now.governor());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(now);
      ends.put(key, new MeshState.Governor[] {was.governor(), now.governor()});
    }
    List<WaveMove> moves = new ArrayList<>();
    groups.forEach((key, namespaces) -> {
      MeshState.Governor from = ends.get(key)[0];
      MeshState.Governor to = ends.get(key)[1];
      String wave = to.tag() != null ? to.tag() : from.tag();
      boolean rollback = to.smcp() && !from.smcp() || !to.smcp() && !from.smcp() && IstioVersions.compare(to.version(), from.version()) < 0;
      moves.add(new WaveMove(after.overlay(), wave, from, to, rollback, namespaces,
          Checklists.forMove(after, wave, from, to, namespaces)));
    });
    moves.sort(Comparator.comparing(WaveMove::overlay).thenComparing(m -> String.valueOf(m.wave()))
        .thenComparing(m -> m.to().display()));
    List<Removal> removals = new ArrayList<>();
    for (String smcp : before.smcps().keySet()) {
      if (!after.smcps().containsKey(smcp)) {
        removals.add(new Removal(after.overlay(), true, smcp, Checklists.forSmcpRemoval(after, before.controlPlaneNamespace(), smcp)));
      }
    }
    Set<String> usedAfter = used(after);
    for (String revision : used(before)) {
      if (!usedAfter.contains(revision)) {
        removals.add(new Removal(after.overlay(), false, revision, Checklists.forRevisionRemoval(after, revision)));
      }
    }
    return new WaveChanges(moves, removals);
  }

  /** Revisions something still names: a tag, a namespace, or the Istio as its active revision. */
  static Set<String> used(MeshState state) {
    Set<String> used = new TreeSet<>(state.istios().values());
    state.tags().values().stream().filter(Objects::nonNull).forEach(used::add);
    state.namespaces().values().stream().map(MeshState.Namespace::governor)
        .filter(g -> g != null && !g.smcp()).forEach(g -> used.add(g.name()));
    return used;
  }

  private static boolean same(MeshState.Governor a, MeshState.Governor b) {
    return a.smcp() == b.smcp() && a.name().equals(b.name());
  }
}
