package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * Decoding builds only records and enums of the model's package, whatever the bytes name, and a
 * type accepted once as one kind is not taken for the other later (the check is kept per run).
 * Folders decoded with one {@link FactParts} share the parts that name no place.
 */
class FactsCodecTest {
  private static final int LIST = 6;
  private static final int RECORD = 9;
  private static final int ENUM = 10;

  /** One list of facts holding one value, the other lists empty: bytes as {@link FactsCodec#encode} lays them out. */
  private static byte[] firstListHolding(int... value) {
    int lists = FactsCodec.encode(new Facts(), s -> 0).length / 2; // an empty list is two bytes: tag, count
    byte[] bytes = new byte[2 + value.length + 2 * (lists - 1)];
    bytes[0] = LIST;
    bytes[1] = 1;
    for (int i = 0; i < value.length; i++) {
      bytes[2 + i] = (byte) value[i];
    }
    for (int i = 2 + value.length; i < bytes.length; i += 2) {
      bytes[i] = LIST;
    }
    return bytes;
  }

  @Test
  void aTypeOutsideTheModelIsRefusedAsDamage() {
    byte[] bytes = firstListHolding(RECORD, 0, 0);
    assertThatThrownBy(() -> FactsCodec.decode(bytes, n -> "java.lang.ProcessBuilder$Redirect", new FactParts()))
        .isInstanceOf(IOException.class).hasMessageContaining("foreign type");
  }

  @Test
  void anEnumNamedAsARecordAndARecordNamedAsAnEnumAreRefusedEvenOnceEachIsKnown() throws IOException {
    Facts known = new Facts();
    known.namespaces.add(new Facts.NamespaceFact(new Ref("output/dev/t0/namespace.yaml", 0, "", "Namespace/t0", 1),
        "t0", Map.of("istio-injection", "enabled")));
    String[] strings = new String[64];
    Map<String, Integer> numbers = new HashMap<>();
    byte[] encoded = FactsCodec.encode(known, s -> numbers.computeIfAbsent(s, k -> {
      strings[numbers.size()] = k;
      return numbers.size();
    }));
    assertThat(FactsCodec.decode(encoded, n -> strings[n], new FactParts()).namespaces).isEqualTo(known.namespaces);

    String tri = Tri.class.getName();
    Facts withEnum = FactsCodec.decode(firstListHolding(ENUM, 0, 1), n -> n == 0 ? tri : "TRUE", new FactParts());
    assertThat(List.<Object>copyOf(withEnum.authorizations)).as("the first list by name").containsExactly(Tri.TRUE);
    assertThatThrownBy(() -> FactsCodec.decode(firstListHolding(RECORD, 0, 0), n -> tri, new FactParts()))
        .isInstanceOf(IOException.class).hasMessageContaining("not a Record");
    String ref = Ref.class.getName();
    assertThatThrownBy(() -> FactsCodec.decode(firstListHolding(ENUM, 0, 1), n -> n == 0 ? ref : "TRUE", new FactParts()))
        .isInstanceOf(IOException.class).hasMessageContaining("not a Enum");
  }

  /** A tenant's ingress policy: the same selector, ports and peers in every namespace, its own places. */
  private static NetworkPolicyFact allowApi(String namespace) {
    Ref ref = new Ref("output/dev/tenants/" + namespace + "/network-policy.yaml", 0, "", "NetworkPolicy/" + namespace + "/allow-api");
    Selector monitoring = Selector.ofLabels(Map.of("network.openshift.io/policy-group", "monitoring"));
    NetworkPolicyFact.Peer peer = new NetworkPolicyFact.Peer(null, monitoring, null, List.of(), true);
    List<NetworkPolicyFact.PortRule> ports = List.of(new NetworkPolicyFact.PortRule("TCP", 8080, null, null),
        new NetworkPolicyFact.PortRule("TCP", 15020, null, null));
    return new NetworkPolicyFact(ref, namespace, Selector.ofLabels(Map.of("app", "api")), true, false,
        List.of(new NetworkPolicyFact.Rule(ref.at("spec", "ingress", 0), List.of(peer), ports)), List.of(), List.of());
  }

  @Test
  void foldersDecodedWithTheSamePartsShareWhatNamesNoPlace() throws IOException {
    List<String> strings = new ArrayList<>();
    Map<String, Integer> numbers = new HashMap<>();
    ToIntFunction<String> number = s -> numbers.computeIfAbsent(s, k -> {
      strings.add(k);
      return strings.size() - 1;
    });
    List<byte[]> folders = new ArrayList<>();
    for (String namespace : List.of("payments-dev", "ledger-dev")) {
      Facts facts = new Facts();
      facts.networkPolicies.add(allowApi(namespace));
      folders.add(FactsCodec.encode(facts, number));
    }
    FactParts parts = new FactParts();
    NetworkPolicyFact payments = FactsCodec.decode(folders.get(0), strings::get, parts).networkPolicies.get(0);
    NetworkPolicyFact ledger = FactsCodec.decode(folders.get(1), strings::get, parts).networkPolicies.get(0);

    assertThat(payments).isEqualTo(allowApi("payments-dev"));
    assertThat(ledger).isEqualTo(allowApi("ledger-dev"));
    NetworkPolicyFact.Rule paymentsRule = payments.ingress().get(0);
    NetworkPolicyFact.Rule ledgerRule = ledger.ingress().get(0);
    assertThat(ledger.podSelector()).isSameAs(payments.podSelector());
    assertThat(ledgerRule.ports()).isSameAs(paymentsRule.ports());
    assertThat(ledgerRule.ports().get(1).port()).as("a port above the JDK's boxed-integer cache").isSameAs(
        paymentsRule.ports().get(1).port());
    assertThat(ledgerRule.peers()).isSameAs(paymentsRule.peers());
    assertThat(ledgerRule).as("holds its place").isNotSameAs(paymentsRule);

    NetworkPolicyFact apart = FactsCodec.decode(folders.get(1), strings::get, new FactParts()).networkPolicies.get(0);
    assertThat(apart).isEqualTo(ledger);
    assertThat(apart.podSelector()).as("other parts, other instances").isNotSameAs(ledger.podSelector());
  }
}
