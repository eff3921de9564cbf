package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    return new GateMemory.Print(ns, print(print), true, List.of());
  }

  private static GateMemory memory(Map<String, GateMemory.Print> tenants) {
    return new GateMemory(PLATFORM, tenants, List.of());
  }

  private static final Map<String, GateMemory.Print> BEFORE = Map.of(
      "payments", local("payments-prod", 1), "storefront", local("storefront-prod", 2), "ledger", local("ledger-prod", 3));

  @Test
  void nothingChangedLeavesNoNamespaceToEvaluate() {
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, BEFORE)).isEmpty();
  }

  @Test
  void aChangedTenantSendsBackItsNamespaceOnly() {
    Map<String, GateMemory.Print> now = new java.util.HashMap<>(BEFORE);
    now.put("storefront", local("storefront-prod", 9));
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now)).containsExactly("storefront-prod");
  }

  @Test
  void aTenantWhoseFolderContentIsUnknownCountsAsChanged() {
    Map<String, GateMemory.Print> now = new java.util.HashMap<>(BEFORE);
    now.put("ledger", new GateMemory.Print("ledger-prod", null, true, List.of()));
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now)).containsExactly("ledger-prod");
  }

  @Test
  void aChangedCallerSendsBackTheTenantsItCalledOrCallsNow() {
    Map<String, GateMemory.Print> before = new java.util.HashMap<>(BEFORE);
    before.put("storefront", new GateMemory.Print("storefront-prod", print(2), true, List.of("payments")));
    Map<String, GateMemory.Print> now = new java.util.HashMap<>(BEFORE);
    now.put("storefront", new GateMemory.Print("storefront-prod", print(5), true, List.of("ledger", "storefront")));
    before.put("storefront", new GateMemory.Print("storefront-prod", print(2), true, List.of("payments", "storefront")));
    assertThat(GateMemory.changedNamespaces(memory(before), PLATFORM, now)).as("calls payments no more, calls ledger now")
        .containsExactlyInAnyOrder("storefront-prod", "payments-prod", "ledger-prod");
    now.put("storefront", new GateMemory.Print("storefront-prod", print(5), true, List.of("payments", "storefront")));
    assertThat(GateMemory.changedNamespaces(memory(before), PLATFORM, now)).as("the same calls, other content")
        .containsExactly("storefront-prod");
    now.remove("storefront");
    assertThat(GateMemory.changedNamespaces(memory(before), PLATFORM, now)).as("a caller gone")
        .containsExactlyInAnyOrder("storefront-prod", "payments-prod");
  }

  @Test
  void anAddedARemovedAndAMovedTenantSendBackEveryNamespaceTheyHeld() {
    Map<String, GateMemory.Print> now = new java.util.HashMap<>(BEFORE);
    now.remove("ledger");
    now.put("catalog", local("catalog-prod", 4));
    now.put("payments", local("payments-eu", 1)); // the same content, another namespace
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now))
        .containsExactlyInAnyOrder("ledger-prod", "catalog-prod", "payments-prod", "payments-eu");
  }

  @Test
  void aChangedFolderThatReachesBeyondItsNamespaceBeforeOrAfterEvaluatesEverything() {
    Map<String, GateMemory.Print> now = new java.util.HashMap<>(BEFORE);
    now.put("storefront", new GateMemory.Print("storefront-prod", print(9), false, List.of()));
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), PLATFORM, now)).isNull();

    Map<String, GateMemory.Print> wide = new java.util.HashMap<>(BEFORE);
    wide.put("storefront", new GateMemory.Print("storefront-prod", print(2), false, List.of()));
    assertThat(GateMemory.changedNamespaces(memory(wide), PLATFORM, BEFORE))
        .as("the same content, judged not local last time").isEmpty();
    Map<String, GateMemory.Print> narrowed = new java.util.HashMap<>(BEFORE);
    narrowed.put("storefront", local("storefront-prod", 8));
    assertThat(GateMemory.changedNamespaces(memory(wide), PLATFORM, narrowed))
        .as("what the old folder opened elsewhere must be evaluated again").isNull();
    // An unchanged folder that reaches beyond its namespace is judged as it was.
    Map<String, GateMemory.Print> other = new java.util.HashMap<>(wide);
    other.put("ledger", local("ledger-prod", 7));
    assertThat(GateMemory.changedNamespaces(memory(wide), PLATFORM, other)).containsExactly("ledger-prod");
  }

  @Test
  void anotherPlatformSideNoMemoryOrAnUnknownPlatformEvaluatesEverything() {
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), new byte[] {9}, BEFORE)).isNull();
    assertThat(GateMemory.changedNamespaces(memory(BEFORE), null, BEFORE)).isNull();
    assertThat(GateMemory.changedNamespaces(null, PLATFORM, BEFORE)).isNull();
  }

  @Test
  void aKeptFindingHoldsWhileNoneOfItsNamespacesChangedAndAnIngressOneWhileNothingDid() {
    Checker.Finding f = new Checker.Finding(true, Checker.UNDECLARED, new Ref("output/a.yaml", 0, "", "X/a"), "m", null);
    GateMemory.Kept mesh = new GateMemory.Kept(List.of("payments-prod", "storefront-prod"), f);
    GateMemory.Kept ingress = new GateMemory.Kept(null, f);
    assertThat(mesh.holds(Set.of("ledger-prod"))).isTrue();
    assertThat(mesh.holds(Set.of("storefront-prod"))).isFalse();
    assertThat(ingress.holds(Set.of())).isTrue();
    assertThat(ingress.holds(Set.of("ledger-prod"))).isFalse();
  }

  @Test
  void theKeptBytesGiveBackWhatWasKeptAndDamageReadsAsNothing() {
    Checker.Finding error = new Checker.Finding(true, Checker.UNDECLARED,
        new Ref("output/prod/tenants/payments/authorization-policy.yaml", 1, "/spec/rules/0", "AuthorizationPolicy/p/a", 0),
        "payments/api:8080 <- storefront/web " + "x".repeat(70_000), "declare it");
    Checker.Finding warning = new Checker.Finding(false, Checker.BLOCKED, Ref.atLine("overlays/prod/values.yaml:7", "v"),
        "declared flow is blocked", null);
    GateMemory kept = new GateMemory(PLATFORM, Map.of("payments", local("payments-prod", 1),
        "ledger", new GateMemory.Print("ledger-prod", null, false, List.of("payments", "storefront"))),
        List.of(new GateMemory.Kept(List.of("payments-prod"), error), new GateMemory.Kept(null, warning)));
    byte[] bytes = kept.encode();
    GateMemory read = GateMemory.decode(bytes);
    assertThat(read).isNotNull();
    assertThat(read.platform).isEqualTo(PLATFORM);
    assertThat(read.tenants.get("payments").fingerprint()).isEqualTo(print(1));
    assertThat(read.tenants.get("ledger").fingerprint()).isNull();
    assertThat(read.tenants.get("ledger").local()).isFalse();
    assertThat(read.tenants.get("ledger").calls()).containsExactly("payments", "storefront");
    assertThat(read.findings).containsExactlyElementsOf(kept.findings);
    assertThat(read.encode()).isEqualTo(bytes);
    for (int cut = 0; cut < bytes.length; cut += 97) {
      assertThat(GateMemory.decode(Arrays.copyOf(bytes, cut))).as("cut at " + cut).isNull();
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThat(GateMemory.decode(longer)).as("bytes left over").isNull();
    assertThat(GateMemory.decode(null)).isNull();
  }
}
