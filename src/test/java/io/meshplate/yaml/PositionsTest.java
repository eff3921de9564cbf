package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text read with positions goes to the fast reader first ({@link TemplateOutputReader#readWithPositions});
 * what it gives must be exactly what the YAML parser gives: the same trees, and the same line
 * and column for every value, key and block scalar's text, or nothing (then the parser reads it).
 */
class PositionsTest {
  /** Both readers' answers for {@code text}: the fast one's is null when it declined. */
  private record Both(List<StrictYaml.Document> fast, List<StrictYaml.Document> parsed) {}

  private static Both read(String text) {
    List<StrictYaml.Document> fast =
        TemplateOutputReader.readWithPositions("f.yaml", text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM);
    return new Both(fast, StrictYaml.parseAll("f.yaml", text, YamlLimits.PLATFORM, true));
  }

  /** Every position of a document, as text: table, pointer, line:column. */
  private static Map<String, String> positions(StrictYaml.Document document) {
    Map<String, String> all = new TreeMap<>();
    String[] names = {"value", "key", "block"};
    PositionTable[] tables = document.positions().tables();
    for (int t = 0; t < tables.length; t++) {
      String name = names[t];
      tables[t].forEach((pointer, packed) -> all.put(name + " " + pointer, (packed >>> 32) + ":" + (int) packed));
    }
    return all;
  }

  private static void assertSame(String text, List<StrictYaml.Document> fast, List<StrictYaml.Document> parsed) {
    assertThat(fast).as(text).hasSameSizeAs(parsed);
    for (int i = 0; i < fast.size(); i++) {
      assertThat(fast.get(i).root()).as(text).isEqualTo(parsed.get(i).root());
      assertThat(positions(fast.get(i))).as(text).isEqualTo(positions(parsed.get(i)));
      assertThat(fast.get(i).positions().file()).isEqualTo("f.yaml");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"a-dev\"\n  labels:\n    istio.io/rev: default\n",
      "---\na: 1\n---\n\n---\nb: [] # none\nc: {}\n",
      "# a comment first\n\n\na:\n\n  # inside\n  b: 1\n",
      "a:\nb:\nc: # a comment\nd: 1\n",
      "a:\n- x\n-\n- # comment\n-\n  - y\n",
      "- - a\n  - b\n- c\n-\n",
      "a:\n  - name: x\n    ports:\n    - 1\n    -\n  - name: y\nb: c\n",
      "\"quoted key\": v\n'single': w\nplain key: x  # comment\n\"e\": \n",
      "a/b~c: 1\n\"x/y\": 2\n",
      "a:\n    deep:\n        deeper: 1\nb: 2\n",
      "a: |\n  one\n  two\n\n  three\n\nb: 1\n",
      "a: |-\n  one\n    two\nb: |\n\n  after blank\nc: |\nd: x\n",
      "a: |\nb: |\n\n\n",
      "a: |\n# a comment ends it\nb: 1\n",
      "- |\n  item text\n- |-\n   indented three\n",
      "x:\n  expr: |\n    sum(rate(a{b=\"c\"}[5m]))\n      / 2\n  for: 10m\n",
      "a: | # comment\n  t\n---\nb: |\n  u\n",
      "rules:\n- from:\n  - source:\n      principals:\n      - \"cluster.local/ns/a/sa/b\"\n  to:\n  - operation:\n      methods:\n      - GET\n",
      "a:\n- b: 1\n  c:\n  - d\n  e:\n",
      "a: 1\n---\n",
      "a:\n",
      "-\n",
      // flow collections on one line, as descriptors write them
      "owners: [\"@acme/catalog\"]\nm: [GET, HEAD]\np: [/products, /products/*, 'x, y']\n",
      "ports:\n  - {name: http2, port: 8080, protocol: HTTP2}\n  - {name: m, port: -1}\n",
      "from: {tenant: storefront, service: web}  # who\nto: { a : [ 1 , 2 ] , \"b c\": {d: [], e: {}} }\n",
      "- [a b, -1, true, null, ~, 0.5, 'q''s', \"d\\u00e9\", x#y]\n- [[a], [b, [c]]]\n",
      "k: [a, b] # a comment\nl: {a: b} \n",
      // characters beyond ASCII where no node follows them on their line
      "# Platform values (DESIGN \u00a74) \u2014 Z\u00fcrich, \u65e5\u672c\n  # \uD83D\uDE00 indented\na: 1\nb: x\n",
      "a:\n  # caf\u00e9\n  b: 1\n# \u00e9\nc: [d]\n",
      "a: |\n  # caf\u00e9 in the text\n  more\nb: 1\n",
      "a: |\n  # \u00e9\n# \u00e9 a comment ends it\nb: \"x\"\n",
  })
  void givesThePositionsTheParserGives(String text) {
    Both both = read(text);
    assertThat(both.fast()).as("read by the fast reader: %s", text).isNotNull();
    assertSame(text, both.fast(), both.parsed());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "team: \"Zürich\"\n",                 // columns beyond ASCII are the parser's to count
      "a: 1 # Z\u00fcrich\nb: 2\n",         // beyond ASCII in a comment after a node
      "# \u00e9\na: \u00e9\n",                 // in a comment, then in a value
      "# a\u2028b\nc: 1\n",                  // a line separator in a comment
      "# a\u2029b\nc: 1\n",                  // a paragraph separator in a comment
      "a: |\n  text \u00e9\n",                // block text not starting with #
      "a: \"\u2028\"\nb: 1\n",
      "a: 1\na: 2\n",                        // a duplicate key: the parser reports it, with both lines
      "a: >\n  folded\n",
      "a: [1, 2\n  , 3]\n",             // a flow collection on more than one line
      "a: [1, ]\n",                      // a trailing comma
      "a: [1, , 2]\n",
      "a: {b}\n",                         // a key without a value
      "a: {b: }\n",
      "a: {b:c}\n",
      "a: [b: c]\n",                      // a pair inside a sequence
      "a: [b:c]\n",
      "a: [-, b]\n",
      "a: [b #c]\n",
      "a: [b[c]]\n",
      "a: {b: 1, b: 2}\n",                // a repeated key
      "a: [&x b]\n",
      "a: [b] c\n",
  })
  void leavesToTheParserWhatItDoesNotPlaceExactly(String text) {
    assertThat(TemplateOutputReader.readWithPositions("f.yaml", text.getBytes(StandardCharsets.UTF_8),
        YamlLimits.PLATFORM)).isNull();
  }

  @Test
  void readAllGivesTheFastReadersDocumentsAndTheParsersProblems() {
    String text = "a:\n  b: 1\n";
    List<StrictYaml.Document> documents = StrictYaml.readAll("f.yaml", text, YamlLimits.PLATFORM);
    assertSame(text, documents, StrictYaml.parseAll("f.yaml", text, YamlLimits.PLATFORM, true));
    assertSame(text, StrictYaml.readAll("f.yaml", text.getBytes(StandardCharsets.UTF_8), YamlLimits.PLATFORM),
        documents);
    Assertions.assertThatThrownBy(
            () -> StrictYaml.readAll("f.yaml", "a: 1\nb:\n  c: 2\na: 3\n", YamlLimits.PLATFORM))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("f.yaml:4:1");
  }

  /** Every YAML file of the examples' rendered output: the files reports and reviews cite. */
  @Test
  void theExamplesOutputIsReadWithThePositionsTheParserGives() throws IOException {
    Path output = Path.of("output");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(output)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(100);
    int fast = 0;
    for (Path file : files) {
      String text = Files.readString(file);
      Both both = read(text);
      if (both.fast() != null) {
        fast++;
        assertSame(file.toString(), both.fast(), both.parsed());
      }
    }
    // The speed of citing lines rests on this: meshplate's own output is inside the subset.
    assertThat(fast).isEqualTo(files.size());
  }

  /**
   * The platform files every run reads (the values, the overlays, the version table), whose
   * comments may hold characters beyond ASCII: read by the fast reader, with the parser's
   * positions, so a run over them never starts the parser.
   */
  @Test
  void theExamplesPlatformFilesAreReadWithThePositionsTheParserGives() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("templates"))) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).contains(Path.of("templates/base/defaults.yaml"));
    assertThat(Files.readString(Path.of("templates/base/defaults.yaml")).chars().anyMatch(c -> c > 0x7f))
        .as("a platform file with a character beyond ASCII").isTrue();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      StrictYaml.Document fast = TemplateOutputReader.readOneWithPositions("f.yaml", bytes, YamlLimits.PLATFORM);
      assertThat(fast).as("read by the fast reader: %s", file).isNotNull();
      StrictYaml.Parsed parsed = StrictYaml.parseWithParser("f.yaml", bytes, YamlLimits.PLATFORM);
      assertSame(file.toString(), List.of(fast), List.of(parsed.document().orElseThrow()));
    }
  }

  /** Every descriptor of the examples: read alone ({@link StrictYaml#parse}), as the loader reads them. */
  @Test
  void theExamplesDescriptorsAreReadWithThePositionsTheParserGives() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.list(Path.of("tenants"))) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      StrictYaml.Document fast = TemplateOutputReader.readOneWithPositions("f.yaml", bytes, YamlLimits.DESCRIPTOR);
      assertThat(fast).as("read by the fast reader: %s", file).isNotNull();
      StrictYaml.Parsed parsed = StrictYaml.parseWithParser("f.yaml", bytes, YamlLimits.DESCRIPTOR);
      assertThat(parsed.problems()).isEmpty();
      assertSame(file.toString(), List.of(fast), List.of(parsed.document().orElseThrow()));
      assertSame(file.toString(), List.of(StrictYaml.parse("f.yaml", bytes, YamlLimits.DESCRIPTOR).document()
          .orElseThrow()), List.of(fast));
    }
  }

  /**
   * The examples' descriptors with one to three characters inserted, removed or replaced (those
   * YAML gives meaning to, most of all): whatever the fast reader accepts, the parser accepts too,
   * with the same tree and positions. A mutant either reader refuses is the parser's to report.
   */
  @Test
  void whatTheFastReaderAcceptsOfMutatedDescriptorsTheParserReadsTheSame() throws IOException {
    List<String> descriptors = new ArrayList<>();
    try (Stream<Path> walk = Files.list(Path.of("tenants"))) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        descriptors.add(Files.readString(file));
      }
    }
    // Beyond ASCII too: a letter, a section sign, a line separator, a no-break space.
    String alphabet = "[]{},:#-?'\" \n\\|>&*!%@`~a0\u00e9\u00a7\u2028\u00a0";
    Random random = new Random(31);
    int accepted = 0;
    for (int i = 0; i < 4000; i++) {
      StringBuilder text = new StringBuilder(descriptors.get(random.nextInt(descriptors.size())));
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, c);
          case 1 -> text.deleteCharAt(at);
          default -> text.setCharAt(at, c);
        }
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      StrictYaml.Document fast = TemplateOutputReader.readOneWithPositions("f.yaml", bytes, YamlLimits.DESCRIPTOR);
      if (fast != null) {
        accepted++;
        StrictYaml.Parsed parsed = StrictYaml.parseWithParser("f.yaml", bytes, YamlLimits.DESCRIPTOR);
        assertThat(parsed.problems()).as(text.toString()).isEmpty();
        assertSame(text.toString(), List.of(fast), List.of(parsed.document().orElseThrow()));
      }
    }
    assertThat(accepted).as("mutants the fast reader read").isGreaterThan(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "---\na: 1\n",             // the parser counts the document its own way
      "a: 1\n---\nb: 2\n",      // two: the parser refuses the second
      "# nothing\n",             // none: the parser says so
      "a: 1\na: 2\n",
  })
  void readsOneDocumentAloneOnlyWhenItIsExactlyOne(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(TemplateOutputReader.readOneWithPositions("f.yaml", bytes, YamlLimits.DESCRIPTOR)).isNull();
    StrictYaml.Parsed viaParse = StrictYaml.parse("f.yaml", bytes, YamlLimits.DESCRIPTOR);
    StrictYaml.Parsed parsed = StrictYaml.parseWithParser("f.yaml", bytes, YamlLimits.DESCRIPTOR);
    assertThat(viaParse.problems()).isEqualTo(parsed.problems());
    assertThat(viaParse.document().map(StrictYaml.Document::root)).isEqualTo(parsed.document().map(StrictYaml.Document::root));
  }

  /**
   * Random documents of the shapes the subset reads (nesting, empty values and items, comments,
   * blank lines, literal blocks, quoted keys, indentless and compact sequences, separators).
   */
  @Test
  void randomDocumentsAreReadWithThePositionsTheParserGives() {
    Random random = new Random(20261203);
    int fast = 0;
    for (int i = 0; i < 3000; i++) {
      String text = new Printer(random).documents();
      Both both = read(text);
      if (both.fast() != null) {
        fast++;
        assertSame(text, both.fast(), both.parsed());
      }
    }
    assertThat(fast).as("documents read by the fast reader").isGreaterThan(2000);
  }

  /** Prints random YAML of the subset's shapes. */
  private static final class Printer {
    private final Random random;
    private final StringBuilder out = new StringBuilder();

    Printer(Random random) {
      this.random = random;
    }

    String documents() {
      int documents = 1 + random.nextInt(3);
      for (int d = 0; d < documents; d++) {
        if (d > 0 || random.nextInt(4) == 0) {
          out.append("---\n");
        }
        noise(0);
        if (random.nextInt(3) == 0) {
          sequence(0, 0);
        } else {
          mapping(0, 0);
        }
      }
      return out.toString();
    }

    /** Sometimes a blank line or a comment line. */
    private void noise(int indent) {
      int r = random.nextInt(10);
      if (r == 0) {
        out.append('\n');
      } else if (r == 1) {
        out.append(" ".repeat(random.nextInt(indent + 3))).append("# note\n");
      }
    }

    private void mapping(int indent, int depth) {
      int keys = 1 + random.nextInt(3);
      for (int k = 0; k < keys; k++) {
        if (k > 0) {
          out.append(" ".repeat(indent));
        }
        out.append(key(k)).append(':');
        value(indent, depth, true);
        if (k + 1 < keys) {
          noise(indent);
        }
      }
    }

    private String key(int k) {
      return switch (random.nextInt(6)) {
        case 0 -> "\"q" + k + "\"";
        case 1 -> "'s" + k + "'";
        case 2 -> "a/b~" + k;
        default -> "key" + k;
      };
    }

    /** A value after a key's colon or an item's dash; the line so far has no newline. */
    private void value(int indent, int depth, boolean afterKey) {
      int r = depth > 3 ? 4 + random.nextInt(6) : random.nextInt(10);
      switch (r) {
        case 0, 1 -> {
          out.append(random.nextBoolean() ? "" : " # c").append('\n');
          noise(indent + 2);
          int deeper = indent + 1 + random.nextInt(3);
          out.append(" ".repeat(deeper));
          mapping(deeper, depth + 1);
        }
        case 2 -> {
          out.append('\n');
          if (afterKey && random.nextBoolean()) {
            out.append(" ".repeat(indent)); // an indentless sequence
            sequence(indent, depth + 1);
          } else {
            int deeper = indent + 2;
            out.append(" ".repeat(deeper));
            sequence(deeper, depth + 1);
          }
        }
        case 3 -> {
          if (afterKey) {
            out.append('\n');
            int deeper = indent + 2;
            out.append(" ".repeat(deeper));
            sequence(deeper, depth + 1);
          } else {
            out.append(' '); // a compact mapping: "- key: value"
            mapping(indent + 2, depth + 1);
          }
        }
        case 4 -> out.append(random.nextBoolean() ? "\n" : " # empty\n");
        case 5 -> {
          out.append(random.nextBoolean() ? " |\n" : " |-\n");
          int lines = random.nextInt(3);
          for (int l = 0; l < lines; l++) {
            if (l > 0 && random.nextInt(4) == 0) {
              out.append('\n');
            }
            out.append(" ".repeat(indent + 2)).append("line ").append(l).append('\n');
          }
        }
        case 6 -> out.append(' ').append(flow(depth)).append(random.nextInt(4) == 0 ? " # c\n" : "\n");
        case 7 -> out.append(" \"quoted ").append(random.nextInt(99)).append("\"\n");
        default -> out.append(' ').append(scalar()).append(random.nextInt(5) == 0 ? "  # c\n" : "\n");
      }
    }

    /** A flow collection on one line, maybe nested, maybe empty, with random spacing. */
    private String flow(int depth) {
      boolean sequence = random.nextBoolean();
      int entries = random.nextInt(4);
      String space = random.nextInt(3) == 0 ? " " : "";
      StringBuilder flow = new StringBuilder(sequence ? "[" : "{").append(space);
      for (int e = 0; e < entries; e++) {
        if (e > 0) {
          flow.append(random.nextBoolean() ? ", " : " ,").append(space);
        }
        if (!sequence) {
          flow.append(key(e)).append(random.nextBoolean() ? ": " : " :  ");
        }
        flow.append(depth < 4 && random.nextInt(4) == 0 ? flow(depth + 1) : scalar());
      }
      return flow.append(space).append(sequence ? "]" : "}").toString();
    }

    private String scalar() {
      return switch (random.nextInt(6)) {
        case 0 -> String.valueOf(random.nextInt(1000) - 500);
        case 1 -> "true";
        case 2 -> "null";
        case 3 -> "'it''s'";
        default -> "plain value " + random.nextInt(9);
      };
    }

    private void sequence(int indent, int depth) {
      int items = 1 + random.nextInt(3);
      for (int i = 0; i < items; i++) {
        if (i > 0) {
          out.append(" ".repeat(indent));
        }
        out.append('-');
        value(indent, depth, false);
        if (i + 1 < items) {
          noise(indent);
        }
      }
    }
  }
}
