package io.meshplate.yaml;

import io.meshplate.Interned;
import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.yaml.SourceMap.Position;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The one YAML reader for everything a tenant or the platform team writes.
 *
 * <p>It works on parser events, never on a composed node graph, so aliases are never expanded
 * (no billion laughs) and nesting is bounded before anything recursive runs. It rejects, each
 * with its position: duplicate keys, anchors and aliases, merge keys ({@code <<}), explicit
 * tags, more than one document, non-scalar or null keys, and anything beyond {@link YamlLimits}.
 *
 * <p>Plain scalars resolve with the YAML 1.2 JSON schema: only {@code true}/{@code false} are
 * booleans, only {@code null}/{@code ~}/empty are null, {@code 0755} and {@code 1e3}-like
 * strings outside the JSON number grammar stay strings. {@code no}, {@code on}, {@code yes}
 * stay strings. Quoted scalars are always strings. Numbers become {@link Long}, {@link
 * BigInteger} or {@link BigDecimal}.
 *
 * <p>The result is a tree of {@code LinkedHashMap<String,Object>}, {@code ArrayList<Object>},
 * {@code String}, numbers, {@code Boolean} and {@code null}, in document order.
 */
public final class StrictYaml {
  private static final JsonScalarResolver RESOLVER = new JsonScalarResolver();

  /** A parsed document and the positions of its nodes. */
  public record Document(Object root, SourceMap positions) {
    /**
     * This document as a run holds it to its end: its tree {@link Frozen}, its positions sealed.
     * For the documents a run keeps (a run holds every descriptor's, and a review those of both
     * its sides); a document read once and dropped is not worth the copy.
     */
    public Document kept() {
      if (positions != null) {
        positions.seal();
      }
      return Frozen.is(root) ? this : new Document(Frozen.of(root), positions);
    }

    /** The root as a map; callers check shape through the schema first. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> rootMap() {
      return root instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The document and its positions as bytes, for a cache ({@link #decode}). */
    public byte[] encode() {
      return DocumentCodec.encode(this);
    }

    /**
     * A document {@link #encode}d before, its positions in {@code file}.
     *
     * @throws java.io.IOException the bytes are damaged
     */
    public static Document decode(String file, byte[] bytes) throws IOException {
      return DocumentCodec.decode(file, bytes);
    }
  }

  /**
   * The outcome of {@link #parse}: every problem found, and the document when the problems
   * leave its meaning intact (only duplicate keys, whose first value is kept), so that a caller
   * can still report schema and semantic problems of the same file in the same run.
   */
  public record Parsed(Optional<Document> document, List<Problem> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Rules after which the tree is still what the author meant, as far as it goes: the first of
   * two keys wins, and an item whose {@code - } is missing is left out.
   */
  private static final Set<String> RECOVERABLE = Set.of("YAML-DUPLICATE-KEY", "YAML-MISSING-DASH");

  private StrictYaml() {}

  /**
   * The JSON-schema tag of a plain scalar, as snakeyaml-engine's {@link JsonScalarResolver}
   * resolves it. Only scalars starting with one of {@code -0123456789.tfn} (or empty) can be
   * anything but a string; only numbers need the resolver's regular expressions.
   */
  private static String implicitTag(String value) {
    if (value.isEmpty()) {
      return "tag:yaml.org,2002:null";
    }
    switch (value.charAt(0)) {
      // The resolver registers booleans under t and f and null under n, nothing else: the
      // whole-word comparisons below are what its patterns ^(?:true|false)$ and ^(?:null)$ match.
      case 't', 'f' -> {
        return value.equals("true") || value.equals("false") ? "tag:yaml.org,2002:bool" : "tag:yaml.org,2002:str";
      }
      case 'n' -> {
        return value.equals("null") ? "tag:yaml.org,2002:null" : "tag:yaml.org,2002:str";
      }
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.' -> {
        // Ports, replicas and counts: the resolver's first pattern for these characters is the
        // integer ^-?(0|[1-9][0-9]*)$, and matching it by regular expression allocated some 70 MB
        // of matchers in a fresh-clone reach of 1,000 tenants. Anything else goes to the resolver.
        return isJsonInteger(value) ? "tag:yaml.org,2002:int" : RESOLVER.resolve(value, true).getValue();
      }
      default -> {
        return "tag:yaml.org,2002:str";
      }
    }
  }

  /** Whether {@code value} is what the JSON schema's integer pattern {@code -?(0|[1-9][0-9]*)} matches. */
  static boolean isJsonInteger(String value) {
    int start = value.startsWith("-") ? 1 : 0;
    int length = value.length() - start;
    if (length == 0 || length > 1 && value.charAt(start) == '0') {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** What {@link #plainScalar} returns for a number too long to write out. */
  static final Object OUT_OF_RANGE = new Object();

  /**
   * The value of a plain scalar under the YAML 1.2 JSON schema: null, a boolean, a {@link Long}
   * or {@link java.math.BigInteger}, a {@link BigDecimal} or the text itself; {@link
   * #OUT_OF_RANGE} for a number whose plain form would exceed the scalar limit (1e-999999999
   * is a short scalar whose plain form has a billion digits).
   */
  static Object plainScalar(String value, YamlLimits limits) {
    String tag = implicitTag(value);
    if (tag.endsWith(":null")) {
      return null;
    }
    if (tag.endsWith(":bool")) {
      return Boolean.valueOf(value);
    }
    if (tag.endsWith(":int")) {
      BigInteger big = new BigInteger(value);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (tag.endsWith(":float")) {
      try {
        BigDecimal number = new BigDecimal(value);
        long plainDigits = (long) number.precision() + Math.abs((long) number.scale());
        return plainDigits > limits.maxScalarLength() ? OUT_OF_RANGE : number;
      } catch (NumberFormatException e) {
        return value; // .inf / .nan: not numbers any descriptor field accepts
      }
    }
    return value;
  }

  /** True when a plain key is one the reader refuses: null-like or the merge key. */
  static boolean isRefusedPlainKey(String value) {
    return "<<".equals(value) || implicitTag(value).endsWith(":null");
  }

  /**
   * Parses one document.
   *
   * @param file the name printed in problems (relative to the project root)
   * @throws InvalidInputException with every problem found, each positioned
   */
  public static Document read(String file, byte[] content, YamlLimits limits) {
    Parsed parsed = parse(file, content, limits);
    if (!parsed.problems().isEmpty()) {
      throw new InvalidInputException(parsed.problems());
    }
    return parsed.document().orElseThrow();
  }

  /**
   * Parses one document without throwing: all problems, plus the document when only
   * recoverable problems (duplicate keys; the first value is kept) were found.
   *
   * @param file the name printed in problems (relative to the project root)
   */
  public static Parsed parse(String file, byte[] content, YamlLimits limits) {
    // A descriptor in the shapes the fast reader knows (nearly every one) is read there, with the
    // same tree and positions; anything else, every problem included, is the parser's.
    Document fast = TemplateOutputReader.readOneWithPositions(file, content, limits);
    if (fast != null) {
      return new Parsed(Optional.of(fast), List.of());
    }
    return parseWithParser(file, content, limits);
  }

  /** As {@link #parse}, always with the YAML parser (tests compare the two readers). */
  static Parsed parseWithParser(String file, byte[] content, YamlLimits limits) {
    if (content.length > limits.maxBytes()) {
      return new Parsed(Optional.empty(),
          List.of(
              new Problem(
                  file, 1, 1, "YAML-TOO-LARGE",
                  "file is larger than the limit of " + limits.maxBytes() + " bytes",
                  "split the file or remove unused content")));
    }
    String text;
    try {
      text = utf8(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return new Parsed(Optional.empty(),
          List.of(new Problem(file, 1, 1, "YAML-ENCODING", "file is not valid UTF-8",
              "save the file as UTF-8")));
    }
    return new Builder(file, limits).build(text);
  }

  /** Parses text already in memory (tests, rendered templates). */
  public static Document read(String file, String text, YamlLimits limits) {
    return read(file, text.getBytes(StandardCharsets.UTF_8), limits);
  }

  /**
   * Parses a stream of {@code ---}-separated documents (rendered templates), with the same
   * rules as {@link #read} except that several documents are allowed. Documents without content
   * (an empty stream, a bare {@code ---}) are skipped, so the result may be empty.
   *
   * @throws InvalidInputException with every problem found, each positioned in {@code text}
   */
  public static List<Document> readAll(String file, String text, YamlLimits limits) {
    return readAll(file, text, limits, true);
  }

  /**
   * As {@link #readAll(String, String, YamlLimits)}, for file content: refuses content that is
   * larger than the limit or not UTF-8, each with a positioned problem.
   */
  public static List<Document> readAll(String file, byte[] content, YamlLimits limits) {
    return List.copyOf(placed(file, content, limits, true));
  }

  /**
   * The positions of the documents of file content, as {@link #readAll(String, byte[], YamlLimits)}
   * gives them, for a reader that only cites lines: nothing of what it reads is {@link Interned}.
   *
   * @throws InvalidInputException the content is not YAML this reader accepts
   */
  public static List<SourceMap> positions(String file, byte[] content, YamlLimits limits) {
    return placed(file, content, limits, false).stream().map(Document::positions).toList();
  }

  /**
   * File content with positions: by the fast reader when it reads it ({@code shared}: interning
   * as the parser does), else by the parser.
   */
  private static List<Document> placed(String file, byte[] content, YamlLimits limits, boolean shared) {
    List<Document> fast = TemplateOutputReader.readWithPositions(file, content, limits, shared);
    return fast != null ? fast : parseAll(file, text(file, content, limits), limits, true);
  }

  /**
   * The text of file content, as {@link #readAll(String, byte[], YamlLimits)} reads it.
   *
   * @throws InvalidInputException the content is larger than the limit or not UTF-8
   */
  public static String text(String file, byte[] content, YamlLimits limits) {
    if (content.length > limits.maxBytes()) {
      throw new InvalidInputException(List.of(new Problem(file, 1, 1, "YAML-TOO-LARGE",
          "file is larger than the limit of " + limits.maxBytes() + " bytes", "split the file")));
    }
    try {
      return utf8(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(List.of(new Problem(file, 1, 1, "YAML-ENCODING",
          "file is not valid UTF-8", "save the file as UTF-8")));
    }
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The characters of {@code bytes}, strictly UTF-8: a malformed byte is an error, never U+FFFD. */
  static CharBuffer utf8(ByteBuffer bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(bytes);
  }

  /**
   * As {@link #readAll(String, String, YamlLimits)}; without {@code positions} the parser keeps
   * no positions at all (problems are then placed at 1:1; read again with positions to place
   * them), which is all a check of generated text needs and much cheaper.
   */
  public static List<Document> readAll(String file, String text, YamlLimits limits, boolean positions) {
    if (text.length() > limits.maxBytes()) {
      throw new InvalidInputException(
          List.of(new Problem(file, 1, 1, "YAML-TOO-LARGE",
              "text has " + text.length() + " characters, the limit is " + limits.maxBytes(),
              "split the output")));
    }
    if (positions && ascii(text)) {
      // Most YAML a run reads with positions is meshplate's own output: the fast reader gives the
      // same documents with the same positions, or declines and the parser below reads it.
      List<Document> fast = TemplateOutputReader.readWithPositions(file, text.getBytes(StandardCharsets.ISO_8859_1),
          limits);
      if (fast != null) {
        return List.copyOf(fast);
      }
    }
    return parseAll(file, text, limits, positions);
  }

  /** As {@link #readAll(String, String, YamlLimits, boolean)}, always with the YAML parser (tests compare the two readers). */
  static List<Document> parseAll(String file, String text, YamlLimits limits, boolean positions) {
    Builder builder = new Builder(file, limits);
    builder.trackPositions = positions;
    return builder.buildAll(text);
  }

  private static final class Builder {
    private final String file;
    private final YamlLimits limits;
    private SourceMap positions;
    private boolean trackPositions = true;
    private String source;
    private String[] sourceLines;
    private final List<Problem> problems = new ArrayList<>();
    private int nodes;
    private String text;

    Builder(String file, YamlLimits limits) {
      this.file = file;
      this.limits = limits;
      this.positions = new SourceMap(file);
    }

    List<Document> buildAll(String text) {
      this.source = text;
      ParserImpl parser = parser(text);
      List<Document> documents = new ArrayList<>();
      try {
        while (parser.hasNext()) {
          Event event = parser.next();
          switch (event.getEventId()) {
            case DocumentStart -> {
              positions = new SourceMap(file);
              nodes = 0; // the node limit holds per document
            }
            case Scalar, MappingStart, SequenceStart, Alias -> {
              Object root = node(parser, event, "", 1);
              if (root != null) {
                documents.add(new Document(root, positions));
              }
            }
            default -> {
              // StreamStart, DocumentEnd, StreamEnd carry nothing for the tree.
            }
          }
        }
      } catch (YamlEngineException e) {
        syntaxProblem(e);
      } catch (LimitReached e) {
        // already recorded; stop reading
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      return List.copyOf(documents);
    }

    private ParserImpl parser(String text) {
      this.text = text;
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(file)
              .setAllowDuplicateKeys(true) // detected here, with both positions
              .setMaxAliasesForCollections(0)
              .setCodePointLimit(Math.max(limits.maxBytes(), 1))
              .setParseComments(false)
              .setUseMarks(trackPositions)
              .build();
      return new ParserImpl(settings, new StreamReader(settings, new StringReader(text)));
    }

    Parsed build(String text) {
      this.source = text;
      ParserImpl parser = parser(text);
      Object root = null;
      int documents = 0;
      try {
        while (parser.hasNext()) {
          Event event = parser.next();
          switch (event.getEventId()) {
            case DocumentStart -> {
              documents++;
              if (documents > 1) {
                problem(event, "YAML-MULTI-DOCUMENT", "more than one YAML document in the file",
                    "keep one document per file; remove the '---' separator");
                return finish(root);
              }
            }
            case Scalar, MappingStart, SequenceStart, Alias -> root = node(parser, event, "", 1);
            default -> {
              // StreamStart, DocumentEnd, StreamEnd carry nothing for the tree.
            }
          }
        }
      } catch (YamlEngineException e) {
        syntaxProblem(e);
      } catch (LimitReached e) {
        // already recorded; stop reading
      }
      if (documents == 0 && problems.isEmpty()) {
        problems.add(new Problem(file, 1, 1, "YAML-EMPTY", "file contains no YAML document",
            "write the descriptor's apiVersion, kind, metadata and spec"));
      }
      return finish(root);
    }

    private Position codePointPosition(int index) {
      if (text == null) {
        return new Position(1, 1);
      }
      int line = 1;
      int column = 1;
      int seen = 0;
      for (int i = 0; i < text.length() && seen < index; i += Character.charCount(text.codePointAt(i)), seen++) {
        if (text.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return new Position(line, column);
    }

    private void syntaxProblem(YamlEngineException e) {
      if (e instanceof MarkedYamlEngineException marked) {
        SyntaxAdvice.Advice advice = new SyntaxAdvice(text == null ? "" : text).of(marked);
        problems.add(new Problem(file, advice.at().line(), advice.at().column(), "YAML-SYNTAX",
            advice.message(), advice.hint()));
      } else if (e instanceof ReaderException unreadable) {
        // Raised while reading characters (NUL and other non-printable ones); its position is
        // an index in code points, turned into line and column here so the problem is findable.
        Position at = new SyntaxAdvice(text == null ? "" : text).clamp(codePointPosition(unreadable.getPosition()));
        problems.add(new Problem(file, at.line(), at.column(), "YAML-SYNTAX",
            "character " + String.format(Locale.ROOT, "U+%04X", unreadable.getCodePoint())
                + " is not allowed in YAML",
            "remove it; write control characters as escapes inside double quotes, e.g. \\t"));
      } else {
        problems.add(new Problem(file, 1, 1, "YAML-SYNTAX", oneLine(e.getMessage()), null));
      }
    }

    private Parsed finish(Object root) {
      boolean intact = problems.stream().allMatch(p -> RECOVERABLE.contains(p.rule()));
      return new Parsed(
          intact ? Optional.of(new Document(root, positions)) : Optional.empty(), problems);
    }

    private Object node(ParserImpl parser, Event event, String pointer, int depth) {
      return node(parser, event, pointer, depth, false);
    }

    /** @param listItem the node is an item of a sequence (for the missing-dash advice) */
    private Object node(ParserImpl parser, Event event, String pointer, int depth, boolean listItem) {
      if (++nodes > limits.maxNodes()) {
        problem(event, "YAML-TOO-MANY-NODES",
            "document has more than " + limits.maxNodes() + " nodes", "shorten the document");
        throw new LimitReached();
      }
      if (depth > limits.maxDepth()) {
        problem(event, "YAML-TOO-DEEP", "nesting deeper than " + limits.maxDepth() + " levels",
            "flatten the structure");
        throw new LimitReached();
      }
      if (trackPositions || depth == 1) {
        positions.putValue(pointer, position(event.getStartMark()));
      }
      if (event.getEventId() != Event.ID.Alias
          && event instanceof NodeEvent ne
          && ne.getAnchor().isPresent()) {
        problem(event, "YAML-ANCHOR", "anchors ('&" + ne.getAnchor().get() + "') are not allowed",
            "write the value out in full");
      }
      switch (event.getEventId()) {
        case Alias -> {
          problem(event, "YAML-ALIAS", "aliases ('*') are not allowed", "write the value out in full");
          return null;
        }
        case Scalar -> {
          if (trackPositions) {
            recordBlockContent((ScalarEvent) event, pointer);
          }
          return scalar((ScalarEvent) event);
        }
        case SequenceStart -> {
          rejectTag(event, tagOf(event));
          List<Object> list = new ArrayList<>();
          while (true) {
            Event next = parser.next();
            if (next.getEventId() == Event.ID.SequenceEnd) {
              return list;
            }
            list.add(node(parser, next,
                trackPositions ? SourceMap.child(pointer, list.size()) : pointer, depth + 1, true));
          }
        }
        case MappingStart -> {
          rejectTag(event, tagOf(event));
          Map<String, Object> map = new LinkedHashMap<>();
          String firstKey = null;
          boolean missingDash = false;
          while (true) {
            Event keyEvent = parser.next();
            if (keyEvent.getEventId() == Event.ID.MappingEnd) {
              return map;
            }
            String key = key(parser, keyEvent, pointer, depth);
            firstKey = firstKey == null ? key : firstKey;
            Event valueEvent = parser.next();
            String childPointer = !trackPositions ? pointer
                : key == null ? pointer + "/~invalid" : SourceMap.child(pointer, key);
            if (key != null && map.containsKey(key)) {
              if (listItem && key.equals(firstKey) && !missingDash) {
                // The item's first key again, at the same indentation: a second item whose
                // "- " is missing, not a key written twice. Its other keys repeat too; that is
                // the same mistake, reported once.
                missingDash = true;
                problem(keyEvent, "YAML-MISSING-DASH",
                    "'" + Messages.escape(key) + "' starts a new list item here, but the line has no '- ', so YAML"
                        + " reads it as a second '" + Messages.escape(key) + "' of the item above",
                    "write '- ' before '" + Messages.escape(key) + ":' to start the new item");
              } else if (!missingDash) {
                String first = trackPositions ? " (first at line " + positions.key(childPointer).line() + ")" : "";
                problem(keyEvent, "YAML-DUPLICATE-KEY",
                    "duplicate key '" + Messages.escape(key) + "'" + first,
                    "remove one of the two entries");
              }
              node(parser, valueEvent, pointer + "/~duplicate", depth + 1);
              continue;
            }
            if (key != null && trackPositions) {
              positions.putKey(childPointer, position(keyEvent.getStartMark()));
            }
            Object value = node(parser, valueEvent, childPointer, depth + 1);
            if (key != null) {
              map.put(key, value);
            }
          }
        }
        default -> throw new IllegalStateException("unexpected YAML event " + event.getEventId());
      }
    }

    private String key(ParserImpl parser, Event keyEvent, String pointer, int depth) {
      if (!(keyEvent instanceof ScalarEvent scalar)) {
        problem(keyEvent, "YAML-COMPLEX-KEY", "map keys must be plain strings",
            "use a simple name as the key");
        node(parser, keyEvent, pointer + "/~key", depth + 1);
        return null;
      }
      if (scalar.getAnchor().isPresent()) {
        problem(keyEvent, "YAML-ANCHOR", "anchors are not allowed", "write the key out in full");
      }
      rejectTag(keyEvent, scalar.getTag());
      String value = scalar.getValue();
      if (scalar.isPlain() && "<<".equals(value)) {
        problem(keyEvent, "YAML-MERGE-KEY", "merge keys ('<<') are not allowed",
            "write the merged entries out in full");
        return null;
      }
      if (scalar.isPlain() && implicitTag(value).endsWith(":null")) {
        problem(keyEvent, "YAML-COMPLEX-KEY", "map keys must not be null or empty",
            "give the entry a name");
        return null;
      }
      if (value.length() > limits.maxScalarLength()) {
        problem(keyEvent, "YAML-SCALAR-TOO-LONG", "key longer than " + limits.maxScalarLength()
            + " characters", "shorten it");
        return null;
      }
      return Interned.of(value);
    }

    /**
     * For a block scalar ({@code |} or {@code >}), where its text starts: the line after the
     * indicator and the column of the first non-blank content line, so that problems found inside
     * text embedded in YAML (an overlay's {@code patch: |-}) can be placed exactly.
     */
    private void recordBlockContent(ScalarEvent event, String pointer) {
      ScalarStyle style = event.getScalarStyle();
      if ((style != ScalarStyle.LITERAL && style != ScalarStyle.FOLDED) || source == null
          || event.getStartMark().isEmpty()) {
        return;
      }
      if (sourceLines == null) {
        sourceLines = source.split("\r?\n", -1);
      }
      int indicatorLine = event.getStartMark().get().getLine();
      for (int i = indicatorLine + 1; i < sourceLines.length; i++) {
        String line = sourceLines[i];
        if (!line.isBlank()) {
          int indent = line.length() - line.stripLeading().length();
          positions.putBlockContent(pointer, new Position(indicatorLine + 2, indent + 1));
          return;
        }
      }
    }

    private Object scalar(ScalarEvent event) {
      rejectTag(event, event.getTag());
      String value = event.getValue();
      if (value.length() > limits.maxScalarLength()) {
        problem(event, "YAML-SCALAR-TOO-LONG",
            "value longer than " + limits.maxScalarLength() + " characters", "shorten it");
        return null;
      }
      if (event.getScalarStyle() != ScalarStyle.PLAIN) {
        return Interned.scalar(value);
      }
      Object typed = plainScalar(value, limits);
      if (typed == OUT_OF_RANGE) {
        problem(event, "YAML-NUMBER-RANGE", "the number " + Messages.escape(value)
                + " has more than " + limits.maxScalarLength() + " digits when written out",
            "write a number of ordinary size, e.g. 0.5 or 1000");
        return null;
      }
      return typed instanceof String text ? Interned.scalar(text) : typed;
    }

    private static Optional<String> tagOf(Event event) {
      if (event instanceof CollectionStartEvent c) {
        return c.getTag();
      }
      return Optional.empty();
    }

    private void rejectTag(Event event, Optional<String> tag) {
      if (tag.isPresent() && !"!".equals(tag.get())) {
        problem(event, "YAML-TAG", "explicit tags ('" + Messages.escape(tag.get()) + "') are not allowed",
            "remove the tag; write the plain value");
      }
    }

    private void problem(Event event, String rule, String message, String hint) {
      Position at = position(event.getStartMark());
      problems.add(new Problem(file, at.line(), at.column(), rule, message, hint));
    }

    private static Position position(Optional<Mark> mark) {
      return mark.map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(new Position(1, 1));
    }

    private static String oneLine(String message) {
      return Messages.escape(message.strip().replaceAll("\\s*\\R\\s*", " "));
    }
  }

  /** Unwinds the parse once a limit is hit; the problem is already recorded. */
  private static final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitReached() {
      super(null, null, false, false);
    }
  }

}
