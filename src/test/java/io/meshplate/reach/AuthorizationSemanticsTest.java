package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AuthorizationPolicy as Istio evaluates it, one documented rule per row. Every row names the
 * page it encodes. {@code b/api} (HTTP 8080, TCP 5432) is called by {@code a/web} and
 * {@code c/job}; policies are in {@code b-t}.
 */
class AuthorizationSemanticsTest {
  private static final String REF = "https://istio.io/latest/docs/reference/config/security/authorization-policy/";
  private static final String TCP = "https://istio.io/latest/docs/tasks/security/authorization/authz-tcp/";
  private static final String MODEL = "istio/istio pilot/pkg/security/authz/model/model.go (checkError: ALLOW rules with HTTP-only fields are dropped, DENY rules ignore them)";
  private static final String DRY_RUN = "https://istio.io/latest/docs/tasks/security/authorization/authz-dry-run/";

  private static final String A = "cluster.local/ns/a-t/sa/web";
  private static final String C = "cluster.local/ns/c-t/sa/job";

  static Stream<Arguments> cases() {
    return Stream.of(
        row("no policy selecting the workload: everything passes", REF + " (rule 3)", "", "a/web", 8080,
            "ALLOWED", "any request"),
        row("spec: {} (allow-nothing) denies everything", REF + " (allow-nothing example)", """
            kind: AuthorizationPolicy
            metadata: {name: allow-nothing, namespace: NS}
            spec: {}
            """, "a/web", 8080, "DENIED", ""),
        row("an ALLOW naming a principal re-opens for it only", REF + " (rules 4-5)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec:
              selector: {matchLabels: {app: api}}
              rules: [{from: [{source: {principals: [%s]}}]}]
            """.formatted(A), "c/job", 8080, "DENIED", ""),
        row("DENY beats ALLOW", REF + " (rule 2 before 4)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec:
              rules: [{from: [{source: {principals: [%1$s]}}]}]
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-deny, namespace: NS}
            spec:
              action: DENY
              rules: [{from: [{source: {principals: [%1$s]}}], to: [{operation: {paths: [/admin/*]}}]}]
            """.formatted(A), "a/web", 8080, "ALLOWED", "any method any path except /admin/*"),
        row("a DENY without rules matches nothing and does nothing", REF + " (rules: if not set, the match will never occur)", """
            kind: AuthorizationPolicy
            metadata: {name: deny-nothing, namespace: NS}
            spec: {action: DENY}
            """, "a/web", 8080, "ALLOWED", "any request"),
        row("an empty rule always matches: rules: [{}] allows all", REF + " (allow-all example)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: allow-all, namespace: NS}
            spec: {rules: [{}]}
            """, "c/job", 8080, "ALLOWED", "any request"),
        row("an empty ALLOW list of principals-only sources admits no plaintext peer", REF + " (Source.principals requires mTLS)",
            allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{from: [{source: {principals: ["*"]}}]}]}
            """, "platform:router", 8080, "DENIED", ""),
        row("notPrincipals with principals in one source: both must hold", REF + " (Source fields are ANDed)",
            allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{from: [{source: {principals: ["cluster.local/ns/*"], notPrincipals: [%s]}}]}]}
            """.formatted(A), "a/web", 8080, "DENIED", ""),
        row("notPrincipals with principals: another principal passes", REF + " (Source fields are ANDed)",
            allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{from: [{source: {principals: ["cluster.local/ns/*"], notPrincipals: [%s]}}]}]}
            """.formatted(A), "c/job", 8080, "ALLOWED", "any request"),
        row("namespaces match the peer certificate's namespace", REF + " (Source.namespaces)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{from: [{source: {namespaces: [c-t]}}]}]}
            """, "c/job", 8080, "ALLOWED", "any request"),
        row("prefix and exact paths", REF + " (Rule: exact, prefix abc*, suffix *abc, presence *)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec:
              rules:
              - from: [{source: {principals: [%s]}}]
                to: [{operation: {methods: [GET], paths: [/v1/payments, /v1/payments/*]}}]
            """.formatted(A), "a/web", 8080, "ALLOWED", "GET /v1/payments, /v1/payments/*"),
        row("suffix paths", REF + " (Rule: suffix *abc)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{to: [{operation: {paths: ["*.json"]}}]}]}
            """, "a/web", 8080, "ALLOWED", "any method /*.json"),
        row("ports are strings of the workload port: another port is not matched", REF + " (Operation.ports)",
            allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{to: [{operation: {ports: ["5432"]}}]}]}
            """, "a/web", 8080, "DENIED", ""),
        row("ports as strings match the TCP port", REF + " (Operation.ports)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{to: [{operation: {ports: ["5432"]}}]}]}
            """, "a/web", 5432, "ALLOWED", "any connection"),
        row("HTTP-only fields never match TCP traffic in an ALLOW rule", TCP + "; " + MODEL, allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{to: [{operation: {ports: ["5432"], methods: [GET]}}]}]}
            """, "a/web", 5432, "DENIED", ""),
        row("a DENY rule with HTTP-only fields denies all TCP traffic on its ports", REF + " (DENY on port 8080 example); " + MODEL, """
            kind: AuthorizationPolicy
            metadata: {name: deny-post, namespace: NS}
            spec: {action: DENY, rules: [{to: [{operation: {methods: [POST], ports: ["5432"]}}]}]}
            """, "a/web", 5432, "DENIED", ""),
        row("istio.io/dry-run: a DENY is logged, not enforced", DRY_RUN, """
            kind: AuthorizationPolicy
            metadata: {name: deny-all, namespace: NS, annotations: {istio.io/dry-run: "true"}}
            spec: {action: DENY, rules: [{}]}
            """, "a/web", 8080, "ALLOWED", "any request"),
        row("CUSTOM: an external service decides, unknown to the model", REF + " (CUSTOM is evaluated first)", """
            kind: AuthorizationPolicy
            metadata: {name: ext, namespace: NS}
            spec: {action: CUSTOM, provider: {name: ext-authz}, rules: [{}]}
            """, "a/web", 8080, "UNKNOWN", ""),
        row("a condition (when) is not evaluated: unknown, not guessed", REF + " (Condition)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{when: [{key: "request.headers[x-tenant]", values: [a]}]}]}
            """, "a/web", 8080, "UNKNOWN", ""),
        row("hosts match case-insensitively", REF + " (Operation.hosts: the match is case-insensitive)", allowNothing() + """
            ---
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec: {rules: [{to: [{operation: {hosts: [API.Example.COM]}}]}]}
            """, "a/web", 8080, "ALLOWED", "any method any path host api.example.com"));
  }

  private static String allowNothing() {
    return """
        kind: AuthorizationPolicy
        metadata: {name: allow-nothing, namespace: NS}
        spec: {}
        """;
  }

  private static Arguments row(String rule, String cite, String policies, String from, int port, String verdict,
      String requests) {
    return Arguments.of(rule + " [" + cite + "]", policies, from, port, verdict, requests);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluatesAsIstioDocumentsIt(String rule, String policies, String from, int port, String verdict, String requests) {
    World world = new World().tenant("a", "web:8080").tenant("c", "job:8080").tenant("b", "api:8080/HTTP,5432/TCP")
        .calls("a", "b/api").calls("c", "b/api");
    if (!policies.isBlank()) {
      world.objects("b", policies.replace("kind: AuthorizationPolicy", "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy"));
    }
    // No Sidecars or NetworkPolicies: only authorization (and mTLS) decide.
    Evaluation e = world.connect(from, "b/api", port);
    Check authz = e.checks().stream().filter(c -> c.layer() == Layer.AUTHORIZATION).findFirst().orElseThrow();
    Tri expected = switch (verdict) {
      case "ALLOWED" -> Tri.TRUE;
      case "DENIED" -> Tri.FALSE;
      default -> Tri.UNKNOWN;
    };
    assertThat(authz.outcome()).as(authz.detail()).isEqualTo(expected);
    if (!requests.isEmpty()) {
      assertThat(e.space().describe(authz.yes()).stream().map(Requests::display).collect(Collectors.joining("; ")))
          .isEqualTo(requests);
    }
  }

  @ParameterizedTest(name = "root-namespace policies apply in every namespace [" + REF + " (scope: root namespace)]")
  @MethodSource("rootCases")
  void rootNamespacePolicyAppliesMeshWide(String action, Tri expected) {
    World world = new World().tenant("a", "web:8080").tenant("b", "api:8080").calls("a", "b/api")
        .platform("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: mesh-wide, namespace: istio-system}
            spec: {action: %s, rules: [{from: [{source: {notNamespaces: [b-t]}}]}]}
            """.formatted(action));
    Check authz = world.connect("a/web", "b/api", 8080).checks().stream()
        .filter(c -> c.layer() == Layer.AUTHORIZATION).findFirst().orElseThrow();
    assertThat(authz.outcome()).isEqualTo(expected);
  }

  static List<Arguments> rootCases() {
    return List.of(Arguments.of("DENY", Tri.FALSE), Arguments.of("ALLOW", Tri.TRUE));
  }
}
