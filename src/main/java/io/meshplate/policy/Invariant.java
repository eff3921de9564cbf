package io.meshplate.policy;

import io.meshplate.Problem;
import java.util.List;

/** One post-render security invariant; implementations are named after what they require. */
interface Invariant {
  /** The stable rule id, {@code INV-…}. */
  String rule();

  void check(RenderedObjects objects, List<Problem> problems);
}
