package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which flows an overlay evaluates from a pod to the platform: every pod's, each once, each with
 * the answer of the policies that select that pod (work shared between the pods of a namespace
 * must not share their answers).
 */
class OverlayFlowsTest {
  /** An egress policy naming istiod for every pod of tenant {@code a}, and a gateway. */
  private static final String TO_ISTIOD_AND_GATEWAY = """
      kind: NetworkPolicy
      apiVersion: networking.k8s.io/v1
      metadata: {name: to-istiod, namespace: NS}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
        - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: istio-system}},
                podSelector: {matchLabels: {app: istiod}}}]
          ports: [{port: 15012, protocol: TCP}]
      ---
      """ + World.gatewayPod("a");

  @Test
  void everyPodReachesThePlatformOnceAlsoWhenAPolicyNamesThePlatform() {
    List<Flow> flows = new World().tenant("a", "api:8080/HTTP").objects("a", TO_ISTIOD_AND_GATEWAY).flows();

    assertThat(flows).extracting(f -> f.family() + " " + f.from() + " -> " + f.to() + ":" + f.port()).doesNotHaveDuplicates()
        // the policy makes istiod a candidate of every pod's calls; a gateway's calls are not evaluated
        .contains("PLATFORM a/api -> platform:istiod:15012", "PLATFORM a/a-t-ingress -> platform:istiod:15012",
            "PLATFORM a/api -> platform:dns:53/UDP", "PLATFORM a/a-t-ingress -> platform:dns:53/UDP");
  }

  @Test
  void twoPodsOfOneNamespaceKeepTheirOwnEgressAnswerTowardThePlatform() {
    // Only api is selected by the policy opening DNS, and by one opening port 9999 toward it.
    List<Flow> flows = new World().tenant("a", "api:8080/HTTP", "db:5432/TCP").objects("a", """
        kind: NetworkPolicy
        apiVersion: networking.k8s.io/v1
        metadata: {name: default-deny, namespace: NS}
        spec: {podSelector: {}, policyTypes: [Egress]}
        ---
        kind: NetworkPolicy
        apiVersion: networking.k8s.io/v1
        metadata: {name: api-to-dns, namespace: NS}
        spec:
          podSelector: {matchLabels: {app: api}}
          policyTypes: [Egress]
          egress:
          - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: openshift-dns}}}]
            ports: [{port: 53, protocol: UDP}, {port: 9999, protocol: TCP}]
        """).flows();

    assertThat(egress(flows, "a/api", "53/UDP")).isEqualTo("allow: allowed by NetworkPolicy/api-to-dns egress[0]");
    assertThat(egress(flows, "a/db", "53/UDP")).isEqualTo("deny: isolated for egress by NetworkPolicy/default-deny"
        + " and no rule admits platform:dns on 53/UDP");
    // A port a policy of the namespace opens toward the platform is a candidate for each pod of it,
    // with each pod's own answer.
    assertThat(egress(flows, "a/api", "9999")).startsWith("allow: allowed by NetworkPolicy/api-to-dns");
    assertThat(egress(flows, "a/db", "9999")).startsWith("deny: isolated for egress by NetworkPolicy/default-deny");
  }

  /** The egress NetworkPolicy layer's answer for the flow from {@code from} to DNS on {@code port}. */
  private static String egress(List<Flow> flows, String from, String port) {
    Flow flow = flows.stream().filter(f -> f.from().equals(from) && f.to().equals(PlatformParties.DNS)
        && f.port().equals(port)).findFirst().orElseThrow(() -> new AssertionError("no flow " + from + " -> dns:" + port));
    Step step = flow.steps().stream().filter(s -> s.layer() == Layer.EGRESS_POLICY).findFirst().orElseThrow();
    return step.outcome() + ": " + step.detail();
  }
}
