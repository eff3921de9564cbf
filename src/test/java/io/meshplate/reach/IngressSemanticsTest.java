package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The way in: Route, gateway Service, Gateway server, gateway authorization, VirtualService, then
 * the mesh hop to the service. The gateway objects are shaped like {@code tenant/ingress.yaml.ftl};
 * the Routes are hand-made after the OpenShift Route API (openshift/api {@code route/v1/types.go}).
 */
class IngressSemanticsTest {
  private static final String ROUTE_API = "openshift/api route/v1/types.go (RouteSpec, RoutePort, TLSConfig)";
  private static final String GATEWAY = "https://istio.io/latest/docs/reference/config/networking/gateway/";
  private static final String VIRTUAL_SERVICE = "https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest";
  private static final String HOST = "shop.apps.example";

  static World shop(String routes, String routerPolicyPorts) {
    return new World().tenant("s", "web:8080").host("s", HOST, "web", 8080, "/").allow("s/web", "ingress", List.of("GET"), List.of())
        .objects("s", World.gatewayPod("s") + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: s-t-ingress, namespace: NS}
            spec:
              selector: {istio: s-t-ingress}
              ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: s-t-ingress, namespace: NS}
            spec:
              selector: {istio: s-t-ingress}
              servers:
              - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [./shop.apps.example], tls: {mode: SIMPLE, credentialName: shop-tls}}
              - {port: {number: 80, name: http, protocol: HTTP}, hosts: [./shop.apps.example], tls: {httpsRedirect: true}}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: shop, namespace: NS}
            spec:
              hosts: [shop.apps.example]
              gateways: [s-t-ingress]
              exportTo: [.]
              http: [{match: [{uri: {prefix: /shop}}], route: [{destination: {host: web.s-t.svc.cluster.local, port: {number: 8080}}}]}]
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: allow-nothing, namespace: NS}
            spec: {}
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: ingress-gateway-allow, namespace: NS}
            spec:
              selector: {matchLabels: {istio: s-t-ingress}}
              rules: [{to: [{operation: {hosts: [shop.apps.example, "shop.apps.example:*"], ports: ["8080", "8443"]}}]}]
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: web-allow, namespace: NS}
            spec:
              selector: {matchLabels: {app: web}}
              rules: [{from: [{source: {principals: [cluster.local/ns/s-t/sa/s-t-ingress]}}], to: [{operation: {methods: [GET]}}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny-all, namespace: NS}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-same-namespace, namespace: NS}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{podSelector: {}}]}], egress: [{to: [{podSelector: {}}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-router-to-gateway, namespace: NS}
            spec:
              podSelector: {matchLabels: {istio: s-t-ingress}}
              policyTypes: [Ingress]
              ingress: [{from: [{namespaceSelector: {matchLabels: {policy-group.network.openshift.io/ingress: ""}}, podSelector: {}}], ports: [%s]}]
            """.formatted(routerPolicyPorts) + routes);
  }

  static String route(String targetPort, String termination) {
    return """
        ---
        apiVersion: route.openshift.io/v1
        kind: Route
        metadata: {name: shop, namespace: NS}
        spec:
          host: shop.apps.example
          to: {kind: Service, name: s-t-ingress}
          port: {targetPort: %s}
          tls: {termination: %s, insecureEdgeTerminationPolicy: Redirect}
        """.formatted(targetPort, termination);
  }

  private static Evaluation flow(World world) {
    List<Evaluation> flows = new IngressChain(world.evaluator()).flows(HOST);
    assertThat(flows).hasSize(1);
    return flows.get(0);
  }

  private static Check layer(Evaluation e, Layer layer) {
    return e.checks().stream().filter(c -> c.layer() == layer).findFirst().orElseThrow();
  }

  private static String passes(Evaluation e) {
    return e.space().describe(e.yes()).stream().map(Requests::display).collect(Collectors.joining("; "));
  }

  /**
   * The shop plus tenant x, whose namespace holds Gateways with selectors on the shop's gateway
   * pods (labelled {@code istio: s-t-ingress, sidecar.istio.io/inject: "true"}).
   */
  private static World withForeignGateways() {
    return shop(route("https", "passthrough"), "{port: 8443}").tenant("x", "api:8080").objects("x", """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: borrowed, namespace: NS}
        spec: {selector: {istio: s-t-ingress}, servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [./x.apps.example]}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: both-labels, namespace: NS}
        spec: {selector: {sidecar.istio.io/inject: "true", istio: s-t-ingress}, servers: []}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: label-the-pods-lack, namespace: NS}
        spec: {selector: {istio: s-t-ingress, version: v2}, servers: []}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: other-pods, namespace: NS}
        spec: {selector: {istio: x-t-ingress}, servers: []}
        """);
  }

  private static List<String> gatewaysOfTheShop(World world) {
    Evaluator evaluator = world.evaluator();
    return evaluator.mesh.gatewaysSelecting(World.party(evaluator, "s/s-t-ingress")).stream()
        .map(g -> g.namespace() + "/" + g.name()).toList();
  }

  @Test
  @DisplayName("a Gateway selects the gateway pods its selector matches: in its own namespace with "
      + "PILOT_SCOPE_GATEWAY_TO_NAMESPACE, in any namespace without it, only where the pods carry every label [" + GATEWAY + "]")
  void gatewaySelectorScope() {
    assertThat(gatewaysOfTheShop(withForeignGateways())).containsExactly("s-t/s-t-ingress");
    assertThat(gatewaysOfTheShop(withForeignGateways().gatewaysSelectAcrossNamespaces()))
        .containsExactly("s-t/s-t-ingress", "x-t/borrowed", "x-t/both-labels");
  }

  @Test
  @DisplayName("without a Route the host is not reachable from outside (the gateway Service is ClusterIP) [" + ROUTE_API + "]")
  void noRouteNoIngress() {
    Evaluation e = flow(shop("", "{port: 8443}"));
    assertThat(e.outcome()).isEqualTo(Tri.FALSE);
    assertThat(layer(e, Layer.ROUTE).detail()).contains("no Route exposes shop.apps.example");
  }

  @Test
  @DisplayName("a passthrough Route to the Service's https port reaches the service through Gateway, VirtualService and both policies ["
      + ROUTE_API + ", " + GATEWAY + ", " + VIRTUAL_SERVICE + "]")
  void passthroughRouteReachesTheService() {
    Evaluation e = flow(shop(route("https", "passthrough"), "{port: 8443}"));
    assertThat(e.outcome()).as(e.checks().toString()).isEqualTo(Tri.TRUE);
    assertThat(e.to().id()).isEqualTo("s/web");
    // VirtualService prefix /shop (a string prefix, not a path segment) AND the backend's GET-only rule.
    assertThat(passes(e)).isEqualTo("GET /shop*");
  }

  @Test
  @DisplayName("a numeric targetPort is a pod port the Service must expose [" + ROUTE_API + " (RoutePort.targetPort)]")
  void numericTargetPortIsAPodPort() {
    assertThat(flow(shop(route("8443", "passthrough"), "{port: 8443}")).outcome()).isEqualTo(Tri.TRUE);
    assertThat(layer(flow(shop(route("443", "passthrough"), "{port: 8443}")), Layer.ROUTE).outcome()).isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("a Route to a port the Service does not name sends nothing [" + ROUTE_API + " (RoutePort: a name is looked up in the endpoints' ports)]")
  void unknownPortName() {
    assertThat(layer(flow(shop(route("grpc", "passthrough"), "{port: 8443}")), Layer.ROUTE).outcome()).isEqualTo(Tri.FALSE);
  }

  @Test
  @DisplayName("edge or reencrypt termination at the router is not evaluated: unknown [" + ROUTE_API + " (TLSConfig.termination)]")
  void edgeTerminationIsUnknown() {
    assertThat(layer(flow(shop(route("https", "edge"), "{port: 8443}")), Layer.ROUTE).outcome()).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  @DisplayName("the router must get past the gateway's NetworkPolicy on the pod port [https://kubernetes.io/docs/concepts/services-networking/network-policies/]")
  void routerNeedsTheGatewayPodPort() {
    Evaluation e = flow(shop(route("https", "passthrough"), "{port: 8080}"));
    assertThat(layer(e, Layer.INGRESS_POLICY).outcome()).isEqualTo(Tri.FALSE);
    assertThat(e.outcome()).isEqualTo(Tri.FALSE);
  }
}
