package io.meshplate.descriptor;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ports the Istio sidecar and control plane use themselves, from "Ports used by Istio" in
 * https://istio.io/latest/docs/ops/deployment/requirements/#ports-used-by-istio (the same list
 * for Istio 1.20 / OSSM 2.6 and Istio 1.24 / OSSM 3). A workload port on one of them collides
 * with the proxy in the same pod: traffic to it reaches Envoy (its admin API on 15000, its
 * inbound and outbound listeners on 15006 and 15001, its HBONE tunnel on 15008) instead of the
 * application, and an ingress route to it would expose the proxy through the gateway.
 */
final class IstioPorts {
  static final String SOURCE = "https://istio.io/latest/docs/ops/deployment/requirements/#ports-used-by-istio";

  private static final Map<Long, String> RESERVED = new TreeMap<>(Map.ofEntries(
      Map.entry(15000L, "the Envoy admin port of every sidecar"),
      Map.entry(15001L, "the sidecar's outbound listener"),
      Map.entry(15004L, "the sidecar's debug port"),
      Map.entry(15006L, "the sidecar's inbound listener"),
      Map.entry(15008L, "the HBONE mTLS tunnel port"),
      Map.entry(15009L, "the HBONE port for secure networks"),
      Map.entry(15010L, "istiod's plaintext XDS and CA port"),
      Map.entry(15012L, "istiod's mTLS XDS and CA port"),
      Map.entry(15014L, "istiod's monitoring port"),
      Map.entry(15017L, "istiod's webhook port"),
      Map.entry(15020L, "the sidecar's merged Prometheus telemetry port"),
      Map.entry(15021L, "the sidecar's health check port"),
      Map.entry(15053L, "the sidecar's DNS proxy port"),
      Map.entry(15090L, "the Envoy Prometheus telemetry port")));

  private IstioPorts() {}

  /** What Istio uses {@code port} for, or empty when it is free for workloads. */
  static Optional<String> use(Long port) {
    return port == null ? Optional.empty() : Optional.ofNullable(RESERVED.get(port));
  }
}
