package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NetworkPolicy as Kubernetes documents it, one rule per row, each naming the page it encodes.
 * Policies are in {@code b-t} (ingress of {@code b/api}) or {@code a-t} (egress of {@code a/web}).
 * Namespaces carry {@code team: <tenant>} and {@code kubernetes.io/metadata.name}.
 */
class NetworkPolicySemanticsTest {
  private static final String DOC = "https://kubernetes.io/docs/concepts/services-networking/network-policies/";

  static Stream<Arguments> cases() {
    return Stream.of(
        row("a pod no policy selects is not isolated", DOC + "#the-two-sorts-of-pod-isolation", "b", "", "a/web", 8080, Tri.TRUE),
        row("an empty podSelector with Ingress isolates every pod: default deny", DOC + "#default-deny-all-ingress-traffic", "b",
            deny("Ingress"), "a/web", 8080, Tri.FALSE),
        row("without policyTypes a policy affects ingress only", DOC + " (NetworkPolicySpec.policyTypes)", "b", """
            kind: NetworkPolicy
            metadata: {name: only-rules, namespace: NS}
            spec: {podSelector: {}, egress: [{}]}
            """, "a/web", 8080, Tri.FALSE),
        row("policies add up: a second policy's rule admits what the first does not", DOC + " (policies are additive)", "b",
            deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: from-c, namespace: NS}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: c}}}]}]
            ---
            kind: NetworkPolicy
            metadata: {name: from-a, namespace: NS}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: a}}}]}]
            """, "a/web", 8080, Tri.TRUE),
        row("namespaceSelector AND podSelector in one peer: both must match", DOC + "#behavior-of-to-and-from-selectors", "b",
            deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: one-peer, namespace: NS}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: other}}}]}]
            """, "a/web", 8080, Tri.FALSE),
        row("namespaceSelector OR podSelector as two peers: either matches", DOC + "#behavior-of-to-and-from-selectors", "b",
            deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: two-peers, namespace: NS}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: a}}}, {podSelector: {matchLabels: {app: other}}}]}]
            """, "a/web", 8080, Tri.TRUE),
        row("a peer with only podSelector means pods of the policy's own namespace", DOC + " (NetworkPolicyPeer.podSelector)", "b",
            deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: same-namespace, namespace: NS}
            spec: {podSelector: {}, ingress: [{from: [{podSelector: {}}]}]}
            """, "a/web", 8080, Tri.FALSE),
        row("ports: a port range with endPort", DOC + "#targeting-a-range-of-ports", "b", deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: range, namespace: NS}
            spec: {podSelector: {}, ingress: [{ports: [{protocol: TCP, port: 8000, endPort: 8100}]}]}
            """, "a/web", 8080, Tri.TRUE),
        row("ports: the protocol defaults to TCP and must match", DOC + " (NetworkPolicyPort.protocol)", "b", deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: udp-only, namespace: NS}
            spec: {podSelector: {}, ingress: [{ports: [{protocol: UDP, port: 8080}]}]}
            """, "a/web", 8080, Tri.FALSE),
        row("a named port depends on container port names the model does not know", DOC + " (NetworkPolicyPort.port)", "b",
            deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: named, namespace: NS}
            spec: {podSelector: {}, ingress: [{ports: [{port: http}]}]}
            """, "a/web", 8080, Tri.UNKNOWN),
        row("a pod selector on a label the tenant contract does not fix is unknown, not guessed",
            "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement", "b",
            deny("Ingress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: tier, namespace: NS}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}}]}]
            """, "a/web", 8080, Tri.UNKNOWN),
        row("egress is isolated on its own: the caller's default deny stops the call", DOC + "#default-deny-all-egress-traffic", "a",
            deny("Egress"), "a/web", 8080, Tri.FALSE),
        row("ipBlock except: 0.0.0.0/0 minus the cluster networks holds no pod", DOC + " (IPBlock.except)", "a", deny("Egress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: external, namespace: NS}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.128.0.0/14, 172.30.0.0/16]}}]}]
            """, "a/web", 8080, Tri.FALSE),
        row("ipBlock covering the cluster networks holds every pod", DOC + " (IPBlock.cidr)", "a", deny("Egress") + """
            ---
            kind: NetworkPolicy
            metadata: {name: everything, namespace: NS}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
            """, "a/web", 8080, Tri.TRUE));
  }

  private static String deny(String type) {
    return """
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: NS}
        spec: {podSelector: {}, policyTypes: [%s]}
        """.formatted(type);
  }

  private static Arguments row(String rule, String cite, String tenant, String policies, String from, int port, Tri expected) {
    return Arguments.of(rule + " [" + cite + "]", tenant, policies, from, port, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluatesAsKubernetesDocumentsIt(String rule, String tenant, String policies, String from, int port, Tri expected) {
    World world = new World().tenant("a", "web:8080").tenant("c", "job:8080").tenant("b", "api:8080")
        .calls("a", "b/api");
    if (!policies.isBlank()) {
      world.objects(tenant, policies.replace("kind: NetworkPolicy", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy"));
    }
    Evaluation e = world.connect(from, "b/api", port);
    Layer layer = tenant.equals("b") ? Layer.INGRESS_POLICY : Layer.EGRESS_POLICY;
    Check check = e.checks().stream().filter(c -> c.layer() == layer).findFirst().orElseThrow();
    assertThat(check.outcome()).as(check.detail()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "external hosts: only a block covering everything outside the cluster networks is known to hold them ["
      + DOC + " (IPBlock)]")
  @MethodSource("externalCases")
  void ipBlocksAndExternalHosts(String cidr, Tri expected) {
    World world = new World().tenant("a", "web:8080").objects("a", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: external, namespace: NS}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress: [{to: [{ipBlock: {cidr: %s, except: [10.128.0.0/14]}}], ports: [{port: 443}]}]
        """.formatted(cidr));
    Evaluator e = world.evaluator();
    Party web = World.party(e, "a/web");
    Check check = e.networkPolicies.egress(web, e.external("api.example.com"), 443, "TCP");
    assertThat(check.outcome()).isEqualTo(expected);
  }

  static Stream<Arguments> externalCases() {
    return Stream.of(Arguments.of("0.0.0.0/0", Tri.TRUE), Arguments.of("203.0.113.0/24", Tri.UNKNOWN),
        Arguments.of("10.128.0.0/16", Tri.FALSE));
  }
}
