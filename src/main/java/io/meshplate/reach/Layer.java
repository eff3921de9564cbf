package io.meshplate.reach;

/** The layers that must all let a connection or request through, in the order traffic meets them. */
public enum Layer {
  /** Both ends exist: a pod naming a missing ServiceAccount is refused by admission. */
  WORKLOAD("workload"),
  /** The caller's Sidecar: egress hosts and outboundTrafficPolicy; for a gateway, its routes. */
  SIDECAR("Sidecar"),
  /** The ServiceEntry that puts an external host in the caller's registry. */
  SERVICE_ENTRY("ServiceEntry"),
  /** Client TLS from a DestinationRule: mTLS in the mesh, verified origination to external hosts. */
  TLS("DestinationRule TLS"),
  /** NetworkPolicies of the caller's namespace (egress). */
  EGRESS_POLICY("NetworkPolicy egress"),
  /** NetworkPolicies of the callee's namespace (ingress). */
  INGRESS_POLICY("NetworkPolicy ingress"),
  /** PeerAuthentication at the callee: plaintext is refused under STRICT. */
  MTLS("PeerAuthentication"),
  /** AuthorizationPolicies at the callee: CUSTOM, then DENY, then ALLOW. */
  AUTHORIZATION("AuthorizationPolicy"),
  /** The OpenShift router: a Route for the host to the gateway Service. */
  ROUTE("Route"),
  /** The gateway's listener: a Gateway server for the port and host. */
  GATEWAY("Gateway"),
  /** The gateway's authorization (an AuthorizationPolicy selecting the gateway pods). */
  GATEWAY_AUTHORIZATION("gateway AuthorizationPolicy"),
  /** The VirtualService that sends the host and path to a destination. */
  ROUTING("VirtualService"),
  /** Objects in the namespaces involved that the model does not evaluate. */
  UNMODELLED("unmodelled objects");

  private final String title;

  Layer(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
