package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast reader of template output either reads a text exactly as the strict reader does, or
 * declines (null) and leaves it to the strict reader: never a different tree.
 */
class TemplateOutputReaderTest {
  private static List<Object> strict(String text) {
    List<Object> roots = new ArrayList<>();
    StrictYaml.readAll("t", text, YamlLimits.PLATFORM, false).forEach(d -> roots.add(d.root()));
    return roots;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"a-dev\"\n  labels:\n    istio.io/rev: default\n",
      "---\na: 1\n---\n\n---\nb: [] # none\nc: {}\n",
      "a:\n- x\n- \"y\"\n- 'it''s'\n- 3\n- -4\n- 0.5\n- 1e3\n- true\n- null\n- ~\n-\n- 0755\n- no\n",
      "a:\n  - name: x\n    ports:\n    - 1\n    - 2\n  - name: y\nb: c\n",
      "- - a\n  - b\n- c\n",
      "k: \"esc \\\" \\\\ \\n \\t \\x41 \\u00e9 \\U0001F600 \\/ \\0\"\n",
      "\"quoted key\": v\n'single': w\nplain key: x  # comment\n",
      "a: b#c\nd: e #f\n",
      "~: x\n",
      "a: 12345678901234567890\nb: -0.0\nc: .inf\nd: 1_000\n",
      "# only a comment\n",
      "",
      "a:\n    deep:\n        deeper: 1\nb: 2\n",
      "a: |\n  one\n  two\n\n  three\n\nb: 1\n",
      "a: |-\n  one\n    two\nb: |\n\n  after blank\nc: |\nd: x\n",
      "- |\n  item text\n- |-\n   indented three\n  # not a comment at two? \n",
      "x:\n  expr: |\n    sum(rate(a{b=\"c\"}[5m]))\n      / 2\n  for: 10m\n",
      "a: | # comment\n  t\n---\nb: |\n  u\n",
      "rules:\n- from:\n  - source:\n      principals:\n      - \"cluster.local/ns/a/sa/b\"\n  to:\n  - operation:\n      methods: [GET]\n",
      "a: [1, 2]\nb: {c: [d, 'e'], \"f\": -1.5}\n",
      "ports:\n  - {name: http, port: 8080, protocol: HTTP}\nowners: [\"@team\"]\n",
  })
  void readsWhatItAcceptsExactlyAsTheStrictReader(String text) {
    List<Object> fast = TemplateOutputReader.read(text, YamlLimits.PLATFORM);
    if (fast != null) {
      assertThat(fast).isEqualTo(strict(text));
    }
    assertThat(TemplateOutputReader.read(text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM)).isEqualTo(fast);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "team: \"Zürich ünd Straße\"\nplain: café au lait\n",
      "a: \"日本語 \\u00e9 text\"\nb: 'it''s ✓'\n",
      "emoji: \"\uD83D\uDE00 \\U0001F600\"\n",
      "k: \"é\\\"é\\\\é\"\n",
      "a: |\n  ligne é\n  ✓ two\nb: ü\n",
      "é: key\n\"ü\": quoted key\n",
      "a: \"\u2028 line separator is a plain character here\"\n",
  })
  void readsTextBeyondAsciiExactlyAsTheStrictReaderFromCharactersAndFromBytes(String text) {
    List<Object> strict = strict(text);
    assertThat(TemplateOutputReader.read(text, YamlLimits.PLATFORM)).isEqualTo(strict);
    assertThat(TemplateOutputReader.read(text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM)).isEqualTo(strict);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a: \"\u0085\"\n",              // NEL, a line break in YAML 1.1
      "a: \"x\u0090\"\n",             // a C1 control
      "\uFEFFa: 1\n",                   // a byte order mark
      "a: \"\uFFFE\"\n",
      "a: \"\uD800\"\n",              // a high surrogate alone: encoded, it would be a '?'
      "a: \"x\uDC00y?\"\n",           // a low surrogate alone, beside a real '?'
  })
  void declinesCharactersTheStrictReaderRefusesOrTreatsApart(String text) {
    assertThat(TemplateOutputReader.read(text, YamlLimits.PLATFORM)).isNull();
  }

  @Test
  void declinesBytesThatAreNotUtf8() {
    byte[] latin1 = "a: \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] overlong = {'a', ':', ' ', (byte) 0xC0, (byte) 0xAF, '\n'};
    byte[] encodedSurrogate = {'a', ':', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
    assertThat(TemplateOutputReader.read(latin1, YamlLimits.PLATFORM)).isNull();
    assertThat(TemplateOutputReader.read(overlong, YamlLimits.PLATFORM)).isNull();
    assertThat(TemplateOutputReader.read(encodedSurrogate, YamlLimits.PLATFORM)).isNull();
  }

  @Test
  void aFileThatIsNotUtf8IsReadAsTheDecoderReplacesItsBytes() {
    byte[] latin1 = "apiVersion: v1\nkind: Service\nmetadata:\n  name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(TemplateOutputReader.readRoots("t", latin1, YamlLimits.PLATFORM, (api, kind) -> false))
        .isEqualTo(strict(new String(latin1, StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"a-dev\"\n",
      "a:\n- x\n- \"y\"\n- 'it''s'\n- 3\n- -4\n- 0.5\n- 1e3\n- true\n- null\n- ~\n-\n- 0755\n- no\n",
      "a:\n  - name: x\n    ports:\n    - 1\n  - name: y\n",
      "k: \"esc \\\" \\\\ \\n \\x41 \\u00e9\"\n",
      "---\na: 1\n---\nb: []\n",
      "a: |\n  one\n  two\n\n  three\n\nb: 1\n",
      "x:\n  expr: |\n    sum(rate(a{b=\"c\"}[5m]))\n      / 2\n  for: 10m\n",
  })
  void theShapesTemplatesPrintAreInsideTheSubset(String text) {
    assertThat(TemplateOutputReader.read(text, YamlLimits.PLATFORM)).isEqualTo(strict(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a: 1\na: 2\n",                       // duplicate key: the strict reader refuses it
      "a:\nb: 1\na: 2\n",                  // the same, the first value empty (null)
      "a: &x 1\nb: *x\n",                   // anchor and alias
      "a: !tag 1\n",
      "a: >\n  text\n",                     // folded block scalar
      "a: |+\n  keep\n\n",
      "a: |2\n   text\n",
      "a: |\n    \n  text\n",                // a leading blank line with more spaces
      "a: plain\n  continued\n",            // a continued plain scalar
      "a: \"open\n  quote\"\n",
      "a: b: c\n",
      "a: [1,\n  2]\n",                     // a flow collection on two lines
      "a: [1, 2,]\n",
      "scalar root\n",
      "? complex\n: key\n",
      "a:\tb\n",
      "a: 1\r\nb: 2\r\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n...\n",
      "<<: {}\n",
      "a: \"\\q\"\n",
      "  a: 1\n b: 2\n",
      // Every line is checked as it is found, wherever the reader goes from one line to the next:
      "a: |\n  text \u0001\n",             // a control character in a literal block
      "a: 1\n# \u0007 in a comment\n",      // in a comment line
      "a: 1\n\n   \u000b\n",               // in a line of spaces
      "a: 1\nb: \"\u00e9\" \u0001\n",      // after the first character beyond ASCII
  })
  void declinesWhatItDoesNotReadExactly(String text) {
    assertThat(TemplateOutputReader.read(text, YamlLimits.PLATFORM)).isNull();
  }

  /** A block (or flow) mapping of {@code count} keys, the last one repeating the key {@code repeat} (-1: none). */
  private static String keys(int count, int repeat, boolean flow) {
    StringBuilder text = new StringBuilder(flow ? "m: {" : "m:\n");
    for (int i = 0; i < count; i++) {
      String key = i == count - 1 && repeat >= 0 ? "k" + repeat : "k" + i;
      text.append(flow ? (i > 0 ? ", " : "") + key + ": " + i : "  " + key + ": " + i + "\n");
    }
    return text.append(flow ? "}\n" : "").toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5, 16, 17, 40})
  void aRepeatedKeyIsDeclinedHoweverManyKeysTheMappingHas(int count) {
    for (boolean flow : new boolean[] {false, true}) {
      for (int repeat : new int[] {0, (count - 1) / 2, count - 2}) {
        byte[] text = keys(count, repeat, flow).getBytes(StandardCharsets.UTF_8);
        assertThat(TemplateOutputReader.read(text, YamlLimits.PLATFORM)).as("%d keys, flow %s", count, flow).isNull();
        assertThatThrownBy(() -> TemplateOutputReader.readRoots("t", text, YamlLimits.PLATFORM, (api, kind) -> false))
            .isInstanceOf(InvalidInputException.class);
      }
      String distinct = keys(count, -1, flow);
      assertThat(TemplateOutputReader.read(distinct, YamlLimits.PLATFORM)).isEqualTo(strict(distinct));
    }
  }

  @Test
  void theObjectsTheModelReadsAreFrozenAndEqualTheStrictReadersTrees() {
    String text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: {app: a, tier: web}\n"
        + "spec:\n  ports:\n  - name: http\n    port: 80\n  - {name: tcp, port: 81}\n  selector: {}\n  ips: []\n";
    List<Object> roots = TemplateOutputReader.readRoots("t", text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM,
        (api, kind) -> false);
    assertThat(roots).isEqualTo(strict(text));
    Map<?, ?> root = (Map<?, ?>) roots.get(0);
    assertThat(Frozen.is(root)).isTrue();
    assertThat(Frozen.is(((Map<?, ?>) root.get("spec")).get("ports"))).isTrue();
    assertThat(List.copyOf(root.keySet())).isEqualTo(List.of("apiVersion", "kind", "metadata", "spec"));
    assertThat(((Map<?, ?>) root.get("metadata")).values()).hasSize(2);
    assertThatThrownBy(root::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  private static final String SKIPPED = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n";
  private static final String BUILT = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n";

  private static List<Object> skipping(String text) {
    return TemplateOutputReader.readRoots("t", text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM,
        (api, kind) -> kind.equals("ConfigMap"));
  }

  @Test
  void aDocumentOfASkippedKindHoldsOnlyItsApiVersionAndKindAndKeepsItsPlace() {
    assertThat(skipping("# header\n" + SKIPPED + "---\n" + BUILT + "---\n" + SKIPPED)).isEqualTo(List.of(
        Map.of("apiVersion", "v1", "kind", "ConfigMap"), strict(BUILT).get(0),
        Map.of("apiVersion", "v1", "kind", "ConfigMap")));
  }

  /** Where a skipped document ends: at a separator after blank and comment lines, or at the end without a newline. */
  @ParameterizedTest
  @ValueSource(strings = {"\n\n# c\n  \n---   \n", "\n# c\n---\n\n"})
  void aSkippedDocumentEndsAtTheNextSeparatorOrTheEnd(String between) {
    Map<String, Object> configMap = Map.of("apiVersion", "v1", "kind", "ConfigMap");
    assertThat(skipping(SKIPPED + between + BUILT)).isEqualTo(List.of(configMap, strict(BUILT).get(0)));
    assertThat(skipping(BUILT + "---\n" + SKIPPED.stripTrailing())).isEqualTo(List.of(strict(BUILT).get(0), configMap));
    assertThat(skipping(SKIPPED + between + SKIPPED + "---\n")).isEqualTo(List.of(configMap, configMap));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "apiVersion: v1\nkind: ConfigMap\nkind: NetworkPolicy\n",        // repeated: the strict reader refuses it
      "apiVersion: v1\nkind: ConfigMap\n\"kind\": NetworkPolicy\n",    // the same key, quoted
      "apiVersion: v1\nkind: ConfigMap\nkind : NetworkPolicy\n",       // the same key, spaced
      "apiVersion: v1\nkind: ConfigMap # a comment\n",                  // not a bare value
      "apiVersion: v1\nkind: \"ConfigMap\"\n",                          // quoted value
      "apiVersion: v1\nkind: ConfigMap\n---x\n",                       // not a separator
      "apiVersion: v1\nkind: ConfigMap\n...\n",                        // outside the subset
      "apiVersion: v1\nkind: ConfigMap\n<<: {}\n",                     // a merge key
      "apiVersion: v1\nkind: ConfigMap\ndata:\n  k: \"\u0001\"\n",      // a control character after the kind
      "apiVersion: v1\nkind: ConfigMap\n# \u0085\n",                   // a NEL in a comment
  })
  void anythingButOnePlainApiVersionAndKindIsReadInFull(String text) {
    List<Object> strict;
    try {
      strict = strict(text);
    } catch (InvalidInputException refused) {
      Assertions.assertThatThrownBy(() -> skipping(text))
          .isInstanceOf(InvalidInputException.class);
      return;
    }
    assertThat(skipping(text)).isEqualTo(strict);
  }

  /**
   * Plain keys and values come from a cache every read shares: a second read of the same text
   * builds the same tree, a key and a value of the same text keep their own types, and a value
   * kept by one read is not given to a read whose limits refuse it.
   */
  @Test
  void aScalarReadBeforeIsReadTheSameAndStillMeetsTheLimits() {
    String text = "name: payments-prod\nport: 8080\nenabled: true\nnothing: null\nkey   : spaced\n"
        + "\"8080\": port\nlist:\n- 8080\n- name\n";
    List<Object> first = TemplateOutputReader.read(text, YamlLimits.PLATFORM);
    assertThat(first).isEqualTo(strict(text));
    assertThat(TemplateOutputReader.read(text, YamlLimits.PLATFORM)).isEqualTo(first);
    assertThat(TemplateOutputReader.read(text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM)).isEqualTo(first);

    YamlLimits shortScalars = new YamlLimits(YamlLimits.PLATFORM.maxBytes(), YamlLimits.PLATFORM.maxDepth(), 8,
        YamlLimits.PLATFORM.maxNodes());
    assertThat(TemplateOutputReader.read("name: payments-prod\n", shortScalars)).isNull();
  }
}
