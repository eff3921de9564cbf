package io.meshplate.reach;

import java.util.BitSet;

/** Request sets over a {@link ProbeSpace}, as {@link BitSet}s. */
final class Bits {
  private Bits() {}

  /**
   * A copy of {@code set}. Not {@link BitSet#clone}: that goes through {@link Object#clone}, a
   * call into the JVM that the quick compiler does not inline, and each flow's evaluation copies
   * three sets for every layer that answers per request, and its judgement up to four.
   */
  static BitSet copy(BitSet set) {
    BitSet copy = new BitSet(set.length());
    copy.or(set);
    return copy;
  }

  /** The empty set, shared: what holds it only reads it. */
  static final BitSet NONE = new BitSet(0);

  /** A new set of what {@code set} holds and {@code other} does not; {@link #NONE} when {@code set} is empty. */
  static BitSet minus(BitSet set, BitSet other) {
    if (set.isEmpty()) {
      return NONE;
    }
    BitSet rest = copy(set);
    rest.andNot(other);
    return rest;
  }
}
