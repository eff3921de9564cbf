package io.meshplate.reach;

import java.util.List;

/**
 * A port a party listens on, with the protocol Istio uses for it.
 *
 * @param port 0 for "any port" (a platform party whose ports the model does not enumerate)
 * @param protocol HTTP, HTTP2, GRPC, TCP, TLS or UDP
 * @param captured whether the sidecar intercepts inbound traffic to it (false for the proxy's own
 *     metrics ports, which authorization and mTLS never see)
 */
record PortSpec(int port, String protocol, boolean captured) {
  private static final List<String> HTTP = List.of("HTTP", "HTTP2", "GRPC", "HTTPS");

  /** Whether Istio parses requests on this port as HTTP (gRPC is HTTP/2; an HTTPS gateway listener terminates TLS). */
  boolean http() {
    return HTTP.contains(protocol);
  }

  /** The transport NetworkPolicy sees. */
  String transport() {
    return "UDP".equals(protocol) ? "UDP" : "TCP";
  }

  String display() {
    String number = port == 0 ? "any" : String.valueOf(port);
    return "UDP".equals(protocol) ? number + "/UDP" : number;
  }
}
