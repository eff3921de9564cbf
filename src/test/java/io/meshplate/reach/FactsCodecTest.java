package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decoding builds only records and enums of the model's package, whatever the bytes name, and a
 * type accepted once as one kind is not taken for the other later (the check is kept per run).
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
    assertThatThrownBy(() -> FactsCodec.decode(bytes, n -> "java.lang.ProcessBuilder$Redirect"))
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
    assertThat(FactsCodec.decode(encoded, n -> strings[n]).namespaces).isEqualTo(known.namespaces);

    String tri = Tri.class.getName();
    Facts withEnum = FactsCodec.decode(firstListHolding(ENUM, 0, 1), n -> n == 0 ? tri : "TRUE");
    assertThat(List.<Object>copyOf(withEnum.authorizations)).as("the first list by name").containsExactly(Tri.TRUE);
    assertThatThrownBy(() -> FactsCodec.decode(firstListHolding(RECORD, 0, 0), n -> tri))
        .isInstanceOf(IOException.class).hasMessageContaining("not a Record");
    String ref = Ref.class.getName();
    assertThatThrownBy(() -> FactsCodec.decode(firstListHolding(ENUM, 0, 1), n -> n == 0 ? ref : "TRUE"))
        .isInstanceOf(IOException.class).hasMessageContaining("not a Enum");
  }
}
