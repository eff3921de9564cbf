package io.meshplate.reach;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Every layer's answer for one flow candidate (a source, a destination and port, and for ingress
 * the host), combined: a request passes when every layer lets it through.
 *
 * @param via the ingress host, or null
 * @param wire what travels on the wire beyond the proxy (mTLS, plaintext, TLS originated...), or null
 */
record Evaluation(Family family, Party from, Party to, PortSpec port, String via, ProbeSpace space,
    List<Check> checks, BitSet yes, BitSet maybe, String wire) {

  static Evaluation of(Family family, Party from, Party to, PortSpec port, String via, ProbeSpace space,
      List<Check> checks, String wire) {
    BitSet yes = space.all();
    BitSet maybe = new BitSet(space.size());
    for (int i = 0; i < checks.size(); i++) { // not for-each: see NetworkPolicies#evaluate
      Check c = checks.get(i);
      if (!c.applies()) {
        continue;
      }
      if (c.yes() == null) {
        if (c.outcome() == Tri.FALSE) {
          yes.clear();
          maybe.clear();
        } else if (c.outcome() == Tri.UNKNOWN) {
          maybe.or(yes);
          yes.clear();
        }
      } else if (maybe.isEmpty() && c.maybe().isEmpty()) {
        // Nothing uncertain so far or here (most flows): what passes is what passed and passes here.
        yes.and(c.yes());
      } else {
        BitSet newMaybe = Bits.copy(maybe);
        BitSet passOrMaybe = Bits.copy(c.yes());
        passOrMaybe.or(c.maybe());
        newMaybe.and(passOrMaybe);
        BitSet yesMaybe = Bits.copy(yes);
        yesMaybe.and(c.maybe());
        newMaybe.or(yesMaybe);
        yes.and(c.yes());
        maybe = newMaybe;
      }
    }
    return new Evaluation(family, from, to, port, via, space, List.copyOf(checks), yes, maybe, wire);
  }

  Tri outcome() {
    return !yes.isEmpty() ? Tri.TRUE : !maybe.isEmpty() ? Tri.UNKNOWN : Tri.FALSE;
  }


  /** The first layer that stops the requests in {@code requests} (a subset of the space). */
  Check blocking(BitSet requests) {
    for (Check c : checks) {
      if (!c.applies()) {
        continue;
      }
      if (c.yes() == null ? c.outcome() != Tri.TRUE : !contains(c.yes(), requests)) {
        return c;
      }
    }
    return null;
  }

  private static boolean contains(BitSet set, BitSet subset) {
    BitSet rest = Bits.copy(subset);
    rest.andNot(set);
    return rest.isEmpty();
  }

  /**
   * What names one flow: family, source, destination, port as displayed (number, and whether it
   * is UDP) and ingress host. Several candidates can name the same flow.
   */
  record Key(Family family, String from, String to, int port, boolean udp, String via) {
    // Written out, as Ref's are: every candidate flow is looked up by its key.
    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && family == k.family && port == k.port && udp == k.udp
          && Objects.equals(from, k.from) && Objects.equals(to, k.to) && Objects.equals(via, k.via);
    }

    @Override
    public int hashCode() {
      return ((((Objects.hashCode(family) * 31 + Objects.hashCode(from)) * 31
          + Objects.hashCode(to)) * 31 + port) * 31
          + Boolean.hashCode(udp)) * 31 + Objects.hashCode(via);
    }
  }

  Key key() {
    return new Key(family, from.id(), to.id(), port.port(), "UDP".equals(port.protocol()), via);
  }
}
