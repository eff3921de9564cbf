package io.meshplate.reach;

import java.util.List;
import java.util.Objects;

/**
 * Something that opens or accepts connections: a tenant service (pods labelled
 * {@code app: <service>}, ServiceAccount {@code <service>}), a tenant ingress gateway, a platform
 * actor (router, user-workload monitoring, DNS, istiod), the internet, or an external host.
 *
 * @param id stable name used on the command line and in JSON: {@code payments/api},
 *     {@code storefront/storefront-prod-ingress}, {@code platform:router}, {@code internet},
 *     {@code external:api.stripe.com}
 * @param tenant owning tenant, null for platform, internet and external parties
 * @param namespace null for the internet and external hosts
 * @param mesh whether the pods run an Istio proxy of this mesh (the namespace is a member)
 * @param identity the ServiceAccount exists (a pod naming a missing one is refused by admission)
 * @param ports where it listens
 * @param hosts the service host names that reach it ({@code api.payments-prod.svc.cluster.local})
 * @param ref where it is declared (descriptor service, gateway Deployment, platform value)
 */
record Party(String id, Kind kind, String tenant, String namespace, Labels podLabels, String serviceAccount,
    Tri mesh, boolean identity, List<PortSpec> ports, List<String> hosts, Ref ref) {

  enum Kind { SERVICE, GATEWAY, PLATFORM, INTERNET, EXTERNAL }

  Party {
    ports = List.copyOf(ports);
    hosts = List.copyOf(hosts);
  }

  /**
   * By id: equal parties have equal ids, and a party's lists and labels are costly to hash while
   * flow candidates are collected in sets of parties.
   */
  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Written out, as {@link Ref}'s is: parties are looked up in the lists and sets of every flow. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Party p && Objects.equals(id, p.id) && kind == p.kind && identity == p.identity
        && mesh == p.mesh && Objects.equals(tenant, p.tenant) && Objects.equals(namespace, p.namespace)
        && Objects.equals(serviceAccount, p.serviceAccount) && Objects.equals(podLabels, p.podLabels)
        && Objects.equals(ports, p.ports) && Objects.equals(hosts, p.hosts) && Objects.equals(ref, p.ref);
  }

  boolean isPod() {
    return kind == Kind.SERVICE || kind == Kind.GATEWAY || kind == Kind.PLATFORM;
  }

  /** The SPIFFE-style principal Istio authorizes on: {@code <trustDomain>/ns/<namespace>/sa/<account>}. */
  String principal(String trustDomain) {
    return trustDomain + "/ns/" + namespace + "/sa/" + serviceAccount;
  }

  PortSpec port(int number, String transport) {
    for (PortSpec p : ports) {
      if ((p.port() == number || p.port() == 0) && p.transport().equals(transport)) {
        return p;
      }
    }
    return null;
  }
}
