package io.meshplate.reach;

import io.meshplate.testing.RecordEquality;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The records the model hashes for every flow, whose equals and hashCode are written out. */
class KeyRecordsTest {
  private static final Ref REF = new Ref("output/prod/tenants/payments/network-policy.yaml", 1, "/spec/ingress/0",
      "NetworkPolicy/payments-prod/allow-api", 12);
  private static final Ref OTHER_REF = new Ref("output/prod/tenants/payments/sidecar.yaml", 0, "", "Sidecar/payments-prod/default");
  private static final Map<Class<?>, Object> OTHERS = Map.of(
      Ref.class, OTHER_REF,
      List.class, List.of("another"),
      Labels.class, new Labels(Map.of("app", "web"), true, Set.of(), Map.of()));

  @Test
  void refs() throws ReflectiveOperationException {
    RecordEquality.check(REF, OTHERS);
  }

  @Test
  void flowKeysPortsMatchesAndMemoKeys() throws ReflectiveOperationException {
    RecordEquality.check(new Evaluation.Key(Family.MESH, "storefront/web", "payments/api", 8080, false, "pay.example.com"),
        OTHERS);
    RecordEquality.check(new PortSpec(8080, "HTTP", true), OTHERS);
    RecordEquality.check(new StringMatch("/v1/*", false), OTHERS);
    var toward = Class.forName("io.meshplate.reach.OverlayFlows$Toward").getDeclaredConstructor(String.class, String.class);
    toward.setAccessible(true);
    RecordEquality.check((Record) toward.newInstance("payments-prod", "platform:dns"), OTHERS);
  }

  @Test
  void requestsOriginsAndServiceEntries() throws ReflectiveOperationException {
    RecordEquality.check(new Requests(List.of("GET"), List.of("/v1/*"), List.of("/v1/admin"), List.of("pay.example.com")),
        OTHERS);
    RecordEquality.check(new Origin("output/prod/tenants/payments/sidecar.yaml", 7, "Sidecar/payments-prod/default"),
        OTHERS);
    ServiceEntryFact.Port port = new ServiceEntryFact.Port(REF, 443, "https", "TLS", 8443);
    RecordEquality.check(port, Map.of(Ref.class, OTHER_REF, Integer.class, 9443));
    RecordEquality.check(new ServiceEntryFact(REF, "payments-prod", List.of("api.stripe.com"), List.of("."),
        "MESH_EXTERNAL", "DNS", List.of(port), List.of("spec.endpoints")), OTHERS);
  }

  @Test
  void parties() throws ReflectiveOperationException {
    Party party = new Party("payments/api", Party.Kind.SERVICE, "payments", "payments-prod",
        new Labels(Map.of("app", "api"), true, Set.of(), Map.of()), "api", Tri.TRUE, true,
        List.of(new PortSpec(8080, "HTTP", true)), List.of("api.payments-prod.svc.cluster.local"), REF);
    // A party's hash is its id alone (its lists and labels are costly to hash); equality is every component's.
    Assertions.assertThat(party.hashCode()).isEqualTo("payments/api".hashCode());
    RecordEquality.checkEqualityOnly(party, OTHERS);
  }
}
