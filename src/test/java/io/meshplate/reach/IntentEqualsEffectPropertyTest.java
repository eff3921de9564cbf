package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random descriptor sets (callers, callees, ports and protocols, allow rules limited
 * to some ports or not, methods, paths, ingress hosts with or without an ingress allow, egress
 * hosts, calls that match the allows or not), render, then evaluate the connectivity model on the
 * render. The flows it allows are exactly the flows the descriptors declare, computed here
 * independently of the model:
 * <ul>
 *   <li>a call passes when the callee allows the caller and the caller calls the callee (or both
 *       are in one tenant), on each port the rule covers (its {@code ports}, else every port);
 *   <li>an ingress host passes from the internet to its service port when the service allows
 *       {@code {ingress: true}} on that port; otherwise the service's AuthorizationPolicy denies
 *       it and {@code REACH-NOT-ALLOWED} says so;
 *   <li>an egress host is reachable from every service of its tenant.
 * </ul>
 * Nothing else passes, nothing passes undeclared, and no declared flow is blocked: no layer of the
 * templates leaves a gap (no REACH-BLOCKED warning). Seeded: the failing seed is printed.
 */
class IntentEqualsEffectPropertyTest {
  private static final long BASE_SEED = 20261129L;
  private static final int RUNS = 4;
  private static final List<String> PROTOCOLS = List.of("HTTP", "HTTP2", "GRPC", "TCP", "TLS");
  private static final List<String> METHODS = List.of("GET", "POST", "DELETE");
  private static final List<String> PATHS = List.of("/v1/*", "/v1/orders", "/health", "/a/b/*");

  private record Service(String tenant, String name, List<Integer> ports, List<String> protocols) {
    String id() {
      return tenant + "/" + name;
    }

    boolean http(int i) {
      return List.of("HTTP", "HTTP2", "GRPC").contains(protocols.get(i));
    }
  }

  /** An allow rule: the caller and the indexes of the callee's ports it covers. */
  private record Allow(Service callee, Service caller, List<Integer> covered) {}

  /** An ingress host of a tenant, routed to one HTTP port of one of its services. */
  private record Host(String label, Service service, int port, boolean allowed) {}

  /** Across the runs, how many flows of each kind were checked: a property over nothing proves nothing. */
  private int checkedFlows;
  private int checkedPortLimited;
  private int checkedNotCalled;
  private int checkedEgress;
  private int checkedIngress;
  private int checkedNotAllowed;

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
    assertThat(checkedPortLimited).isPositive();
    assertThat(checkedNotCalled).isPositive();
    assertThat(checkedEgress).isPositive();
    assertThat(checkedIngress).isPositive();
    assertThat(checkedNotAllowed).isPositive();
  }

  private void check(Path root, Random random) throws IOException {
    TestFiles.copy(Path.of("templates"), root.resolve("templates"));
    TestFiles.copy(Path.of("tenants"), root.resolve("tenants"));
    int n = 3 + random.nextInt(3);
    List<Service> services = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int count = 1 + random.nextInt(2);
      for (int s = 0; s < count; s++) {
        List<Integer> ports = new ArrayList<>();
        List<String> protocols = new ArrayList<>();
        int portCount = 1 + random.nextInt(2);
        for (int p = 0; p < portCount; p++) {
          ports.add(8000 + 10 * s + p);
          protocols.add(PROTOCOLS.get(random.nextInt(PROTOCOLS.size())));
        }
        services.add(new Service("g" + t, List.of("api", "db").get(s), ports, protocols));
      }
    }
    List<Allow> allows = new ArrayList<>();
    Set<String> calls = new TreeSet<>();
    Set<String> notCalled = new TreeSet<>();
    List<List<String>> allowText = new ArrayList<>();
    for (Service callee : services) {
      List<String> rules = new ArrayList<>();
      for (int r = random.nextInt(3); r > 0; r--) {
        Service caller = services.get(random.nextInt(services.size()));
        if (caller == callee) {
          continue;
        }
        String from = "        - from: {tenant: " + caller.tenant() + ", service: " + caller.name() + "}\n";
        if (rules.stream().anyMatch(x -> x.startsWith(from))) {
          continue;
        }
        List<Integer> covered = coveredPorts(callee, random);
        rules.add(from + rule(callee, covered, random));
        allows.add(new Allow(callee, caller, covered));
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
    // ingress: a host on one HTTP port of a service, allowed to the gateway on that port or not
    List<Host> hosts = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < services.size(); i++) {
        Service s = services.get(i);
        int port = httpPort(s);
        if (!s.tenant().equals("g" + t) || port < 0 || hosts.stream().anyMatch(h -> h.service().tenant().equals(s.tenant()))
            || random.nextInt(3) == 0) {
          continue;
        }
        boolean allowed = random.nextInt(4) > 0;
        if (allowed) {
          int index = s.ports().indexOf(port);
          List<Integer> covered = random.nextBoolean() ? List.of(index) : coveredPorts(s, random);
          boolean coversHost = covered.contains(index);
          allowText.get(i).add("        - from: {ingress: true}\n" + rule(s, covered, random));
          allowed = coversHost;
        }
        hosts.add(new Host("h" + t, s, port, allowed));
      }
    }
    Set<String> egress = new TreeSet<>();
    StringBuilder[] specs = new StringBuilder[n];
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
          spec.append("        - {name: p").append(s.ports().get(p)).append(", port: ").append(s.ports().get(p))
              .append(", protocol: ").append(s.protocols().get(p)).append("}\n");
        }
        if (!allowText.get(i).isEmpty()) {
          spec.append("      allow:\n");
          allowText.get(i).forEach(spec::append);
        }
      }
      List<String> mine = calls.stream().filter(c -> c.startsWith(tenant + ">")).map(c -> c.substring(c.indexOf('>') + 1))
          .filter(c -> !c.startsWith(tenant + "/")).toList();
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
      for (Host h : hosts) {
        if (h.service().tenant().equals(tenant)) {
          spec.append("  ingress:\n    hosts:\n      - {name: ").append(h.label()).append(", service: ")
              .append(h.service().name()).append(", port: ").append(h.port()).append("}\n");
        }
      }
      specs[t] = spec;
      Files.writeString(root.resolve("tenants/" + tenant + ".yaml"), spec.toString());
    }

    Report report = new Pipeline(new Workspace(root)).reach(Selection.ALL, true, null, null, true, false);
    String described = "spec:\n" + String.join("\n", Arrays.stream(specs).map(Object::toString).toList());

    Set<String> expected = new TreeSet<>();
    int portLimited = 0;
    for (Allow a : allows) {
      boolean declared = a.caller().tenant().equals(a.callee().tenant())
          || calls.contains(a.caller().tenant() + ">" + a.callee().id());
      for (int p : declared ? a.covered() : List.<Integer>of()) {
        expected.add(a.callee().id() + ":" + a.callee().ports().get(p) + " <- " + a.caller().id());
      }
      portLimited += declared && a.covered().size() < a.callee().ports().size() ? 1 : 0;
    }
    Set<String> expectedIngress = new TreeSet<>();
    Set<String> notAllowed = new TreeSet<>();
    for (Host h : hosts) {
      (h.allowed() ? expectedIngress : notAllowed).add(h.service().id() + ":" + h.port() + " <- internet");
    }
    Set<String> allowed = new TreeSet<>();
    Set<String> allowedIngress = new TreeSet<>();
    Set<String> deniedIngress = new TreeSet<>();
    Set<String> allowedEgress = new TreeSet<>();
    for (Flow f : report.flows()) {
      assertThat(f.undeclared()).as("undeclared requests in " + f.title() + " in " + f.overlay()).isEmpty();
      boolean ours = f.to().startsWith("g") && services.stream().anyMatch(s -> s.id().equals(f.to()));
      if (f.verdict() == Verdict.ALLOWED && f.family() == Family.MESH && f.from().startsWith("g") && ours) {
        allowed.add(f.to() + ":" + f.port() + " <- " + f.from());
      }
      if (f.verdict() == Verdict.ALLOWED && f.family() == Family.INGRESS && ours) {
        allowedIngress.add(f.to() + ":" + f.port() + " <- " + f.from());
      }
      if (f.verdict() == Verdict.ALLOWED && f.family() == Family.EGRESS && f.from().startsWith("g")) {
        allowedEgress.add(f.from() + " -> " + f.to() + ":" + f.port());
      }
      assertThat(f.blocked()).as("declared but blocked: " + f.title() + " in " + f.overlay()).isEmpty();
      if (f.verdict() == Verdict.DENIED && f.family() == Family.INGRESS && ours) {
        Step stop = f.steps().stream().filter(s -> s.outcome().equals("deny")).findFirst().orElseThrow();
        assertThat(stop.layer()).as(f.title()).isEqualTo(Layer.AUTHORIZATION);
        deniedIngress.add(f.to() + ":" + f.port() + " <- " + f.from());
      }
    }
    assertThat(report.errors()).isEmpty();
    assertThat(allowed).as(described).isEqualTo(expected);
    assertThat(allowedIngress).as(described).isEqualTo(expectedIngress);
    assertThat(deniedIngress).as(described).isEqualTo(notAllowed);
    assertThat(allowedEgress).isEqualTo(egress);
    Set<String> warnedNotCalled = new TreeSet<>();
    Set<String> warnedNotAllowed = new TreeSet<>();
    for (Problem w : report.warnings()) {
      String m = w.message();
      switch (w.rule()) {
        case Checker.NOT_CALLED -> warnedNotCalled.add(m.substring(0, m.indexOf(", which")));
        case Checker.NOT_ALLOWED -> warnedNotAllowed.add(m.substring(m.indexOf(" routes to ") + 11, m.indexOf(", which"))
            + " <- internet");
        default -> throw new AssertionError("unexpected warning " + w.format());
      }
    }
    warnedNotCalled.removeIf(w -> !w.startsWith("g"));
    warnedNotAllowed.removeIf(w -> !w.startsWith("g"));
    assertThat(warnedNotCalled).isEqualTo(notCalled);
    assertThat(warnedNotAllowed).isEqualTo(notAllowed);
    checkedFlows += expected.size();
    checkedPortLimited += portLimited;
    checkedNotCalled += notCalled.size();
    checkedEgress += egress.size();
    checkedIngress += expectedIngress.size();
    checkedNotAllowed += notAllowed.size();
  }

  /** The callee's ports a rule covers: every port (no {@code ports}), or a random non-empty subset. */
  private static List<Integer> coveredPorts(Service callee, Random random) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < callee.ports().size(); i++) {
      all.add(i);
    }
    if (all.size() == 1 || random.nextBoolean()) {
      return all;
    }
    return List.of(random.nextInt(all.size()));
  }

  /**
   * The rule's lines after {@code from}: {@code ports} when it covers some of the ports only, and
   * methods and paths at random when every covered port speaks HTTP (the descriptor refuses them
   * on a TCP or TLS port: ALLOW-L7-ON-TCP).
   */
  private static String rule(Service callee, List<Integer> covered, Random random) {
    StringBuilder rule = new StringBuilder();
    if (covered.size() < callee.ports().size()) {
      rule.append("          ports: [").append(String.join(", ", covered.stream().map(i -> "p" + callee.ports().get(i)).toList()))
          .append("]\n");
    }
    if (covered.stream().allMatch(callee::http) && random.nextBoolean()) {
      rule.append("          methods: [").append(METHODS.get(random.nextInt(METHODS.size()))).append("]\n");
      rule.append("          paths: [").append(PATHS.get(random.nextInt(PATHS.size()))).append("]\n");
    }
    return rule.toString();
  }

  /** The port number of the service's first HTTP port, or -1. */
  private static int httpPort(Service s) {
    for (int i = 0; i < s.ports().size(); i++) {
      if (s.http(i)) {
        return s.ports().get(i);
      }
    }
    return -1;
  }
}
