package io.meshplate.reach;

import io.meshplate.Interned;
import java.util.List;
import java.util.Objects;

/**
 * A port a party listens on, with the protocol Istio uses for it.
 *
 * @param port 0 for "any port" (a platform party whose ports the model does not enumerate)
 * @param protocol HTTP, HTTP2, GRPC, TCP, TLS or UDP
 * @param captured whether the sidecar intercepts inbound traffic to it (false for the proxy's own
 *     metrics ports, which authorization and mTLS never see)
 */
record PortSpec(int port, String protocol, boolean captured) {
  // Written out, as Ref's are: ports are set members and map keys of every flow's evaluation.
  @Override
  public boolean equals(Object other) {
    return other instanceof PortSpec p && port == p.port && captured == p.captured && Objects.equals(protocol, p.protocol);
  }

  @Override
  public int hashCode() {
    return (port * 31 + Objects.hashCode(protocol)) * 31 + Boolean.hashCode(captured);
  }

  private static final List<String> HTTP = List.of("HTTP", "HTTP2", "GRPC", "HTTPS");

  /** Whether Istio parses requests on this port as HTTP (gRPC is HTTP/2; an HTTPS gateway listener terminates TLS). */
  boolean http() {
    return HTTP.contains(protocol);
  }

  /** The transport NetworkPolicy sees. */
  String transport() {
    return "UDP".equals(protocol) ? "UDP" : "TCP";
  }

  /**
   * {@code 8080}, {@code 53/UDP} or {@code any}: one instance per text, since every flow of a
   * table keeps it until the table is printed (1,000 tenants have some 87,000 flows on a handful
   * of ports).
   */
  String display() {
    String number = port == 0 ? "any" : String.valueOf(port);
    return Interned.of("UDP".equals(protocol) ? number + "/UDP" : number);
  }
}
