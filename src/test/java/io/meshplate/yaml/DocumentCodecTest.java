package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A parsed document kept as bytes comes back with the same tree and the same positions. */
class DocumentCodecTest {
  /** Every position of every table, as text: table, pointer, line and column. */
  private static Map<String, Long> positions(SourceMap map) {
    Map<String, Long> all = new TreeMap<>();
    PositionTable[] tables = map.tables();
    for (int t = 0; t < tables.length; t++) {
      int table = t;
      tables[t].forEach((pointer, packed) -> all.put(table + " " + pointer, packed));
    }
    return all;
  }

  private static void roundTrip(String file, String text) throws IOException {
    StrictYaml.Document parsed = StrictYaml.read(file, text, YamlLimits.DESCRIPTOR);
    StrictYaml.Document decoded = StrictYaml.Document.decode(file, parsed.encode());
    assertThat(decoded.root()).as(file).isEqualTo(parsed.root());
    assertThat(positions(decoded.positions())).as(file).isEqualTo(positions(parsed.positions())).isNotEmpty();
    assertThat(decoded.positions().file()).isEqualTo(file);
  }

  @Test
  void everyExampleDescriptorComesBackWithItsTreeAndEveryPosition() throws IOException {
    List<Path> descriptors = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("tenants"))) {
      files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(descriptors::add);
    }
    assertThat(descriptors).hasSizeGreaterThan(5);
    for (Path descriptor : descriptors) {
      roundTrip("tenants/" + descriptor.getFileName(), Files.readString(descriptor, StandardCharsets.UTF_8));
    }
  }

  @Test
  void documentsShareTheirKeysAndShortValuesParsedOrReadBack() throws IOException {
    String longValue = "x".repeat(65);
    String one = "name: api\nport: http\nnote: " + longValue + "\n";
    String two = "port: http\nname: api\nnote: " + longValue + "\n";
    Map<String, Object> first = StrictYaml.read("one.yaml", one, YamlLimits.DESCRIPTOR).rootMap();
    Map<String, Object> second = StrictYaml.Document.decode("two.yaml",
        StrictYaml.read("two.yaml", two, YamlLimits.DESCRIPTOR).encode()).rootMap();
    String key = first.keySet().iterator().next();
    String sameKey = second.keySet().stream().filter(key::equals).findFirst().orElseThrow();
    assertThat(sameKey).as("a key, parsed and read back").isSameAs(key);
    assertThat(second.get("port")).as("a short value").isSameAs(first.get("port"));
    assertThat(second.get("note")).as("long text is left as read").isEqualTo(first.get("note"))
        .isNotSameAs(first.get("note"));
  }

  @Test
  void everyScalarTypeKeepsItsTypeAndValue() throws IOException {
    String text = "a: 1\nb: 123456789012345678901234567890\nc: 1.50\nd: true\ne: null\nf: \"1\"\n"
        + "g: [x, {h: -2}]\ni: |\n  two\n  lines\n";
    roundTrip("t.yaml", text);
    Map<String, Object> root = StrictYaml.Document.decode("t.yaml",
        StrictYaml.read("t.yaml", text, YamlLimits.DESCRIPTOR).encode()).rootMap();
    assertThat(root.get("a")).isEqualTo(1L);
    assertThat(root.get("b")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(root.get("c")).isEqualTo(new BigDecimal("1.50"));
    assertThat(root.get("e")).isNull();
    assertThat(root.get("f")).isEqualTo("1");
  }

  @Test
  void deeplyNestedBytesAreDamageNotFollowedUntilTheStackRunsOut() {
    ByteBuffer bytes = ByteBuffer.allocate(10_000 * 5 + 1 + 12);
    for (int i = 0; i < 10_000; i++) {
      bytes.put((byte) 8).putInt(1); // a list of one item, ten thousand times
    }
    bytes.put((byte) 0).putInt(0).putInt(0).putInt(0);
    assertThatThrownBy(() -> StrictYaml.Document.decode("t.yaml", bytes.array()))
        .isInstanceOf(IOException.class).hasMessageContaining("deep");
  }

  @Test
  void truncatedBytesAreDamageNotADocument() {
    byte[] bytes = StrictYaml.read("t.yaml", "a: [b, c]\n", YamlLimits.DESCRIPTOR).encode();
    assertThatThrownBy(() -> StrictYaml.Document.decode("t.yaml", Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IOException.class);
  }
}
