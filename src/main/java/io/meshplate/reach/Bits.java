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
}
