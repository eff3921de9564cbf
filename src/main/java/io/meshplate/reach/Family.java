package io.meshplate.reach;

/** Kinds of flows. */
public enum Family {
  /** Between tenant workloads (services and ingress gateways), through the mesh. */
  MESH,
  /** From a tenant workload to an external host. */
  EGRESS,
  /** From the internet through the router, a tenant gateway and its routes to a tenant service. */
  INGRESS,
  /** Between tenant pods and the platform: DNS, istiod, monitoring, the router. */
  PLATFORM
}
