package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.BytesIn;
import io.meshplate.Interned;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tagged bytes the caches keep parsed trees in: every value comes back as it went, damage is refused. */
class ValueCodecTest {
  @Test
  void everyValueComesBackWithItsTypeAndItsMapsInTheirOrder() throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("z", 1);
    tree.put("a", 2L);
    tree.put("big", new BigInteger("123456789012345678901234567890"));
    tree.put("decimal", new BigDecimal("1.50"));
    tree.put("yes", true);
    tree.put("no", false);
    tree.put("nothing", null);
    tree.put("text", "a long line: " + "x".repeat(70_000)); // longer than writeUTF takes
    tree.put("list", Arrays.asList("b", null, Map.of(), List.of(List.of(3))));

    Object read = read(bytes(tree, false));

    assertThat(read).isEqualTo(tree);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) read;
    assertThat(map.keySet()).containsExactlyElementsOf(tree.keySet());
    assertThat(map.get("z")).isInstanceOf(Integer.class);
    assertThat(map.get("a")).isInstanceOf(Long.class);
    assertThat(((BigDecimal) map.get("decimal")).scale()).isEqualTo(2);
  }

  @Test
  void sortedKeysGiveEqualMapsEqualBytesWhateverTheirOrder() throws IOException {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("b", List.of(Map.of("y", 1, "x", 2)));
    one.put("a", "v");
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("a", "v");
    other.put("b", List.of(Map.of("x", 2, "y", 1)));

    assertThat(bytes(one, true)).isEqualTo(bytes(other, true));
    assertThat(bytes(one, false)).isNotEqualTo(bytes(other, false));
    assertThat(((Map<?, ?>) read(bytes(one, true))).keySet()).map(String::valueOf).containsExactly("a", "b");
  }

  @Test
  void aNestedValueGoesThroughTheCallersStep() throws IOException {
    List<Object> seen = new ArrayList<>();
    ValueCodec.Nested step = new ValueCodec.Nested() {
      @Override
      public void write(Object value, DataOutput out) throws IOException {
        seen.add(value);
        ValueCodec.write(value, out, false, this);
      }
    };
    ValueCodec.write(Map.of("k", List.of("a", "b")), new DataOutputStream(new ByteArrayOutputStream()), false, step);

    assertThat(seen).containsExactly(List.of("a", "b"), "a", "b");
  }

  @Test
  void theCallersShapesMakeEveryMapAndListFromTheInsideOut() throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("z", List.of("a", Map.of("k", "v")));
    tree.put("a", Arrays.asList(null, 1));
    List<String> made = new ArrayList<>();
    ValueCodec.Shapes shapes = new ValueCodec.Shapes() {
      @Override
      public Object string(String text) {
        return text.toUpperCase(Locale.ROOT);
      }

      @Override
      public Object map(String[] keys, Object[] values) {
        made.add("map " + String.join(",", keys));
        Map<String, Object> map = new LinkedHashMap<>();
        IntStream.range(0, keys.length).forEach(i -> map.put(keys[i], values[i]));
        return map;
      }

      @Override
      public Object list(Object[] items) {
        made.add("list of " + items.length);
        return Arrays.asList(items);
      }
    };

    Object read = ValueCodec.read(BytesIn.of(bytes(tree, false)), 64, shapes);

    // Parts first, keys in the order written; strings are the caller's, keys are not.
    assertThat(made).containsExactly("map k", "list of 2", "list of 2", "map z,a");
    assertThat(read).isEqualTo(Map.of("z", List.of("A", Map.of("k", "V")), "a", Arrays.asList(null, 1)));
  }

  @Test
  void shortAsciiTextReadAgainIsTheSharedInstanceAndOtherTextIsReadAsItWas() throws IOException {
    String shortText = "app.kubernetes.io/name-" + System.nanoTime(); // not a constant of this class
    String longText = "x".repeat(49) + System.nanoTime();
    String accented = "café-" + System.nanoTime();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(written)) {
      for (String text : List.of(shortText, longText, accented)) {
        ValueCodec.writeText(text, out);
      }
    }
    byte[] bytes = written.toByteArray();

    List<String> once = texts(bytes, 3);
    List<String> twice = texts(bytes, 3);

    assertThat(once).containsExactly(shortText, longText, accented);
    assertThat(twice.get(0)).isSameAs(once.get(0)).isSameAs(Interned.of(shortText));
    assertThat(twice.get(1)).isEqualTo(longText).isNotSameAs(once.get(1));
    assertThat(twice.get(2)).isEqualTo(accented).isNotSameAs(once.get(2));
  }

  private static List<String> texts(byte[] bytes, int count) throws IOException {
    DataInputStream in = BytesIn.of(bytes);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(ValueCodec.readShared(in));
    }
    return texts;
  }

  @Test
  void nestingDeeperThanAllowedIsDamage() throws IOException {
    Object deep = "leaf";
    for (int i = 0; i < 5; i++) {
      deep = List.of(deep);
    }
    byte[] bytes = bytes(deep, false);

    assertThat(ValueCodec.read(BytesIn.of(bytes), 5)).isEqualTo(deep);
    assertThatThrownBy(() -> ValueCodec.read(BytesIn.of(bytes), 4))
        .isInstanceOf(IOException.class).hasMessageContaining("deep");
  }

  @Test
  void truncatedBytesAndImpossibleCountsAreDamage() throws IOException {
    byte[] bytes = bytes(Map.of("key", List.of("a", "b")), false);
    for (int cut = 1; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> read(truncated)).as("cut at %d", cut).isInstanceOf(IOException.class);
    }
    byte[] huge = bytes.clone();
    huge[1] = 0x7f; // the map claims two billion entries
    assertThatThrownBy(() -> read(huge)).isInstanceOf(IOException.class).hasMessageContaining("count");
  }

  @Test
  void aValueOfAnotherTypeIsRefusedWhenWritten() {
    assertThatThrownBy(() -> bytes(Map.of("when", Instant.EPOCH), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
  }

  private static byte[] bytes(Object value, boolean sortedKeys) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      ValueCodec.Nested throughout = new ValueCodec.Nested() {
        @Override
        public void write(Object nested, DataOutput to) throws IOException {
          ValueCodec.write(nested, to, sortedKeys, this);
        }
      };
      throughout.write(value, out);
    }
    return bytes.toByteArray();
  }

  private static Object read(byte[] bytes) throws IOException {
    return ValueCodec.read(BytesIn.of(bytes), 64);
  }
}
