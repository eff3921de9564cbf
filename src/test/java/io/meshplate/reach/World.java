package io.meshplate.reach;

import io.meshplate.Sha256;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A small hand-made overlay for table tests: an OSSM 2 control plane (REGISTRY_ONLY unless told
 * otherwise), the platform values of {@code templates/base/defaults.yaml} that the model reads,
 * and tenants whose namespaces ({@code <tenant>-t}) are mesh members, each with services
 * (ServiceAccount rendered) and whatever policy objects a case adds.
 */
final class World {
  private final List<Map<String, Object>> platform = new ArrayList<>();
  private final Map<String, TenantSpec> tenants = new LinkedHashMap<>();

  /** A tenant under construction. */
  static final class TenantSpec {
    final String name;
    final List<TenantIntent.ServiceIntent> services = new ArrayList<>();
    final List<TenantIntent.CallIntent> calls = new ArrayList<>();
    final List<TenantIntent.EgressIntent> egress = new ArrayList<>();
    final List<TenantIntent.HostIntent> hosts = new ArrayList<>();
    final List<Map<String, Object>> objects = new ArrayList<>();
    /** Objects of the tenant folder's hub sub-folder ({@code argocd/}). */
    final List<Map<String, Object>> hub = new ArrayList<>();

    TenantSpec(String name) {
      this.name = name;
    }
  }

  World() {
    this("REGISTRY_ONLY");
  }

  World(String outboundPolicy) {
    this(outboundPolicy, false);
  }

  /** @param meshMtls the control plane's {@code security.dataPlane.mtls} (a mesh-wide STRICT PeerAuthentication) */
  World(String outboundPolicy, boolean meshMtls) {
    platform.addAll(yaml("""
        apiVersion: maistra.io/v2
        kind: ServiceMeshControlPlane
        metadata: {name: basic, namespace: istio-system}
        spec:
          proxy: {networking: {trafficControl: {outbound: {policy: %s}}}}
          security: {manageNetworkPolicy: false, dataPlane: {mtls: %s}}
          runtime: {components: {pilot: {container: {env: {PILOT_SCOPE_GATEWAY_TO_NAMESPACE: "true"}}}}}
        """.formatted(outboundPolicy, meshMtls)));
  }

  /**
   * The control plane without {@code PILOT_SCOPE_GATEWAY_TO_NAMESPACE}: a Gateway then selects
   * gateway pods in every namespace (its one quoted {@code "true"} becomes {@code "false"}).
   */
  World gatewaysSelectAcrossNamespaces() {
    platform.replaceAll(o -> replaced(o, "true", "false"));
    return this;
  }

  static String ns(String tenant) {
    return tenant + "-t";
  }

  /** Adds a tenant with services {@code name:port/PROTOCOL,...} (ServiceAccounts, Namespace, membership rendered). */
  World tenant(String name, String... services) {
    TenantSpec t = tenants.computeIfAbsent(name, TenantSpec::new);
    t.objects.addAll(yaml("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s, labels: {team: %2$s}}
        ---
        apiVersion: maistra.io/v1
        kind: ServiceMeshMember
        metadata: {name: default, namespace: %1$s}
        spec: {controlPlaneRef: {name: basic, namespace: istio-system}}
        """.formatted(ns(name), name)));
    for (String s : services) {
      String[] parts = s.split(":");
      List<PortSpec> ports = new ArrayList<>();
      for (String p : parts[1].split(",")) {
        String[] pp = p.split("/");
        ports.add(new PortSpec(Integer.parseInt(pp[0]), pp.length > 1 ? pp[1] : "HTTP", true));
      }
      t.services.add(new TenantIntent.ServiceIntent(ref(name, "/spec/services"), parts[0], ports, new ArrayList<>()));
      t.objects.addAll(yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: " + parts[0] + ", namespace: "
          + ns(name) + "}\n"));
    }
    return this;
  }

  /** Objects rendered in a tenant's folder ({@code namespace: NS} in the text stands for its namespace). */
  World objects(String tenant, String text) {
    tenants.get(tenant).objects.addAll(yaml(text.replace("namespace: NS", "namespace: " + ns(tenant))));
    return this;
  }

  /** A tenant's injected ingress gateway pod ({@code <tenant>-t-ingress}): its ServiceAccount and Deployment. */
  static String gatewayPod(String tenant) {
    return """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: GW, namespace: NS}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: GW, namespace: NS}
        spec:
          selector: {matchLabels: {istio: GW}}
          template:
            metadata:
              annotations: {inject.istio.io/templates: gateway}
              labels: {istio: GW, sidecar.istio.io/inject: "true"}
            spec: {serviceAccountName: GW}
        """.replace("GW", tenant + "-t-ingress");
  }

  /** Every string value {@code from} in the tenants' objects replaced by {@code to} (a VirtualService's destination host). */
  World replaceDestination(String from, String to) {
    for (TenantSpec t : tenants.values()) {
      t.objects.replaceAll(o -> replaced(o, from, to));
    }
    return this;
  }

  @SuppressWarnings("unchecked")
  private static <T> T replaced(T node, String from, String to) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, replaced(v, from, to)));
      return (T) out;
    }
    if (node instanceof List<?> list) {
      return (T) list.stream().map(v -> replaced(v, from, to)).collect(Collectors.toCollection(ArrayList::new));
    }
    return from.equals(node) ? (T) to : node;
  }

  /** Objects rendered in the tenant folder's hub sub-folder ({@code argocd/}, applied where Argo CD runs). */
  World hubObjects(String tenant, String text) {
    tenants.get(tenant).hub.addAll(yaml(text.replace("namespace: NS", "namespace: " + ns(tenant))));
    return this;
  }

  /** Objects rendered in the platform folder. */
  World platform(String text) {
    platform.addAll(yaml(text));
    return this;
  }

  /** Declares that {@code callee} allows {@code caller} ({@code tenant/service}) with methods and paths, on every port. */
  World allow(String callee, String caller, List<String> methods, List<String> paths) {
    return allow(callee, caller, Set.of(), methods, paths);
  }

  /** As {@link #allow(String, String, List, List)}, on the service ports {@code ports} only (empty: every port). */
  World allow(String callee, String caller, Set<Integer> ports, List<String> methods, List<String> paths) {
    String[] c = callee.split("/");
    String[] from = caller.split("/");
    TenantSpec t = tenants.get(c[0]);
    for (int i = 0; i < t.services.size(); i++) {
      TenantIntent.ServiceIntent s = t.services.get(i);
      if (s.name().equals(c[1])) {
        List<TenantIntent.AllowIntent> allow = new ArrayList<>(s.allow());
        allow.add(new TenantIntent.AllowIntent(ref(c[0], "/spec/services/allow"), from[0], from.length > 1 ? from[1] : null,
            from[0].equals("ingress"), ports, methods, paths));
        t.services.set(i, new TenantIntent.ServiceIntent(s.ref(), s.name(), s.ports(), allow));
      }
    }
    return this;
  }

  /** Declares an ingress host of {@code tenant} routed to {@code service} on {@code port} under path prefixes. */
  World host(String tenant, String fqdn, String service, int port, String... paths) {
    tenants.get(tenant).hosts.add(new TenantIntent.HostIntent(ref(tenant, "/spec/ingress"), fqdn, service, port, List.of(paths)));
    return this;
  }

  World calls(String caller, String callee) {
    String[] c = callee.split("/");
    tenants.get(caller).calls.add(new TenantIntent.CallIntent(ref(caller, "/spec/calls"), c[0], c[1]));
    return this;
  }

  private static Ref ref(String tenant, String pointer) {
    return new Ref("tenants/" + tenant + ".yaml", 0, pointer, tenant);
  }

  static List<Map<String, Object>> yaml(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (StrictYaml.Document d : StrictYaml.readAll("test.yaml", text, YamlLimits.PLATFORM)) {
      out.add(d.rootMap());
    }
    return out;
  }

  private static Map<String, Object> values() {
    return StrictYaml.read("values.yaml", """
        ingress:
          domain: apps.example
          routerNamespaceLabels: {policy-group.network.openshift.io/ingress: ""}
        monitoring:
          namespaceLabels: {network.openshift.io/policy-group: monitoring}
          proxyPorts: [15020, 15090]
        dns: {namespace: openshift-dns, ports: [5353, 53]}
        mesh:
          controlPlaneNamespace: istio-system
          istiodLabels: {app: istiod}
          istiodPorts: [15012]
        network:
          clusterCidrs: [10.128.0.0/14, 172.30.0.0/16]
        telemetry:
          tracing: {collectorService: otel-collector, port: 4317, podLabels: {app.kubernetes.io/name: otel-collector}}
        """, YamlLimits.PLATFORM).rootMap();
  }

  /** Builds the overlay's model. */
  Evaluator evaluator() {
    return new Evaluator(new Mesh(platformFacts(), tenantFacts()));
  }

  /** The whole intent check of the overlay, as {@code reach --check} runs it. */
  Findings check() {
    return Reach.findings(List.of(Reach.check(platformFacts(), tenantFacts(), file -> null)));
  }

  /**
   * The intent check of the overlay as a gate with {@code last}'s memory runs it, each folder's
   * content known (by a digest of its objects), as a render or {@code reach --check} knows it.
   */
  OverlayCheck gate(GateMemory<Checker.Finding> last) {
    return Reach.check(knownPlatformFacts(), knownTenantFacts(), file -> null, last, false);
  }

  /**
   * What a review compares with, after a gate that kept {@code last} ({@link Reach#memory}), each
   * content known as for {@link #gate}.
   */
  GateMemory<?> memory(GateMemory<Checker.Finding> last) {
    return Reach.memory(knownPlatformFacts(), knownTenantFacts(), file -> null, last);
  }

  /** The platform facts with their content known, as a render or {@code reach --check} knows it. */
  PlatformFacts knownPlatformFacts() {
    PlatformFacts platform = platformFacts();
    return new PlatformFacts(platform.overlay, platform.values, platform.provenance, platform.facts,
        digest(String.valueOf(this.platform)));
  }

  /** Every tenant's facts with its folder's content known (a digest of its objects). */
  List<TenantFacts> knownTenantFacts() {
    List<TenantFacts> known = new ArrayList<>();
    for (TenantFacts t : tenantFacts()) {
      TenantSpec spec = tenants.get(t.tenant());
      known.add(new TenantFacts(t.overlay, t.intent, t.facts, t.file, t.positions, digest(spec.objects + "|" + spec.hub)));
    }
    return known;
  }

  private static byte[] digest(String text) {
    return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Every flow of the overlay, as {@code meshplate reach} lists them. */
  List<Flow> flows() {
    return Reach.report(List.of(Reach.evaluate(platformFacts(), tenantFacts(), file -> null, null, null, false))).flows();
  }

  /** The overlay's model, made from {@link #tenantFacts}' facts as given (a test may build two models of one set). */
  Mesh mesh(List<TenantFacts> tenants) {
    return new Mesh(platformFacts(), tenants);
  }

  private PlatformFacts platformFacts() {
    Facts platformFacts = new Facts();
    platformFacts.read("t/platform/objects.yaml", platform);
    return new PlatformFacts("t", values(), new TreeMap<>(), platformFacts, null);
  }

  List<TenantFacts> tenantFacts() {
    List<TenantFacts> facts = new ArrayList<>();
    for (TenantSpec t : tenants.values()) {
      Facts f = new Facts();
      f.read("t/tenants/" + t.name + "/objects.yaml", t.objects);
      f.read("t/tenants/" + t.name + "/argocd/objects.yaml", t.hub);
      TenantIntent intent = new TenantIntent(t.name, ns(t.name), List.copyOf(t.services), List.copyOf(t.calls),
          List.copyOf(t.egress), List.copyOf(t.hosts));
      facts.add(new TenantFacts("t", intent, f, "tenants/" + t.name + ".yaml", SourceMap.empty("tenants/" + t.name + ".yaml"), null));
    }
    return facts;
  }

  /** A connection from one party to another on a port: the combined verdict over all requests. */
  Evaluation connect(String from, String to, int port) {
    Evaluator e = evaluator();
    Party caller = party(e, from);
    Party callee = party(e, to);
    PortSpec spec = callee.ports().stream().filter(p -> p.port() == port).findFirst()
        .orElse(new PortSpec(port, "TCP", false));
    return e.connect(caller, callee, spec);
  }

  static Party party(Evaluator e, String id) {
    Party p = e.mesh.parties.get(id);
    if (p == null) {
      throw new AssertionError("no party " + id + "; known: " + e.mesh.parties.keySet());
    }
    return p;
  }
}
