package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The caller side and the transport: Sidecar egress hosts and outboundTrafficPolicy,
 * ServiceEntry export and ports, DestinationRule TLS, PeerAuthentication. Each test names the page
 * it encodes.
 */
class MeshPathSemanticsTest {
  private static final String SIDECAR = "https://istio.io/latest/docs/reference/config/networking/sidecar/";
  private static final String SERVICE_ENTRY = "https://istio.io/latest/docs/reference/config/networking/service-entry/";
  private static final String DESTINATION_RULE = "https://istio.io/latest/docs/reference/config/networking/destination-rule/";
  private static final String PEER = "https://istio.io/latest/docs/reference/config/security/peer_authentication/";

  private static String sidecar(String hosts, String mode) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: NS}
        spec:
          egress: [{hosts: [%s]}]
          outboundTrafficPolicy: {mode: %s}
        """.formatted(hosts, mode);
  }

  private static Check layer(Evaluation e, Layer layer) {
    return e.checks().stream().filter(c -> c.layer() == layer).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("on OSSM 2 the control plane's security.dataPlane.mtls is the mesh-wide STRICT policy a namespace without"
      + " its own inherits [" + PEER + "; maistra/istio-operator resources/helm/v2.5/mesh-config/templates/enable-mesh-mtls.yaml]")
  void controlPlaneMtlsIsTheRootPolicy() {
    World strict = new World("ALLOW_ANY", true).tenant("a", "web:8080").tenant("b", "api:8080").objects("a", sidecar("./*", "ALLOW_ANY"));
    World permissive = new World("ALLOW_ANY", false).tenant("a", "web:8080").tenant("b", "api:8080")
        .objects("a", sidecar("./*", "ALLOW_ANY"));
    Check refused = layer(strict.connect("a/web", "b/api", 8080), Layer.MTLS);
    assertThat(refused.outcome()).isEqualTo(Tri.FALSE);
    assertThat(refused.refs()).singleElement().satisfies(r -> assertThat(r.object()).contains("ServiceMeshControlPlane"));
    assertThat(layer(permissive.connect("a/web", "b/api", 8080), Layer.MTLS).outcome()).isEqualTo(Tri.TRUE);
  }

  @Test
  @DisplayName("a host the Sidecar lists is routed [" + SIDECAR + "#IstioEgressListener]")
  void listedHostIsRouted() {
    World w = new World().tenant("a", "web:8080").tenant("b", "api:8080")
        .objects("a", sidecar("./*, b-t/api.b-t.svc.cluster.local", "REGISTRY_ONLY"));
    assertThat(layer(w.connect("a/web", "b/api", 8080), Layer.SIDECAR).outcome()).isEqualTo(Tri.TRUE);
  }

  @Test
  @DisplayName("REGISTRY_ONLY sends a host the Sidecar does not list nowhere [" + SIDECAR + "#OutboundTrafficPolicy-Mode]")
  void unlistedHostIsBlackholedUnderRegistryOnly() {
    World w = new World().tenant("a", "web:8080").tenant("b", "api:8080").objects("a", sidecar("./*", "REGISTRY_ONLY"));
    Evaluation e = w.connect("a/web", "b/api", 8080);
    assertThat(layer(e, Layer.SIDECAR).outcome()).isEqualTo(Tri.FALSE);
    assertThat(e.outcome()).isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("ALLOW_ANY passes an unlisted host through without mTLS, which STRICT refuses [" + SIDECAR
      + "#OutboundTrafficPolicy-Mode, " + PEER + "]")
  void passthroughIsPlaintextAndStrictRefusesIt() {
    World w = new World().tenant("a", "web:8080").tenant("b", "api:8080").objects("a", sidecar("./*", "ALLOW_ANY"))
        .objects("b", """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: NS}
            spec: {mtls: {mode: STRICT}}
            """);
    Evaluation e = w.connect("a/web", "b/api", 8080);
    assertThat(layer(e, Layer.SIDECAR).outcome()).isEqualTo(Tri.TRUE);
    assertThat(layer(e, Layer.MTLS).outcome()).isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("the mesh default applies when the Sidecar has no outboundTrafficPolicy, and no PeerAuthentication means PERMISSIVE ["
      + SIDECAR + ", " + PEER + "]")
  void meshDefaultAndPermissive() {
    World w = new World("ALLOW_ANY").tenant("a", "web:8080").tenant("b", "api:8080").objects("a", """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: NS}
        spec: {egress: [{hosts: [./*]}]}
        """);
    Evaluation e = w.connect("a/web", "b/api", 8080);
    assertThat(layer(e, Layer.SIDECAR).detail()).contains("ALLOW_ANY");
    assertThat(layer(e, Layer.MTLS).outcome()).isEqualTo(Tri.TRUE);
    assertThat(e.outcome()).isEqualTo(Tri.TRUE);
  }

  @Test
  @DisplayName("a ServiceEntry exported to '.' is invisible to other namespaces [" + SERVICE_ENTRY + "#ServiceEntry-export_to]")
  void serviceEntryExportToOwnNamespaceOnly() {
    World w = new World().tenant("a", "web:8080").tenant("b", "api:8080")
        .objects("a", sidecar("\"*/*\"", "REGISTRY_ONLY")).objects("b", sidecar("\"*/*\"", "REGISTRY_ONLY"))
        .objects("b", """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: stripe, namespace: NS}
            spec:
              hosts: [api.stripe.com]
              exportTo: [.]
              location: MESH_EXTERNAL
              resolution: DNS
              ports: [{number: 443, name: tls, protocol: TLS}]
            """);
    Evaluator e = w.evaluator();
    Evaluation own = e.egress(World.party(e, "b/api"), "api.stripe.com", 443);
    assertThat(own.outcome()).as(own.checks().toString()).isEqualTo(Tri.TRUE);
    assertThat(e.egress(World.party(e, "a/web"), "api.stripe.com", 443).outcome()).isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("a ServiceEntry port the application does not use is no route for it [" + SERVICE_ENTRY + "#ServicePort]")
  void serviceEntryPortMustMatch() {
    World w = new World().tenant("b", "api:8080").objects("b", sidecar("./*", "REGISTRY_ONLY")).objects("b", """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: stripe, namespace: NS}
        spec: {hosts: [api.stripe.com], exportTo: [.], ports: [{number: 443, name: tls, protocol: TLS}]}
        """);
    Evaluator e = w.evaluator();
    assertThat(e.egress(World.party(e, "b/api"), "api.stripe.com", 80).outcome()).isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("TLS origination verifies the server only with a CA and subjectAltNames on OSSM 2 [" + DESTINATION_RULE
      + "#ClientTLSSettings; policy catalogue §3.9]")
  void originationVerification() {
    String entry = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: partner, namespace: NS}
        spec: {hosts: [api.partner.example], exportTo: [.], ports: [{number: 80, name: http, protocol: HTTP, targetPort: 443}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: partner, namespace: NS}
        spec:
          host: api.partner.example
          exportTo: [.]
          trafficPolicy: {portLevelSettings: [{port: {number: 80}, tls: {mode: SIMPLE%s}}]}
        """;
    World verified = new World().tenant("b", "api:8080").objects("b", sidecar("./*", "REGISTRY_ONLY"))
        .objects("b", entry.formatted(", caCertificates: /etc/pki/tls/certs/ca-bundle.crt, subjectAltNames: [api.partner.example]"));
    World unverified = new World().tenant("b", "api:8080").objects("b", sidecar("./*", "REGISTRY_ONLY"))
        .objects("b", entry.formatted(""));
    Evaluator v = verified.evaluator();
    Evaluator u = unverified.evaluator();
    assertThat(v.egress(World.party(v, "b/api"), "api.partner.example", 80).wire()).isEqualTo("TLS originated, server verified");
    assertThat(u.egress(World.party(u, "b/api"), "api.partner.example", 80).wire()).isEqualTo("TLS originated, server not verified");
  }

  @Test
  @DisplayName("DISABLE at the callee: the connection carries no identity, so a principal rule cannot match ["
      + PEER + ", https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source]")
  void disabledMtlsHidesIdentity() {
    World w = new World().tenant("a", "web:8080").tenant("b", "api:8080").objects("b", """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: NS}
        spec: {mtls: {mode: DISABLE}}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api-allow, namespace: NS}
        spec: {rules: [{from: [{source: {principals: [cluster.local/ns/a-t/sa/web]}}]}]}
        """);
    assertThat(w.connect("a/web", "b/api", 8080).outcome()).isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("two namespace-wide Sidecars are undefined behaviour: unknown [" + SIDECAR + " (only one Sidecar without selector per namespace)]")
  void twoSidecarsAreUnknown() {
    World w = new World().tenant("a", "web:8080").tenant("b", "api:8080")
        .objects("a", sidecar("\"*/*\"", "REGISTRY_ONLY"))
        .objects("a", sidecar("\"*/*\"", "REGISTRY_ONLY").replace("name: default", "name: second"));
    assertThat(layer(w.connect("a/web", "b/api", 8080), Layer.SIDECAR).outcome()).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  @DisplayName("an object the model does not evaluate makes the flows of its namespace unknown, never silently allowed,"
      + " and is REACH-UNKNOWN itself")
  void unmodelledObjectIsUnknown() {
    World w = new World().tenant("a", "web:8080").tenant("b", "api:8080").objects("b", """
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: lua, namespace: NS}
        spec: {}
        """);
    Evaluation e = w.connect("a/web", "b/api", 8080);
    assertThat(layer(e, Layer.UNMODELLED).outcome()).isEqualTo(Tri.UNKNOWN);
    assertThat(e.outcome()).isEqualTo(Tri.UNKNOWN);
    assertThat(w.check().errors()).anySatisfy(p -> assertThat(p.format()).isEqualTo("output/t/tenants/b/objects.yaml: "
        + "REACH-UNKNOWN: EnvoyFilter/b-t/lua is a kind the reach model does not evaluate (EnvoyFilter.networking.istio.io):"
        + " it may open flows no descriptor declares in t (remove it, or render only what the model evaluates)"));
  }

  @Test
  @DisplayName("a hub folder holds Argo CD objects, applied where Argo CD runs: those are no mesh policy, anything else is"
      + " unmodelled, never read as this cluster's policy [Argo CD hub placement, INV-ARGOCD-HUB]")
  void hubFolderObjectsAreNotTheClustersPolicy() {
    String open = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: open, namespace: NS}
        spec: {podSelector: {}, policyTypes: [Ingress], ingress: [{}]}
        """;
    String project = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: mesh-policy-b, namespace: openshift-gitops}
        spec: {}
        """;
    World argoOnly = new World().tenant("a", "web:8080").tenant("b", "api:8080").objects("a", deny()).objects("b", deny())
        .hubObjects("b", project);
    assertThat(argoOnly.connect("a/web", "b/api", 8080).outcome()).isEqualTo(Tri.FALSE);
    assertThat(argoOnly.check().errors()).isEmpty();
    World misplaced = new World().tenant("a", "web:8080").tenant("b", "api:8080").objects("a", deny()).objects("b", deny())
        .hubObjects("b", open);
    Evaluation e = misplaced.connect("a/web", "b/api", 8080);
    assertThat(layer(e, Layer.INGRESS_POLICY).outcome()).as("not read as b's policy").isEqualTo(Tri.FALSE);
    assertThat(layer(e, Layer.UNMODELLED).outcome()).isEqualTo(Tri.UNKNOWN);
    assertThat(misplaced.check().errors()).singleElement().satisfies(p -> assertThat(p.message())
        .startsWith("NetworkPolicy/b-t/open lies in a hub folder, which holds Argo CD objects only"));
  }

  private static String deny() {
    return """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-all, namespace: NS}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        """;
  }

  private static final String TRACING_ISSUE = "https://github.com/istio/istio/issues/53701";

  @Test
  @DisplayName("the proxy sends spans only to a collector its Sidecar imports, whatever the outbound policy ["
      + TRACING_ISSUE + "]")
  void spansNeedTheCollectorImported() {
    World imported = new World().tenant("a", "web:8080").objects("a", sidecar("./*, istio-system/*", "ALLOW_ANY"));
    World scoped = new World().tenant("a", "web:8080").objects("a", sidecar("./*", "ALLOW_ANY"));
    Evaluation yes = imported.connect("a/web", "platform:tracing", 4317);
    assertThat(layer(yes, Layer.SIDECAR).outcome()).isEqualTo(Tri.TRUE);
    assertThat(yes.outcome()).isEqualTo(Tri.TRUE);
    Evaluation no = scoped.connect("a/web", "platform:tracing", 4317);
    assertThat(layer(no, Layer.SIDECAR).outcome()).isEqualTo(Tri.FALSE);
    assertThat(layer(no, Layer.SIDECAR).detail()).contains("does not import istio-system/otel-collector.istio-system.svc.cluster.local");
  }

  @Test
  @DisplayName("platform workloads sharing a namespace are told apart by the labels their values name: the collector's"
      + " egress rule does not reach istiod, nor istiod's the collector [" + "https://kubernetes.io/docs/concepts/"
      + "services-networking/network-policies/#behavior-of-to-and-from-selectors]")
  void platformWorkloadsOfOneNamespaceAreToldApart() {
    World w = new World().tenant("a", "web:8080").objects("a", deny() + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-egress-tracing, namespace: NS}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: istio-system}},
                  podSelector: {matchLabels: {app.kubernetes.io/name: otel-collector}}}]
            ports: [{protocol: TCP, port: 4317}]
        """);
    assertThat(layer(w.connect("a/web", "platform:tracing", 4317), Layer.EGRESS_POLICY).outcome()).isEqualTo(Tri.TRUE);
    assertThat(layer(w.connect("a/web", "platform:istiod", 4317), Layer.EGRESS_POLICY).outcome())
        .as("known, not unknown: istiod's pods do not carry the collector's label").isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("a platform namespace the overlay renders carries its rendered labels, which a namespaceSelector matches ["
      + "https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors]")
  void renderedPlatformNamespaceLabelsAreKnown() {
    World w = new World().platform("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: istio-system, labels: {istio-discovery: enabled}}
        """).tenant("a", "web:8080").objects("a", deny() + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-egress-control-plane, namespace: NS}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to: [{namespaceSelector: {matchLabels: {istio-discovery: enabled}}, podSelector: {matchLabels: {app: istiod}}}]
            ports: [{protocol: TCP, port: 15012}]
        """);
    assertThat(layer(w.connect("a/web", "platform:istiod", 15012), Layer.EGRESS_POLICY).outcome()).isEqualTo(Tri.TRUE);
  }

  @Test
  @DisplayName("a tenant pod of a mesh namespace carries the injector's security.istio.io/tlsMode: istio, which the"
      + " external egress policy selects (istio/istio manifests/charts/istio-control/istio-discovery/files/"
      + "injection-template.yaml)")
  void injectedPodsCarryTheTlsModeLabel() {
    World w = new World().tenant("b", "api:8080").objects("b", sidecar("./*", "REGISTRY_ONLY") + "---\n" + deny() + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-egress-external, namespace: NS}
        spec:
          podSelector: {matchLabels: {security.istio.io/tlsMode: istio}}
          policyTypes: [Egress]
          egress:
          - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.128.0.0/14, 172.30.0.0/16]}}]
            ports: [{protocol: TCP, port: 443}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: stripe, namespace: NS}
        spec: {hosts: [api.stripe.com], exportTo: [.], location: MESH_EXTERNAL, resolution: DNS,
               ports: [{number: 443, name: tls, protocol: TLS}]}
        """);
    Evaluator e = w.evaluator();
    Evaluation egress = e.egress(World.party(e, "b/api"), "api.stripe.com", 443);
    assertThat(layer(egress, Layer.EGRESS_POLICY).outcome()).isEqualTo(Tri.TRUE);
    assertThat(egress.outcome()).isEqualTo(Tri.TRUE);
  }
}
