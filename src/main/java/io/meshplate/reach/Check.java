package io.meshplate.reach;

import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * One layer's answer for one connection. Request-level layers (authorization, routing) answer
 * per sample request: {@code yes} holds the samples let through, {@code maybe} those whose fate
 * depends on something the model does not know. Connection-level layers leave both null: the
 * outcome holds for every request.
 *
 * @param why the explanation, built only when a report or finding prints it (most checks are never printed)
 * @param applies false when the layer has nothing to say here (a platform namespace whose
 *     policies are not rendered, a port outside mTLS capture)
 */
record Check(Layer layer, Tri outcome, Supplier<String> why, List<Ref> refs, BitSet yes, BitSet maybe, boolean applies) {

  Check {
    refs = List.copyOf(refs);
  }

  /** The explanation, for people. */
  String detail() {
    return why.get();
  }

  static Check pass(Layer layer, String detail, List<Ref> refs) {
    return pass(layer, () -> detail, refs);
  }

  static Check pass(Layer layer, Supplier<String> why, List<Ref> refs) {
    return new Check(layer, Tri.TRUE, why, refs, null, null, true);
  }

  static Check deny(Layer layer, String detail, List<Ref> refs) {
    return deny(layer, () -> detail, refs);
  }

  static Check deny(Layer layer, Supplier<String> why, List<Ref> refs) {
    return new Check(layer, Tri.FALSE, why, refs, null, null, true);
  }

  static Check unknown(Layer layer, String detail, List<Ref> refs) {
    return unknown(layer, () -> detail, refs);
  }

  static Check unknown(Layer layer, Supplier<String> why, List<Ref> refs) {
    return new Check(layer, Tri.UNKNOWN, why, refs, null, null, true);
  }

  static Check skip(Layer layer, String detail) {
    return skip(layer, () -> detail);
  }

  static Check skip(Layer layer, Supplier<String> why) {
    return new Check(layer, Tri.TRUE, why, List.of(), null, null, false);
  }

  /** A request-level answer; the outcome is TRUE when some sample passes, UNKNOWN when some may. */
  static Check requests(Layer layer, BitSet yes, BitSet maybe, Supplier<String> why, List<Ref> refs) {
    Tri outcome = !yes.isEmpty() ? Tri.TRUE : !maybe.isEmpty() ? Tri.UNKNOWN : Tri.FALSE;
    return new Check(layer, outcome, why, refs, yes, maybe, true);
  }

  static Check requests(Layer layer, BitSet yes, BitSet maybe, String detail, List<Ref> refs) {
    return requests(layer, yes, maybe, () -> detail, refs);
  }
}
