package io.meshplate.reach;

import java.util.BitSet;
import java.util.List;

/**
 * One layer's answer for one connection. Request-level layers (authorization, routing) answer
 * per sample request: {@code yes} holds the samples let through, {@code maybe} those whose fate
 * depends on something the model does not know. Connection-level layers leave both null: the
 * outcome holds for every request.
 *
 * @param applies false when the layer has nothing to say here (a platform namespace whose
 *     policies are not rendered, a port outside mTLS capture)
 */
record Check(Layer layer, Tri outcome, String detail, List<Ref> refs, BitSet yes, BitSet maybe, boolean applies) {

  Check {
    refs = List.copyOf(refs);
  }

  static Check pass(Layer layer, String detail, List<Ref> refs) {
    return new Check(layer, Tri.TRUE, detail, refs, null, null, true);
  }

  static Check deny(Layer layer, String detail, List<Ref> refs) {
    return new Check(layer, Tri.FALSE, detail, refs, null, null, true);
  }

  static Check unknown(Layer layer, String detail, List<Ref> refs) {
    return new Check(layer, Tri.UNKNOWN, detail, refs, null, null, true);
  }

  static Check of(Layer layer, Tri outcome, String detail, List<Ref> refs) {
    return new Check(layer, outcome, detail, refs, null, null, true);
  }

  static Check skip(Layer layer, String detail) {
    return new Check(layer, Tri.TRUE, detail, List.of(), null, null, false);
  }

  /** A request-level answer; the outcome is TRUE when some sample passes, UNKNOWN when some may. */
  static Check requests(Layer layer, BitSet yes, BitSet maybe, String detail, List<Ref> refs) {
    Tri outcome = !yes.isEmpty() ? Tri.TRUE : !maybe.isEmpty() ? Tri.UNKNOWN : Tri.FALSE;
    return new Check(layer, outcome, detail, refs, yes, maybe, true);
  }
}
