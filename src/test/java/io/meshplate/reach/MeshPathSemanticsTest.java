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
  @DisplayName("an object the model does not evaluate makes the flows of its namespace unknown, never silently allowed")
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
  }
}
