package io.meshplate.review;

import io.meshplate.reach.FlowChange;
import io.meshplate.reach.Report;
import java.util.List;

/**
 * A review by effect: the connectivity model on both sides and the flows that differ. A side
 * whose descriptors do not load (an old revision under newer rules) leaves it unavailable, with
 * the reason; the object-level review still stands.
 *
 * @param before the base's flows and findings, or null when unavailable
 * @param after the head's flows and findings (its warnings are the review's warnings), or null
 * @param unavailable why the model could not be compared, or null
 */
public record Effects(List<FlowChange> changes, Report before, Report after, String unavailable) {
  public Effects {
    changes = List.copyOf(changes);
  }

  /** Effects that could not be computed. */
  public static Effects unavailable(String reason) {
    return new Effects(List.of(), null, null, reason);
  }
}
