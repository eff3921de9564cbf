package io.meshplate.reach;

import java.util.List;

/**
 * One evaluated flow: who talks to whom on which port, what passes, and why.
 *
 * @param from a party id ({@code storefront/web}, {@code platform:router}, {@code internet})
 * @param to a party id ({@code payments/api}, {@code external:api.stripe.com}, {@code platform:dns})
 * @param port the destination port as the caller addresses it ({@code 8080}, {@code 53/UDP})
 * @param host the ingress host, or null
 * @param requests what passes every layer (empty when nothing does)
 * @param unknown what may pass, depending on something the model does not evaluate
 * @param transport what travels on the wire (mTLS, plaintext, TLS originated...)
 * @param declared whether a descriptor (or the platform) declares any part of it
 * @param undeclared what passes although nothing declares it
 * @param blocked what is declared but does not pass
 * @param steps every layer's answer, in the order traffic meets them
 */
public record Flow(String overlay, Family family, String from, String to, String port, String host,
    Verdict verdict, List<Requests> requests, List<Requests> unknown, String transport, boolean declared,
    List<Requests> undeclared, List<Requests> blocked, List<Step> steps) implements Comparable<Flow> {

  public Flow {
    requests = List.copyOf(requests);
    unknown = List.copyOf(unknown);
    undeclared = List.copyOf(undeclared);
    blocked = List.copyOf(blocked);
    steps = List.copyOf(steps);
  }

  /** {@code payments/api:8080 <- storefront/web}, as the review prints it. */
  public String title() {
    return title(new StringBuilder()).toString();
  }

  /** {@link #title()} appended to {@code out} (the text table writes one per line). */
  StringBuilder title(StringBuilder out) {
    out.append(to).append(':').append(port);
    if (host != null) {
      out.append(" (").append(host).append(')');
    }
    return out.append(" <- ").append(from);
  }

  /**
   * Overlay, family, destination, port, source, host (none first): one order for every sort of a
   * run's flows. Written out rather than chained: a report sorts some 100,000 flows.
   */
  @Override
  public int compareTo(Flow o) {
    int c = compare(overlay, o.overlay);
    if (c == 0) {
      c = family.compareTo(o.family);
    }
    if (c == 0) {
      c = compare(to, o.to);
    }
    if (c == 0) {
      c = compare(port, o.port);
    }
    if (c == 0) {
      c = compare(from, o.from);
    }
    return c != 0 ? c : compare(host == null ? "" : host, o.host == null ? "" : o.host);
  }

  /**
   * String order, without reading two strings that are one object: the flows of an overlay share
   * its name and their parties' ids, and equal strings are the ones compared to their last character.
   */
  private static int compare(String a, String b) {
    return a == b ? 0 : a.compareTo(b);
  }
}
