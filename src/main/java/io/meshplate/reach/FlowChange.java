package io.meshplate.reach;

import java.util.Comparator;

/**
 * How one flow differs between two reports (a review's base and head).
 *
 * @param before what passed before ({@code nothing} when denied), or the layers that denied it
 * @param after the same on the new side
 * @param undeclared the new side lets through requests no descriptor declares
 * @param newParty one side does not have one of its parties (a tenant or service added or removed)
 * @param toGateway the destination is a tenant ingress gateway
 */
public record FlowChange(String overlay, Family family, String from, String to, String port, String host,
    Change change, String before, String after, boolean undeclared, boolean newParty, boolean toGateway)
    implements Comparable<FlowChange> {

  /** What happened to the flow. */
  public enum Change {
    /** Requests pass that did not. */
    GAINED,
    /** Nothing passes any more. */
    LOST,
    /** It passes on both sides, and more requests pass than did (none that passed is refused). */
    WIDENED,
    /** It passes on both sides, and fewer requests pass than did (none is added). */
    NARROWED,
    /** It passes on both sides, with requests both gained and lost, or another transport. */
    CHANGED,
    /** Denied on both sides, by a different set of layers (defence in depth gained or lost). */
    LAYERS
  }

  /** {@code payments/api <- notifications/sender}, with the port when it is not the only one that matters. */
  public String title() {
    return to + ":" + port + (host == null ? "" : " (" + host + ")") + " <- " + from;
  }

  @Override
  public int compareTo(FlowChange o) {
    return Comparator.comparing(FlowChange::to).thenComparing(FlowChange::from)
        .thenComparing(FlowChange::port).thenComparing(FlowChange::overlay)
        .thenComparing(f -> f.host() == null ? "" : f.host()).compare(this, o);
  }
}
