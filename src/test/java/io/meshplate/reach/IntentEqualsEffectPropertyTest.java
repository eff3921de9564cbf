package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random descriptor sets (callers, callees, ports and protocols, methods, paths,
 * ingress hosts, egress hosts, calls that match the allows or not), render, then evaluate the
 * connectivity model on the render. The flows it allows are exactly the flows the descriptors
 * declare, computed here independently of the model: a call passes when the callee allows the
 * caller and the caller calls the callee (or both are in one tenant), on every port of the callee;
 * an egress host is reachable from every service of its tenant. Nothing else passes, and nothing
 * passes undeclared. Two documented gaps of today's templates are reported, not hidden: ingress
 * hosts have no Route (not reachable from outside), and an allow rule with methods or paths
 * admits nothing on the callee's TCP and TLS ports; each appears as a REACH-BLOCKED warning with
 * exactly that layer. Seeded: the failing seed is printed.
 */
class IntentEqualsEffectPropertyTest {
  private static final long BASE_SEED = 20261129L;
  private static final int RUNS = 4;
  private static final List<String> PROTOCOLS = List.of("HTTP", "HTTP2", "GRPC", "TCP", "TLS");
  private static final List<String> METHODS = List.of("GET", "POST", "DELETE");
  private static final List<String> PATHS = List.of("/v1/*", "/v1/orders", "/health", "/a/b/*");

  private record Service(String tenant, String name, List<int[]> ports, List<String> protocols) {
    String id() {
      return tenant + "/" + name;
    }

    boolean http(int i) {
      return List.of("HTTP", "HTTP2", "GRPC").contains(protocols.get(i));
    }
  }

  private record Allow(Service callee, Service caller, boolean l7) {}

  /** Across the runs, how many flows of each kind were checked: a property over nothing proves nothing. */
  private int checkedFlows;
  private int checkedGaps;
  private int checkedNotCalled;
  private int checkedEgress;

  @Test
  void allowedFlowsEqualDeclaredFlows(@TempDir Path dir) throws IOException {
    for (int run = 0; run < RUNS; run++) {
      long seed = BASE_SEED + run;
      Path root = dir.resolve("run" + run);
      try {
        check(root, new Random(seed));
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    assertThat(checkedFlows).isGreaterThan(10);
    assertThat(checkedGaps).isPositive();
    assertThat(checkedNotCalled).isPositive();
    assertThat(checkedEgress).isPositive();
  }

  private void check(Path root, Random random) throws IOException {
    TestFiles.copy(Path.of("templates"), root.resolve("templates"));
    TestFiles.copy(Path.of("tenants"), root.resolve("tenants"));
    int n = 3 + random.nextInt(3);
    List<Service> services = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int count = 1 + random.nextInt(2);
      for (int s = 0; s < count; s++) {
        List<int[]> ports = new ArrayList<>();
        List<String> protocols = new ArrayList<>();
        int portCount = 1 + random.nextInt(2);
        for (int p = 0; p < portCount; p++) {
          ports.add(new int[] {8000 + 10 * s + p});
          protocols.add(PROTOCOLS.get(random.nextInt(PROTOCOLS.size())));
        }
        services.add(new Service("g" + t, List.of("api", "db").get(s), ports, protocols));
      }
    }
    List<Allow> allows = new ArrayList<>();
    Set<String> calls = new TreeSet<>();
    Set<String> notCalled = new TreeSet<>();
    StringBuilder[] specs = new StringBuilder[n];
    List<List<String>> allowText = new ArrayList<>();
    for (Service callee : services) {
      List<String> rules = new ArrayList<>();
      boolean anyHttp = false;
      for (int i = 0; i < callee.ports().size(); i++) {
        anyHttp |= callee.http(i);
      }
      for (int r = random.nextInt(3); r > 0; r--) {
        Service caller = services.get(random.nextInt(services.size()));
        if (caller == callee) {
          continue;
        }
        boolean l7 = anyHttp && random.nextBoolean();
        StringBuilder rule = new StringBuilder("        - from: {tenant: " + caller.tenant() + ", service: " + caller.name() + "}\n");
        if (l7) {
          rule.append("          methods: [").append(METHODS.get(random.nextInt(METHODS.size()))).append("]\n");
          rule.append("          paths: [").append(PATHS.get(random.nextInt(PATHS.size()))).append("]\n");
        }
        if (rules.stream().anyMatch(x -> x.startsWith(rule.substring(0, rule.indexOf("\n"))))) {
          continue;
        }
        rules.add(rule.toString());
        allows.add(new Allow(callee, caller, l7));
        if (!caller.tenant().equals(callee.tenant())) {
          if (random.nextInt(4) > 0) {
            calls.add(caller.tenant() + ">" + callee.id());
          } else if (!calls.contains(caller.tenant() + ">" + callee.id())) {
            notCalled.add(callee.id() + " allows " + caller.id());
          }
        }
      }
      allowText.add(rules);
    }
    // calls without a matching allow: the caller wants it, the callee has not agreed; nothing passes
    for (int extra = random.nextInt(2); extra > 0; extra--) {
      Service callee = services.get(random.nextInt(services.size()));
      calls.add("g" + random.nextInt(n) + ">" + callee.id());
    }
    notCalled.removeIf(x -> calls.contains(x.substring(x.indexOf(" allows ") + 8, x.lastIndexOf('/')) + ">"
        + x.substring(0, x.indexOf(" allows "))));
    Set<String> egress = new TreeSet<>();
    for (int t = 0; t < n; t++) {
      String tenant = "g" + t;
      StringBuilder spec = new StringBuilder("""
          apiVersion: meshplate.io/v1alpha1
          kind: Tenant
          metadata:
            name: %s
          spec:
            owners: ["@acme/%s"]
            services:
          """.formatted(tenant, tenant));
      for (int i = 0; i < services.size(); i++) {
        Service s = services.get(i);
        if (!s.tenant().equals(tenant)) {
          continue;
        }
        spec.append("    - name: ").append(s.name()).append("\n      ports:\n");
        for (int p = 0; p < s.ports().size(); p++) {
          spec.append("        - {name: p").append(s.ports().get(p)[0]).append(", port: ").append(s.ports().get(p)[0])
              .append(", protocol: ").append(s.protocols().get(p)).append("}\n");
        }
        if (!allowText.get(i).isEmpty()) {
          spec.append("      allow:\n");
          allowText.get(i).forEach(spec::append);
        }
      }
      List<String> mine = calls.stream().filter(c -> c.startsWith(tenant + ">")).map(c -> c.substring(c.indexOf('>') + 1)).toList();
      mine = mine.stream().filter(c -> !c.startsWith(tenant + "/")).toList();
      if (!mine.isEmpty()) {
        spec.append("  calls:\n");
        mine.forEach(c -> spec.append("    - {tenant: ").append(c.split("/")[0]).append(", service: ").append(c.split("/")[1]).append("}\n"));
      }
      if (random.nextBoolean()) {
        boolean originate = random.nextBoolean();
        String host = "api" + tenant + ".partner.example.com";
        spec.append("  egress:\n    - {host: ").append(host).append(", port: 443, tls: ")
            .append(originate ? "originate" : "passthrough").append("}\n");
        for (Service s : services) {
          if (s.tenant().equals(tenant)) {
            egress.add(s.id() + " -> external:" + host + ":" + (originate ? 80 : 443));
          }
        }
      }
      specs[t] = spec;
      Files.writeString(root.resolve("tenants/" + tenant + ".yaml"), spec.toString());
    }

    Report report = new Pipeline(new Workspace(root)).reach(Selection.ALL, true, null, null, true);

    Set<String> expected = new TreeSet<>();
    Set<String> gaps = new TreeSet<>();
    for (Allow a : allows) {
      boolean declared = a.caller().tenant().equals(a.callee().tenant())
          || calls.contains(a.caller().tenant() + ">" + a.callee().id());
      for (int p = 0; declared && p < a.callee().ports().size(); p++) {
        String flow = a.callee().id() + ":" + a.callee().ports().get(p)[0] + " <- " + a.caller().id();
        if (a.l7() && !a.callee().http(p)) {
          gaps.add(flow); // an allow with methods or paths admits nothing on a TCP or TLS port
        } else {
          expected.add(flow);
        }
      }
    }
    // a second rule for the same pair without methods opens the TCP port after all
    gaps.removeAll(expected);
    Set<String> allowed = new TreeSet<>();
    Set<String> allowedEgress = new TreeSet<>();
    for (Flow f : report.flows()) {
      assertThat(f.undeclared()).as("undeclared requests in " + f.title() + " in " + f.overlay()).isEmpty();
      if (f.verdict() == Verdict.ALLOWED && f.family() == Family.MESH && f.from().startsWith("g")
          && services.stream().anyMatch(s -> s.id().equals(f.to()))) {
        allowed.add(f.to() + ":" + f.port() + " <- " + f.from());
      }
      if (f.verdict() == Verdict.ALLOWED && f.family() == Family.EGRESS && f.from().startsWith("g")) {
        allowedEgress.add(f.from() + " -> " + f.to() + ":" + f.port());
      }
      if (!f.blocked().isEmpty() && f.from().matches("g\\d+/.*|internet")) {
        Step stop = f.steps().stream().filter(s -> s.outcome().equals("deny")).findFirst().orElseThrow();
        String flow = f.to() + ":" + f.port() + " <- " + f.from();
        if (f.family() == Family.INGRESS) {
          assertThat(stop.layer()).as(f.title()).isEqualTo(Layer.ROUTE);
        } else {
          assertThat(gaps).as("blocked " + f.title() + " by " + stop.detail()).contains(flow);
          assertThat(stop.layer()).isEqualTo(Layer.AUTHORIZATION);
          assertThat(stop.detail()).contains("HTTP-only fields never match");
        }
      }
    }
    assertThat(report.errors()).isEmpty();
    assertThat(allowed).as("spec:\n" + String.join("\n", java.util.Arrays.stream(specs).map(Object::toString).toList()))
        .isEqualTo(expected);
    assertThat(allowedEgress).isEqualTo(egress);
    for (String gap : gaps) {
      assertThat(report.warnings()).anySatisfy(w -> assertThat(w.message()).contains("declared " + gap.replace(" <- ", " <- ")));
    }
    Set<String> warned = new TreeSet<>();
    report.warnings().stream().filter(w -> w.rule().equals(Checker.NOT_CALLED)).map(w -> w.message()).forEach(m ->
        warned.add(m.substring(0, m.indexOf(", which"))));
    warned.removeIf(w -> !w.startsWith("g"));
    assertThat(warned).isEqualTo(notCalled);
    checkedFlows += expected.size();
    checkedGaps += gaps.size();
    checkedNotCalled += notCalled.size();
    checkedEgress += egress.size();
  }
}
