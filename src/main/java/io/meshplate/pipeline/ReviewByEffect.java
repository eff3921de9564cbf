package io.meshplate.pipeline;

import io.meshplate.reach.FlowChange;
import io.meshplate.reach.GateMemory;
import io.meshplate.reach.OverlayCheck;
import io.meshplate.reach.Reach;
import io.meshplate.review.Effects;
import io.meshplate.review.OutputSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The review by effect of two output snapshots, each judged with the descriptors and overlays of
 * its own revision, one overlay at a time:
 * <ol>
 *   <li>the head's gate ({@link Reach#memory}) keeps what the base's review ({@link Reach#review})
 *       compares with, and the base's review keeps what the head's review compares with, so each
 *       side works out every layer's answer of only the flows that may differ;
 *   <li>the flows that differ ({@link Reach#compare});
 *   <li>every flow of the tenants whose flows changed, for the call graph ({@link Reach#addFlowsOf});
 *   <li>the models are dropped before the next overlay, so a review holds two overlay models at a
 *       time, not every overlay's of both sides (on 10,000 tenants, 0.6 GiB).
 * </ol>
 * A tenant whose flows change in a later overlay was not drawn in the earlier ones: those are
 * judged again (a change to one tenant usually shows in its first overlay already).
 */
final class ReviewByEffect {
  private final Pipeline.Validated base;
  private final OutputSnapshot before;
  private final Pipeline.Validated head;
  private final OutputSnapshot after;
  /** What the last gate of an overlay kept for the head's {@code output/}, encoded; null when nothing. */
  private final Function<String, byte[]> kept;

  private ReviewByEffect(Pipeline.Validated base, OutputSnapshot before, Pipeline.Validated head, OutputSnapshot after,
      Function<String, byte[]> kept) {
    this.base = base;
    this.before = before;
    this.after = after;
    this.head = head;
    this.kept = kept;
  }

  /** The two sides' checks of one overlay (null where a side lacks it), their models dropped. */
  private record Judged(OverlayCheck before, OverlayCheck after, List<FlowChange> changes, Set<String> drawn) {}

  /**
   * @param kept what the last gate of each overlay kept for the head's {@code output/} (a {@link
   *     GateMemory} encoded), or null: when its flows found nothing ({@link
   *     GateMemory#withoutFindings}), the head's gate evaluates again only the flows whose tenants
   *     or platform side differ from what that gate judged
   */
  static Effects of(Pipeline.Validated base, OutputSnapshot before, Pipeline.Validated head, OutputSnapshot after,
      Function<String, byte[]> kept) {
    return new ReviewByEffect(base, before, head, after, kept).effects();
  }

  private Effects effects() {
    Set<String> overlays = new TreeSet<>(overlays(base, before));
    overlays.addAll(overlays(head, after));
    Set<String> tenants = new HashSet<>();
    Map<String, Judged> judged = new HashMap<>();
    for (String overlay : overlays) {
      judged.put(overlay, judge(overlay, tenants));
    }
    List<OverlayCheck> old = new ArrayList<>();
    List<OverlayCheck> now = new ArrayList<>();
    List<FlowChange> changes = new ArrayList<>();
    for (String overlay : overlays) {
      Judged one = judged.get(overlay);
      if (!one.drawn().containsAll(tenants)) {
        one = judge(overlay, tenants);
      }
      Stream.ofNullable(one.before()).forEach(old::add);
      Stream.ofNullable(one.after()).forEach(now::add);
      changes.addAll(one.changes());
    }
    changes.sort(null);
    return new Effects(changes, Reach.report(old), Reach.report(now), null);
  }

  /** One overlay on both sides; {@code tenants} gains those at an end of a changed flow. */
  private Judged judge(String overlay, Set<String> tenants) {
    // The head's gate first: where the last check or render judged this very output/ (a pull
    // request's check runs just before its diff) and its flows found nothing, what it kept leaves
    // nothing to evaluate again, and is taken as it is without modelling the head for it.
    var gate = one(head, after, overlay,
        (platform, parties, contents) -> Reach.memory(platform, parties, contents,
            GateMemory.withoutFindings(kept.apply(overlay))));
    OverlayCheck old = one(base, before, overlay,
        (platform, parties, contents) -> Reach.review(platform, parties, contents, gate));
    OverlayCheck now = one(head, after, overlay,
        (platform, parties, contents) -> Reach.review(platform, parties, contents,
            old == null ? null : old.memory()));
    List<OverlayCheck> olds = Stream.ofNullable(old).toList();
    List<OverlayCheck> nows = Stream.ofNullable(now).toList();
    List<FlowChange> changes = Reach.compare(olds, nows);
    changes.forEach(c -> Stream.of(c.from(), c.to()).map(Reach::tenantOf).filter(Objects::nonNull)
        .forEach(tenants::add));
    Reach.addFlowsOf(olds, tenants);
    Reach.addFlowsOf(nows, tenants);
    return new Judged(old == null ? null : old.withoutModel(), now == null ? null : now.withoutModel(), changes,
        Set.copyOf(tenants));
  }

  /** What {@code judge} makes of {@code overlay} on one side, or null when that side has no output for it. */
  private static <T> T one(Pipeline.Validated validated, OutputSnapshot snapshot, String overlay,
      ReachStage.Judge<T> judge) {
    if (!overlays(validated, snapshot).contains(overlay)) {
      return null;
    }
    return ReachStage.review(validated, List.of(overlay), snapshot, judge).get(0);
  }

  /** The overlays of a side that its snapshot has output for. */
  private static List<String> overlays(Pipeline.Validated validated, OutputSnapshot snapshot) {
    return validated.overlays().names().stream()
        .filter(o -> !snapshot.files().subMap(o + "/", o + "/" + Character.MAX_VALUE).isEmpty()).toList();
  }
}
