package io.meshplate.review;

import static io.meshplate.review.OutputFixture.map;
import static io.meshplate.review.OutputFixture.object;

import io.meshplate.descriptor.TenantSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects of one tenant in one overlay, shaped like the policy catalogue's examples. */
final class TenantObjects {
  private final String tenant;
  private final String overlay;
  private final String ns;
  private final TenantSpec spec;
  private final boolean denyAll;
  private final String namespaceLabel;

  TenantObjects(String tenant, String overlay, TenantSpec spec, boolean denyAll, String namespaceLabel) {
    this.tenant = tenant;
    this.overlay = overlay;
    this.ns = tenant + "-" + overlay;
    this.spec = spec;
    this.denyAll = denyAll;
    this.namespaceLabel = namespaceLabel;
  }

  Map<String, List<Map<String, Object>>> files() {
    Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
    files.put("namespace", List.of(namespace()));
    files.put("service-accounts", spec.services().stream().map(s -> object("v1", "ServiceAccount", ns, s.name(), null)).toList());
    files.put("peer-authentication", List.of(OutputFixture.peerAuthentication(ns)));
    files.put("authorization-policy", authorizationPolicies());
    files.put("network-policy", networkPolicies());
    files.put("sidecar", List.of(sidecar()));
    files.put("service-entry", spec.egress().stream().map(this::serviceEntry).toList());
    files.put("destination-rule", spec.egress().stream().filter(e -> "originate".equals(e.tls())).map(this::destinationRule).toList());
    files.put("ingress", ingress());
    return files;
  }

  private Map<String, Object> namespace() {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("istio-discovery", "enabled");
    labels.put("tenant.meshplate.io/name", tenant);
    labels.put("tenant.meshplate.io/env", overlay);
    if (namespaceLabel != null) {
      labels.put(namespaceLabel, "restricted");
    }
    Map<String, Object> ns = object("v1", "Namespace", null, this.ns, null);
    ((Map<String, Object>) ns.get("metadata")).put("labels", labels);
    return ns;
  }

  private String principal(String caller, String account) {
    return "cluster.local/ns/" + caller + "-" + overlay + "/sa/" + account;
  }

  private List<Map<String, Object>> authorizationPolicies() {
    List<Map<String, Object>> out = new ArrayList<>();
    if (denyAll) {
      out.add(object("security.istio.io/v1", "AuthorizationPolicy", ns, "allow-nothing", map()));
    }
    for (TenantSpec.Service service : spec.services()) {
      if (service.allow().isEmpty()) {
        continue;
      }
      List<Object> rules = new ArrayList<>();
      for (TenantSpec.AllowRule rule : service.allow()) {
        String who = rule.from().isIngress() ? principal(tenant, tenant + "-ingress")
            : principal(rule.from().tenant(), rule.from().service());
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("ports", new ArrayList<Object>(service.ports().stream().map(p -> String.valueOf(p.port())).toList()));
        if (!rule.methods().isEmpty()) {
          operation.put("methods", new ArrayList<Object>(rule.methods()));
        }
        if (!rule.paths().isEmpty()) {
          operation.put("paths", new ArrayList<Object>(rule.paths()));
        }
        rules.add(map("from", new ArrayList<Object>(List.of(map("source", map("principals", new ArrayList<Object>(List.of(who)))))),
            "to", new ArrayList<Object>(List.of(map("operation", operation)))));
      }
      out.add(object("security.istio.io/v1", "AuthorizationPolicy", ns, service.name() + "-allow-callers",
          map("selector", map("matchLabels", map("app", service.name())), "action", "ALLOW", "rules", rules)));
    }
    return out;
  }

  private List<Map<String, Object>> networkPolicies() {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(object("networking.k8s.io/v1", "NetworkPolicy", ns, "default-deny-all",
        map("podSelector", map(), "policyTypes", new ArrayList<Object>(List.of("Ingress", "Egress")))));
    for (TenantSpec.ServiceRef call : spec.calls()) {
      out.add(object("networking.k8s.io/v1", "NetworkPolicy", ns, "allow-egress-to-" + call.tenant() + "-" + call.service(),
          map("podSelector", map(), "policyTypes", new ArrayList<Object>(List.of("Egress")),
              "egress", new ArrayList<Object>(List.of(map("to", new ArrayList<Object>(List.of(map("namespaceSelector",
                  map("matchLabels", map("kubernetes.io/metadata.name", call.tenant() + "-" + overlay)))))))))));
    }
    return out;
  }

  private Map<String, Object> sidecar() {
    List<Object> hosts = new ArrayList<>(List.of("./*", "istio-system/*"));
    for (TenantSpec.ServiceRef call : spec.calls()) {
      String callee = call.tenant() + "-" + overlay;
      hosts.add(callee + "/" + call.service() + "." + callee + ".svc.cluster.local");
    }
    return object("networking.istio.io/v1", "Sidecar", ns, "default",
        map("egress", new ArrayList<Object>(List.of(map("hosts", hosts))), "outboundTrafficPolicy", map("mode", "REGISTRY_ONLY")));
  }

  private Map<String, Object> serviceEntry(TenantSpec.EgressHost host) {
    boolean originate = "originate".equals(host.tls());
    Map<String, Object> port = originate
        ? map("number", 80L, "name", "http", "protocol", "HTTP", "targetPort", (long) host.port())
        : map("number", (long) host.port(), "name", "tls", "protocol", "TLS");
    return object("networking.istio.io/v1", "ServiceEntry", ns, host.host().replace('.', '-'),
        map("hosts", new ArrayList<Object>(List.of(host.host())), "exportTo", new ArrayList<Object>(List.of(".")),
            "location", "MESH_EXTERNAL", "resolution", "DNS", "ports", new ArrayList<Object>(List.of(port))));
  }

  private Map<String, Object> destinationRule(TenantSpec.EgressHost host) {
    Map<String, Object> tls = map("mode", "SIMPLE", "caCertificates", "/etc/ssl/certs/ca-bundle.crt",
        "subjectAltNames", new ArrayList<Object>(List.of(host.host())), "sni", host.host());
    return object("networking.istio.io/v1", "DestinationRule", ns, host.host().replace('.', '-'),
        map("host", host.host(), "exportTo", new ArrayList<Object>(List.of(".")),
            "trafficPolicy", map("portLevelSettings", new ArrayList<Object>(List.of(map("port", map("number", 80L), "tls", tls))))));
  }

  private List<Map<String, Object>> ingress() {
    if (spec.ingress().hosts().isEmpty()) {
      return List.of();
    }
    List<Object> fqdns = new ArrayList<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (TenantSpec.IngressHost host : spec.ingress().hosts()) {
      String fqdn = host.name().contains(".") ? host.name() : host.name() + "." + overlay + ".apps.example.com";
      fqdns.add("./" + fqdn);
      out.add(object("networking.istio.io/v1", "VirtualService", ns, fqdn.replace('.', '-'),
          map("hosts", new ArrayList<Object>(List.of(fqdn)), "gateways", new ArrayList<Object>(List.of(ns + "-ingress")),
              "exportTo", new ArrayList<Object>(List.of(".")),
              "http", new ArrayList<Object>(List.of(map("route", new ArrayList<Object>(List.of(map("destination",
                  map("host", host.service() + "." + ns + ".svc.cluster.local"))))))))));
    }
    out.add(0, object("networking.istio.io/v1", "Gateway", ns, ns + "-ingress",
        map("selector", map("istio", ns + "-ingress"),
            "servers", new ArrayList<Object>(List.of(map("port", map("number", 443L, "name", "https", "protocol", "HTTPS"),
                "hosts", fqdns, "tls", map("mode", "SIMPLE", "credentialName", ns + "-ingress-tls")))))));
    return out;
  }
}
