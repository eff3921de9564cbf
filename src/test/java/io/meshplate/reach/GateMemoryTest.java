package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.BytesOut;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a gate keeps for the next one ({@link GateMemory}): which namespaces a change sends back
 * to evaluation, and the kept bytes. That the findings of a gate reusing its memory equal those of
 * a whole evaluation is shown over the examples by {@code io.meshplate.pipeline.IncrementalGateTest}.
 */
class GateMemoryTest {
  private static final byte[] PLATFORM = {1, 2, 3};

  private static byte[] print(int n) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) n);
    return bytes;
  }

  private static GateMemory.Print local(String ns, int print) {
    return new GateMemory.Print(ns, print(print), true, List.of(), List.of());
  }

  private static GateMemory<Checker.Finding> memory(Map<String, GateMemory.Print> tenants) {
    return new GateMemory<>(PLATFORM, tenants, List.of(), GateMemory.FINDINGS);
  }

  private static final Map<String, GateMemory.Print> BEFORE = Map.of(
      "payments", local("payments-prod", 1), "storefront", local("storefront-prod", 2), "ledger", local("ledger-prod", 3));

  @Test
  void nothingChangedLeavesNoNamespaceToEvaluate() {
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, BEFORE)).isEmpty();
  }

  @Test
  void aChangedTenantSendsBackItsNamespaceOnly() {
    Map<String, GateMemory.Print> now = new HashMap<>(BEFORE);
    now.put("storefront", local("storefront-prod", 9));
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now)).containsExactly("storefront-prod");
  }

  @Test
  void aTenantWhoseFolderContentIsUnknownCountsAsChanged() {
    Map<String, GateMemory.Print> now = new HashMap<>(BEFORE);
    now.put("ledger", new GateMemory.Print("ledger-prod", null, true, List.of(), List.of()));
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now)).containsExactly("ledger-prod");
  }

  @Test
  void aChangedCallerSendsBackTheTenantsItCalledOrCallsNow() {
    Map<String, GateMemory.Print> before = new HashMap<>(BEFORE);
    Map<String, GateMemory.Print> now = new HashMap<>(BEFORE);
    now.put("storefront", new GateMemory.Print("storefront-prod", print(5), true, List.of("ledger", "storefront"), List.of()));
    before.put("storefront", new GateMemory.Print("storefront-prod", print(2), true, List.of("payments", "storefront"), List.of()));
    assertThat(GateMemory.changedNamespaces(memory(before), PLATFORM, now)).as("calls payments no more, calls ledger now")
        .containsExactlyInAnyOrder("storefront-prod", "payments-prod", "ledger-prod");
    now.put("storefront", new GateMemory.Print("storefront-prod", print(5), true, List.of("payments", "storefront"), List.of()));
    assertThat(GateMemory.changedNamespaces(memory(before), PLATFORM, now)).as("the same calls, other content")
        .containsExactly("storefront-prod");
    now.remove("storefront");
    assertThat(GateMemory.changedNamespaces(memory(before), PLATFORM, now)).as("a caller gone")
        .containsExactlyInAnyOrder("storefront-prod", "payments-prod");
  }

  @Test
  void anAddedARemovedAndAMovedTenantSendBackEveryNamespaceTheyHeld() {
    Map<String, GateMemory.Print> now = new HashMap<>(BEFORE);
    now.remove("ledger");
    now.put("catalog", local("catalog-prod", 4));
    now.put("payments", local("payments-eu", 1)); // the same content, another namespace
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now))
        .containsExactlyInAnyOrder("ledger-prod", "catalog-prod", "payments-prod", "payments-eu");
  }

  @Test
  void aChangedFolderThatReachesBeyondItsNamespaceBeforeOrAfterEvaluatesEverything() {
    Map<String, GateMemory.Print> now = new HashMap<>(BEFORE);
    now.put("storefront", new GateMemory.Print("storefront-prod", print(9), false, List.of(), List.of()));
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now)).isNull();

    Map<String, GateMemory.Print> wide = new HashMap<>(BEFORE);
    wide.put("storefront", new GateMemory.Print("storefront-prod", print(2), false, List.of(), List.of()));
    assertThat(GateMemory.changedNamespaces(memory(wide), PLATFORM, BEFORE))
        .as("the same content, judged not local last time").isEmpty();
    Map<String, GateMemory.Print> narrowed = new HashMap<>(BEFORE);
    narrowed.put("storefront", local("storefront-prod", 8));
    assertThat(GateMemory.changedNamespaces(memory(wide), PLATFORM, narrowed))
        .as("what the old folder opened elsewhere must be evaluated again").isNull();
    // An unchanged folder that reaches beyond its namespace is judged as it was.
    Map<String, GateMemory.Print> other = new HashMap<>(wide);
    other.put("ledger", local("ledger-prod", 7));
    assertThat(GateMemory.changedNamespaces(memory(wide), PLATFORM, other)).containsExactly("ledger-prod");
  }

  @Test
  void theHostsAChangedTenantNamedBeforeOrNamesNowAreEvaluatedAgain() {
    Map<String, GateMemory.Print> before = new HashMap<>(BEFORE);
    before.put("storefront", new GateMemory.Print("storefront-prod", print(2), true, List.of(), List.of("shop.example.com")));
    before.put("ledger", new GateMemory.Print("ledger-prod", print(3), true, List.of(), List.of("books.example.com")));
    Map<String, GateMemory.Print> now = new HashMap<>(before);
    now.put("storefront", new GateMemory.Print("storefront-prod", print(5), true, List.of(), List.of("pay.example.com")));
    assertThat(GateMemory.mentionedHosts(memory(before), now)).as("the unchanged ledger's host is not named")
        .containsExactly("pay.example.com", "shop.example.com");
  }

  @Test
  void anotherPlatformSideNoMemoryOrAnUnknownPlatformEvaluatesEverything() {
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), new byte[] {9}, BEFORE)).isNull();
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), null, BEFORE)).isNull();
    assertThat(GateMemory.changedNamespaces(null, PLATFORM, BEFORE)).isNull();
  }

  @Test
  void aKeptFindingHoldsWhileNoneOfItsNamespacesChangedAndAnIngressOneWhileItsHostIsSettled() {
    Checker.Finding f = new Checker.Finding(true, Checker.UNDECLARED, new Ref("output/a.yaml", 0, "", "X/a"), "m", null);
    GateMemory.Kept<Checker.Finding> mesh = new GateMemory.Kept<>(List.of("payments-prod", "storefront-prod"), null, f);
    GateMemory.Kept<Checker.Finding> ingress = new GateMemory.Kept<>(null, "shop.example.com", f);
    assertThat(mesh.holds(Set.of("ledger-prod"), Set.of())).isTrue();
    assertThat(mesh.holds(Set.of("storefront-prod"), Set.of())).isFalse();
    assertThat(ingress.holds(Set.of("storefront-prod"), Set.of("shop.example.com"))).isTrue();
    assertThat(ingress.holds(Set.of(), Set.of("pay.example.com"))).isFalse();
  }

  /**
   * The shop's VirtualService sends its host to another tenant's service: that tenant names no
   * ingress host, but the host's flows read its namespace ({@link IngressChain#namespacesRead}).
   */
  private static World shopRoutedTo(String calleePolicy) {
    return IngressSemanticsTest.shop(IngressSemanticsTest.route("https", "passthrough"), "{port: 8443}")
        .objects("s", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: gateway-to-c, namespace: NS}
            spec:
              podSelector: {matchLabels: {istio: s-t-ingress}}
              policyTypes: [Egress]
              egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: c-t}}}]}]
            """)
        .tenant("c", "api:8080").objects("c", calleePolicy)
        .replaceDestination("web.s-t.svc.cluster.local", "api.c-t.svc.cluster.local");
  }

  @Test
  void anIngressHostIsEvaluatedAgainWhenANamespaceItsFlowsReadChanged() {
    String admits = """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api-allow, namespace: NS}
        spec:
          selector: {matchLabels: {app: api}}
          rules: [{from: [{source: {principals: [cluster.local/ns/s-t/sa/s-t-ingress]}}]}]
        """;
    World before = shopRoutedTo(admits);
    World after = shopRoutedTo("""
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: allow-nothing, namespace: NS}
        spec: {}
        """);
    assertThat(before.check().errors()).as("the host reaches c/api, which nothing declares")
        .anySatisfy(p -> assertThat(p.message()).contains("c/api").contains("shop.apps.example"));
    assertThat(after.check().errors()).isEmpty();

    OverlayCheck first = before.gate(null);
    assertThat(first.evaluatedAgain()).isNull();
    assertThat(Reach.findings(List.of(first))).isEqualTo(before.check());
    OverlayCheck same = before.gate(first.memory());
    assertThat(same.evaluatedAgain()).isEmpty();
    assertThat(Reach.findings(List.of(same))).isEqualTo(before.check());
    OverlayCheck second = after.gate(first.memory());
    assertThat(second.evaluatedAgain()).containsExactly("c-t");
    assertThat(Reach.findings(List.of(second))).isEqualTo(after.check());
  }

  @Test
  void aReviewTakesTheMemoryOfAGateThatJudgedTheSameFactsWithoutGatingThemAgain() {
    World before = new World().tenant("c", "api:8080").tenant("w", "api:8080").calls("w", "c/api")
        .allow("c/api", "w/api", List.of("GET"), List.of("/v1/*"));
    GateMemory<Checker.Finding> kept = before.gate(null).memory();
    assertThat(kept).isNotNull();
    assertThat(GateMemory.judged(kept, before.knownPlatformFacts(), before.knownTenantFacts()))
        .as("every tenant and the platform as the gate judged them").isTrue();
    assertThat(before.memory(kept)).isSameAs(kept);

    World after = new World().tenant("c", "api:8080").tenant("w", "api:8080").calls("w", "c/api")
        .allow("c/api", "w/api", List.of("GET"), List.of("/v2/*"));
    assertThat(GateMemory.judged(kept, after.knownPlatformFacts(), after.knownTenantFacts()))
        .as("c's declarations changed").isFalse();
    GateMemory<?> gated = after.memory(kept);
    assertThat(gated).as("the gate ran").isNotSameAs(kept);
    assertThat(after.gate(GateMemory.ofFindings(gated)).evaluatedAgain()).as("and kept what it judged").isEmpty();
    assertThat(after.gate(kept).evaluatedAgain()).contains("c-t");

    World more = new World().tenant("c", "api:8080").tenant("w", "api:8080").tenant("x", "api:8080")
        .calls("w", "c/api").allow("c/api", "w/api", List.of("GET"), List.of("/v1/*"));
    assertThat(GateMemory.judged(kept, more.knownPlatformFacts(), more.knownTenantFacts())).as("a tenant more")
        .isFalse();
    assertThat(GateMemory.judged(kept, before.knownPlatformFacts(), before.tenantFacts())).as("contents unknown")
        .isFalse();
    assertThat(GateMemory.judged(null, before.knownPlatformFacts(), before.knownTenantFacts())).isFalse();
  }

  /** The flows evaluated with {@code changed} namespaces (null: every flow), by key. */
  private static Set<Evaluation.Key> evaluated(World world, Set<String> changed) {
    Set<Evaluation.Key> out = new LinkedHashSet<>();
    Evaluator model = world.evaluator();
    OverlayFlows.evaluate(model, null, null, Evaluation::key, out::add, changed, OverlayFlows.ingressHosts(model));
    return out;
  }

  @Test
  void aGateEvaluatesExactlyTheFlowsWithAnEndInAChangedNamespace() {
    // w's policy names c, whose own layers name nobody: the pair is a candidate through w only.
    World world = new World().tenant("c", "api:8080").tenant("w", "api:8080").tenant("x", "api:8080")
        .objects("w", """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: api-allow, namespace: NS}
            spec:
              selector: {matchLabels: {app: api}}
              rules: [{from: [{source: {principals: [cluster.local/ns/c-t/sa/api, cluster.local/ns/x-t/sa/api]}}]}]
            """);
    Evaluator model = world.evaluator();
    Set<Evaluation.Key> all = evaluated(world, null);
    Set<Evaluation.Key> expected = new LinkedHashSet<>();
    for (Evaluation.Key k : all) {
      Party from = model.mesh.parties.get(k.from());
      Party to = model.mesh.parties.get(k.to());
      if ("c-t".equals(GateMemory.tenantNamespace(from)) || to != null && "c-t".equals(GateMemory.tenantNamespace(to))) {
        expected.add(k);
      }
    }
    assertThat(expected).anySatisfy(k -> assertThat(k.from() + ">" + k.to()).isEqualTo("c/api>w/api"));
    assertThat(evaluated(world, Set.of("c-t"))).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(evaluated(world, Set.of())).isEmpty();
  }

  /** An intent with every list non-empty and every optional value set. */
  private static TenantIntent everyValue() {
    Ref ref = new Ref("tenants/p.yaml", 0, "/spec/services/0", "p/api", 0);
    TenantIntent.AllowIntent allow = new TenantIntent.AllowIntent(ref.at("allow", 0), "s", "web", false,
        new TreeSet<>(Set.of(8080, 9090)), List.of("GET", "POST"), List.of("/v1/*"));
    TenantIntent.ServiceIntent service = new TenantIntent.ServiceIntent(ref, "api",
        List.of(new PortSpec(8080, "HTTP", true), new PortSpec(9090, "GRPC", true)), List.of(allow));
    return new TenantIntent("p", "p-prod", List.of(service),
        List.of(new TenantIntent.CallIntent(ref.at("calls", 0), "l", "ledger")),
        List.of(new TenantIntent.EgressIntent(ref.at("egress", 0), "api.stripe.com", 443, true)),
        List.of(new TenantIntent.HostIntent(ref.at("hosts", 0), "pay.example.com", "api", 8080, List.of("/", "/v1"))));
  }

  /**
   * Every value that differs from {@code value} in one place: each string, number and flag
   * changed, each list one element shorter, each set one element longer, down every record.
   */
  private static List<Object> variants(Object value) throws ReflectiveOperationException {
    List<Object> out = new ArrayList<>();
    if (value == null) {
      out.add("x");
    } else if (value instanceof String s) {
      out.add(s + "x");
    } else if (value instanceof Integer i) {
      out.add(i + 1);
    } else if (value instanceof Boolean b) {
      out.add(!b);
    } else if (value instanceof SortedSet<?> set) {
      SortedSet<Integer> more = new TreeSet<>();
      set.forEach(e -> more.add((Integer) e));
      more.add(more.isEmpty() ? 1 : more.last() + 1);
      out.add(more);
    } else if (value instanceof List<?> list) {
      out.add(list.subList(0, list.size() - 1));
      for (int i = 0; i < list.size(); i++) {
        for (Object changed : variants(list.get(i))) {
          List<Object> copy = new ArrayList<>(list);
          copy.set(i, changed);
          out.add(copy);
        }
      }
    } else if (value.getClass().isRecord()) {
      RecordComponent[] components = value.getClass().getRecordComponents();
      Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType)
          .toArray(Class<?>[]::new);
      Constructor<?> canonical = value.getClass().getDeclaredConstructor(types);
      for (int c = 0; c < components.length; c++) {
        Object[] args = new Object[components.length];
        for (int k = 0; k < components.length; k++) {
          args[k] = components[k].getAccessor().invoke(value);
        }
        for (Object changed : variants(args[c])) {
          Object[] copy = args.clone();
          copy[c] = changed;
          out.add(canonical.newInstance(copy));
        }
      }
    } else {
      throw new AssertionError("a value of type " + value.getClass() + ": teach this test to change it");
    }
    return out;
  }

  @Test
  void everyValueOfAnIntentFeedsItsFingerprint() throws ReflectiveOperationException {
    TenantIntent intent = everyValue();
    byte[] print = GateMemory.encode(intent);
    assertThat(GateMemory.encode(everyValue())).isEqualTo(print);
    List<Object> variants = variants(intent);
    assertThat(variants).hasSizeGreaterThan(40);
    for (Object variant : variants) {
      assertThat(GateMemory.encode((TenantIntent) variant)).as(variant.toString()).isNotEqualTo(print);
    }
  }

  @Test
  void theKeptBytesGiveBackWhatWasKeptAndDamageReadsAsNothing() {
    Checker.Finding error = new Checker.Finding(true, Checker.UNDECLARED,
        new Ref("output/prod/tenants/payments/authorization-policy.yaml", 1, "/spec/rules/0", "AuthorizationPolicy/p/a", 0),
        "payments/api:8080 <- storefront/web " + "x".repeat(70_000), "declare it");
    Checker.Finding warning = new Checker.Finding(false, Checker.BLOCKED, Ref.atLine("overlays/prod/values.yaml:7", "v"),
        "declared flow is blocked", null);
    GateMemory<Checker.Finding> kept = new GateMemory<>(PLATFORM, Map.of("payments", local("payments-prod", 1),
        "ledger", new GateMemory.Print("ledger-prod", null, false, List.of("payments", "storefront"), List.of("*", "shop.example.com"))),
        List.of(new GateMemory.Kept<>(List.of("payments-prod"), null, error), new GateMemory.Kept<>(null, "shop.example.com", warning),
            new GateMemory.Kept<>(List.of("ledger-prod", "payments-prod"), null, error)), GateMemory.FINDINGS);
    byte[] bytes = bytes(kept);
    GateMemory<Checker.Finding> read = GateMemory.findings(bytes);
    assertThat(read).isNotNull();
    assertThat(read.platform).isEqualTo(PLATFORM);
    assertThat(read.tenants.get("payments").fingerprint()).isEqualTo(print(1));
    assertThat(read.tenants.get("ledger").fingerprint()).isNull();
    assertThat(read.tenants.get("ledger").local()).isFalse();
    assertThat(read.tenants.get("ledger").calls()).containsExactly("payments", "storefront");
    assertThat(read.tenants.get("ledger").hosts()).containsExactly("*", "shop.example.com");
    assertThat(read.kept).containsExactlyElementsOf(kept.kept);
    assertThat(read.kept.get(2).value().message()).as("read once, shared").isSameAs(read.kept.get(0).value().message());
    assertThat(bytes(read)).isEqualTo(bytes);
    for (int cut = 0; cut < bytes.length; cut += 97) {
      assertThat(GateMemory.findings(Arrays.copyOf(bytes, cut))).as("cut at " + cut).isNull();
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThat(GateMemory.findings(longer)).as("bytes left over").isNull();
    assertThat(GateMemory.findings(null)).isNull();
    assertThat(GateMemory.flows(bytes)).as("findings are not flows").isNull();
  }

  @Test
  void theKeptFlowsOfATableGiveBackEveryValueTheTablePrints() {
    Requests get = new Requests(List.of("GET"), List.of("/v1/*"), List.of(), List.of("shop.example.com"));
    Requests except = new Requests(List.of(), List.of(), List.of("/admin/*"), List.of());
    Flow mesh = new Flow("prod", Family.MESH, "storefront/web", "payments/api", "8080", null, Verdict.ALLOWED,
        List.of(get, except), List.of(), "mTLS", true, List.of(except), List.of(get), List.of());
    Flow ingress = new Flow("prod", Family.INGRESS, "platform:router", "storefront/storefront-prod-ingress", "8443",
        "shop.example.com", Verdict.UNKNOWN, List.of(), List.of(Requests.CONNECTION), null, false, List.of(), List.of(),
        List.of());
    GateMemory<Flow> kept = new GateMemory<>(PLATFORM, Map.of("payments", local("payments-prod", 1)),
        List.of(new GateMemory.Kept<>(List.of("payments-prod", "storefront-prod"), null, mesh),
            new GateMemory.Kept<>(null, "shop.example.com", ingress)), GateMemory.FLOWS);
    byte[] bytes = bytes(kept);
    GateMemory<Flow> read = GateMemory.flows(bytes);
    assertThat(read).isNotNull();
    assertThat(read.kept).containsExactlyElementsOf(kept.kept);
    assertThat(bytes(read)).isEqualTo(bytes);
    // A render writes the flows as they are judged: the same values in the same order, the same bytes.
    GateMemory.Recorder<Flow> recorder = new GateMemory.Recorder<>(GateMemory.FLOWS);
    kept.kept.forEach(recorder::add);
    GateMemory<Flow> recorded = recorder.memory(PLATFORM, Map.of("payments", local("payments-prod", 1)));
    assertThat(bytes(recorded)).isEqualTo(bytes);
    assertThat(recorded.tenants.keySet()).containsExactly("payments");
    for (int cut = 0; cut < bytes.length; cut += 7) {
      assertThat(GateMemory.flows(Arrays.copyOf(bytes, cut))).as("cut at " + cut).isNull();
    }
    Flow withSteps = new Flow("prod", Family.MESH, "a/x", "b/y", "80", null, Verdict.DENIED, List.of(), List.of(),
        null, false, List.of(), List.of(), List.of(new Step(Layer.SIDECAR, "deny", "no route", List.of(), List.of())));
    assertThatThrownBy(() -> new GateMemory<>(PLATFORM, Map.of(), List.of(new GateMemory.Kept<>(List.of("a"), null,
        withSteps)), GateMemory.FLOWS).encoding()).as("a table keeps no step").isInstanceOf(IllegalArgumentException.class);
  }

  /** The bytes a cache keeps of {@code memory}, joined as the cache file reads them back. */
  private static byte[] bytes(GateMemory<?> memory) {
    GateMemory.Encoding encoding = memory.encoding();
    BytesOut out = new BytesOut(0);
    try {
      encoding.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(out.size()).as("the size the encoding tells").isEqualTo(encoding.size());
    return out.toByteArray();
  }
}
