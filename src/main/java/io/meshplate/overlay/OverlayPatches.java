package io.meshplate.overlay;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code patches}, {@code labels} and {@code annotations} of one overlay chain, parsed once
 * and applied to each rendered file of the overlay. Thread-safe: rendering applies it to tenants
 * in parallel.
 */
public final class OverlayPatches {
  private final List<PatchLayer> layers;
  private final boolean empty;

  private OverlayPatches(List<PatchLayer> layers) {
    this.layers = List.copyOf(layers);
    this.empty = layers.stream().allMatch(
        l -> l.patches().isEmpty() && l.labels().isEmpty() && l.annotations().isEmpty());
  }

  /**
   * Parses the chain's overlays, root first (parent patches apply before the child's).
   *
   * @param renderedKinds kinds meshplate renders in this overlay; a target naming no such kind
   *     is an error. Empty skips the check (a render of some tenants only cannot tell)
   * @throws InvalidInputException with every problem of every overlay file of the chain
   */
  public static OverlayPatches of(OverlayChain chain, Set<String> renderedKinds) {
    List<PatchLayer> layers = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Overlay overlay : chain.overlays()) {
      try {
        layers.add(new PatchLayer(
            overlay.patches() == null ? List.of()
                : PatchParser.parsePatches(overlay.patches(), overlay.positions(), "/patches", renderedKinds),
            overlay.labels() == null ? Map.of()
                : PatchParser.parseStringMap(overlay.labels(), overlay.positions(), "/labels"),
            overlay.annotations() == null ? Map.of()
                : PatchParser.parseStringMap(overlay.annotations(), overlay.positions(), "/annotations")));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new OverlayPatches(layers);
  }

  /** Patches, labels and annotations applied to the objects of one file; input is not changed. */
  public PatchResult apply(List<Map<String, Object>> objects) {
    if (empty) {
      return new PatchResult(objects, List.of(), List.of());
    }
    return PatchEngine.apply(objects, layers);
  }

  /** Fails for each non-optional patch that selected nothing in any of {@code results}. */
  public void requireMatched(List<PatchResult> results) {
    if (!empty) {
      PatchEngine.requireMatched(layers, results);
    }
  }

  /**
   * The patches (numbered in chain order, parent overlay first) that selected something in
   * {@code result}: what a folder tells the overlay-wide check, and what the cache keeps.
   */
  public BitSet matched(PatchResult result) {
    Set<Patch> missed = Collections.newSetFromMap(new IdentityHashMap<>());
    missed.addAll(result.unmatched());
    BitSet matched = new BitSet();
    List<Patch> all = all();
    for (int i = 0; i < all.size(); i++) {
      if (!missed.contains(all.get(i))) {
        matched.set(i);
      }
    }
    return matched;
  }

  /**
   * {@code OVERLAY-PATCH-NO-MATCH} for each patch not marked optional whose number is not in
   * {@code matchedAnywhere}, the union over every folder of the overlay.
   */
  public List<Problem> unmatched(BitSet matchedAnywhere) {
    List<Problem> problems = new ArrayList<>();
    List<Patch> all = all();
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).optional() && !matchedAnywhere.get(i)) {
        problems.add(PatchResult.noMatch(all.get(i)));
      }
    }
    return problems;
  }

  private List<Patch> all() {
    List<Patch> all = new ArrayList<>();
    layers.forEach(layer -> all.addAll(layer.patches()));
    return all;
  }
}
