package io.meshplate.reach;

import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.overlay.OverlayChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a tenant's descriptor declares in one overlay (its spec with the overlay's
 * environment overrides): the workloads it runs and the flows it asks for. Each entry keeps the
 * descriptor line it came from.
 */
record TenantIntent(String tenant, String namespace, List<ServiceIntent> services, List<CallIntent> calls,
    List<EgressIntent> egress, List<HostIntent> hosts) {

  record ServiceIntent(Ref ref, String name, List<PortSpec> ports, List<AllowIntent> allow) {}

  /**
   * One allow rule: a caller (a service, or this tenant's ingress gateway), the service ports it
   * covers ({@code ports} names resolved to numbers; empty: every port) and optional methods/paths.
   */
  record AllowIntent(Ref ref, String tenant, String service, boolean ingress, Set<Integer> ports,
      List<String> methods, List<String> paths) {

    /** Whether the rule covers service port {@code port}. */
    boolean covers(int port) {
      return ports.isEmpty() || ports.contains(port);
    }
  }

  record CallIntent(Ref ref, String tenant, String service) {}

  /** An external host; with {@code originate} the application speaks HTTP on port 80 and the proxy opens verified TLS to {@code port}. */
  record EgressIntent(Ref ref, String host, int port, boolean originate) {}

  record HostIntent(Ref ref, String fqdn, String service, int port, List<String> paths) {}

  static TenantIntent of(OverlayChain chain, Tenant tenant) {
    TenantSpec spec = chain.effectiveSpec(tenant);
    String file = tenant.file();
    String services = base(chain, tenant, "services");
    List<ServiceIntent> serviceIntents = new ArrayList<>();
    for (int i = 0; i < spec.services().size(); i++) {
      TenantSpec.Service s = spec.services().get(i);
      Ref ref = ref(file, services + "/" + i, tenant.name() + "/" + s.name());
      List<PortSpec> ports = s.ports().stream().map(p -> new PortSpec(p.port(), p.protocol(), true)).toList();
      List<AllowIntent> allow = new ArrayList<>();
      for (int j = 0; j < s.allow().size(); j++) {
        TenantSpec.AllowRule rule = s.allow().get(j);
        TenantSpec.Source from = rule.from();
        SortedSet<Integer> covered = new TreeSet<>();
        for (String name : rule.ports()) {
          s.ports().stream().filter(p -> p.name().equals(name)).forEach(p -> covered.add(p.port()));
        }
        allow.add(new AllowIntent(ref.at("allow", j), from.tenant(), from.service(), from.isIngress(),
            Collections.unmodifiableSortedSet(covered), rule.methods(), rule.paths()));
      }
      serviceIntents.add(new ServiceIntent(ref, s.name(), ports, List.copyOf(allow)));
    }
    String calls = base(chain, tenant, "calls");
    List<CallIntent> callIntents = new ArrayList<>();
    for (int i = 0; i < spec.calls().size(); i++) {
      TenantSpec.ServiceRef call = spec.calls().get(i);
      callIntents.add(new CallIntent(ref(file, calls + "/" + i, tenant.name() + " calls"), call.tenant(), call.service()));
    }
    String egress = base(chain, tenant, "egress");
    List<EgressIntent> egressIntents = new ArrayList<>();
    for (int i = 0; i < spec.egress().size(); i++) {
      TenantSpec.EgressHost e = spec.egress().get(i);
      egressIntents.add(new EgressIntent(ref(file, egress + "/" + i, tenant.name() + " egress"), e.host(), e.port(),
          "originate".equals(e.tls())));
    }
    String ingress = base(chain, tenant, "ingress");
    String domain = chain.values().get("ingress") instanceof Map<?, ?> m ? String.valueOf(m.get("domain")) : "";
    List<HostIntent> hosts = new ArrayList<>();
    for (int i = 0; i < spec.ingress().hosts().size(); i++) {
      TenantSpec.IngressHost h = spec.ingress().hosts().get(i);
      String fqdn = h.name().contains(".") ? h.name() : h.name() + "." + domain;
      int port = h.port() != null ? h.port() : spec.services().stream().filter(s -> s.name().equals(h.service()))
          .findFirst().map(s -> s.ports().isEmpty() ? 80 : s.ports().get(0).port()).orElse(80);
      hosts.add(new HostIntent(ref(file, ingress + "/hosts/" + i, tenant.name() + " ingress"), fqdn, h.service(), port,
          h.paths().isEmpty() ? List.of("/") : h.paths()));
    }
    return new TenantIntent(tenant.name(), chain.namespaceOf(tenant.name()), List.copyOf(serviceIntents),
        List.copyOf(callIntents), List.copyOf(egressIntents), List.copyOf(hosts));
  }

  /**
   * Where a list of the effective spec was written: the last environment override of the chain
   * that sets it (lists replace), else the spec itself.
   */
  private static String base(OverlayChain chain, Tenant tenant, String key) {
    String found = "/spec/" + key;
    if (tenant.specTree().get("environmentOverrides") instanceof Map<?, ?> overrides) {
      for (String name : chain.names()) {
        if (overrides.get(name) instanceof Map<?, ?> patch && patch.containsKey(key)) {
          found = "/spec/environmentOverrides/" + name + "/" + key;
        }
      }
    }
    return found;
  }

  private static Ref ref(String file, String pointer, String object) {
    return new Ref(file, 0, pointer, object);
  }

  ServiceIntent service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  boolean calls(String calleeTenant, String calleeService) {
    return calls.stream().anyMatch(c -> c.tenant().equals(calleeTenant) && c.service().equals(calleeService));
  }
}
