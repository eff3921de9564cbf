package io.meshplate.yaml;

import io.meshplate.Interned;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Reads the YAML that templates print, fast: block mappings and sequences (also indentless
 * sequences and {@code - key: value} items), single-line plain, double- and single-quoted
 * scalars, literal block scalars ({@code |} and {@code |-}), flow sequences and mappings that
 * close on the line they open ({@code [GET, HEAD]}, {@code {name: http, port: 8080}}),
 * comments and {@code ---} separators. That is what every template writes (auto-escaping turns
 * every interpolated value into a double-quoted scalar), and what descriptors are written in.
 *
 * <p>The result is exactly what {@link StrictYaml#readAll(String, String, YamlLimits, boolean)}
 * gives for the same text: the same tree types, the same JSON-schema typing of plain scalars,
 * documents without content left out. Anything outside the subset, and anything the strict
 * reader would refuse (duplicate keys, limits, control characters, a continued line), is not
 * interpreted here: {@link #read} returns null and the caller reads the text with {@link
 * StrictYaml}, which accepts or refuses it with positions. A parser per call; what is shared is
 * the plain scalars read before ({@link ScalarCache}), which are immutable.
 *
 * <p>It reads UTF-8 bytes: a file's content as read, or a template's output encoded once. Every
 * character the subset gives meaning to is ASCII, and in UTF-8 no byte of a longer character is
 * an ASCII byte, so the bytes are scanned as they are and only the strings the tree holds are
 * decoded. Reading characters instead cost a file two more copies, the decoded string and its
 * characters widened to two bytes each: on a fresh clone of 1,000 tenants, {@code meshplate reach}
 * allocated about 1.9 GB, some 0.2 GB of it in those copies (68 young collections, 62 without).
 *
 * <p>It can also keep where each node starts ({@link #readWithPositions}), for {@link StrictYaml}
 * to read ASCII text with positions without its parser: the same {@link SourceMap} entries, value,
 * key and block-scalar text, at the same lines and columns.
 */
public final class TemplateOutputReader {
  /** Signals "outside the subset": unwinds without a stack trace. */
  private static final class Outside extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Outside() {
      super(null, null, false, false);
    }
  }

  private static final Outside OUTSIDE = new Outside();

  /** Plain keys read before (checked: not null-like, not the merge key), as {@link String#intern} gives them. */
  private static final ScalarCache KEYS = new ScalarCache(2048);
  /** Plain values read before, typed as {@link StrictYaml#plainScalar} types them. */
  private static final ScalarCache VALUES = new ScalarCache(16384);
  /**
   * The apiVersions and kinds {@link #plainField} read before, as text (untyped): the few that
   * recur at the top of every document.
   */
  private static final ScalarCache FIELDS = new ScalarCache(512);

  /** UTF-8. */
  private final byte[] text;
  /**
   * How the strings of the tree are decoded: ISO-8859-1 (a plain copy) until a byte that is not
   * ASCII is met, UTF-8 from then on ({@link #endOfLine}).
   */
  private Charset charset = StandardCharsets.ISO_8859_1;
  private final YamlLimits limits;
  /** Documents not to build, by apiVersion and kind; null: build every document. */
  private final BiPredicate<String, String> skip;
  /** Whether keys and short string values are {@link Interned}, as the strict reader does. */
  private final boolean shared;
  /**
   * Whether mappings and sequences are built {@link Frozen} (immutable, an array each) rather than
   * as a {@link LinkedHashMap} and an {@link ArrayList}: for a tree read only, such as the objects
   * the connectivity model reads (a table of 16 slots and an entry object per key were a seventh
   * of what a fresh-clone reach of 1,000 tenants allocates).
   */
  private final boolean frozen;
  /**
   * The entries of the collections being read, innermost last: a collection's keys and values (or
   * items) are pushed as they are read, above those of the collections that hold it, and copied
   * out into one array of the right size when it ends.
   */
  private Object[] stack = new Object[16];
  private int top;
  private int lineStart;
  private int lineEnd;
  private int col;
  private boolean eof;
  private boolean separator;
  /** Whether any {@code ---} line was met. */
  private boolean separators;
  private int nodes;
  /**
   * The {@link ScalarCache} hash of the text {@link #keyEnd} or {@link #plainEnd} scanned last,
   * {@code [scannedFrom, scannedTo)}, folded in by that scan: the key or value it ends is looked
   * up without reading its bytes a second time (that second pass was an eighth of the parse).
   */
  private int scannedFrom = -1;
  private int scannedTo = -1;
  private int scannedHash;
  /**
   * Where each node of the document being read starts, when the reader records positions
   * ({@link #readWithPositions}); null otherwise, and then no pointer is built either.
   */
  private SourceMap positions;
  /** The file the positions name. */
  private String file;
  /** The positions of each document read, in order: null when the reader keeps no positions. */
  private List<SourceMap> documentPositions;
  /** Positions are counted forward: the line of offset {@link #countedTo} (1-based) and where that line starts. */
  private int countedTo;
  private int countedLine = 1;
  private int countedLineStart;

  private TemplateOutputReader(byte[] text, YamlLimits limits, BiPredicate<String, String> skip, boolean shared,
      boolean frozen) {
    this.text = text;
    this.limits = limits;
    this.skip = skip;
    this.shared = shared;
    this.frozen = frozen;
  }

  /**
   * The roots of the documents of {@code text} that have content, or null when the text is not
   * inside the subset (then read it with {@link StrictYaml}).
   */
  public static List<Object> read(String text, YamlLimits limits) {
    if (text.length() > limits.maxBytes()) {
      return null;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    // Encoding writes '?' for a surrogate without its pair, which the strict reader refuses: the
    // text is looked at for one only when its bytes hold a '?' (rare in manifests).
    if (contains(utf8, (byte) '?') && unpairedSurrogate(text)) {
      return null;
    }
    return read(utf8, limits, null, false, false);
  }

  /** As {@link #read(String, YamlLimits)}, for UTF-8 content: null also when it is not valid UTF-8. */
  public static List<Object> read(byte[] utf8, YamlLimits limits) {
    return read(utf8, limits, null, false, false);
  }

  /**
   * As {@link #read(byte[], YamlLimits)}, for trees a run holds (every file of a review's side):
   * keys and short string values are {@link Interned}, as {@link StrictYaml} gives them, so the
   * strings that recur in every tenant's files are held once, and the trees are {@link Frozen},
   * as a review holds them. A reader whose trees are dropped once used does not pay for the lookups.
   */
  public static List<Object> readShared(byte[] utf8, YamlLimits limits) {
    return read(utf8, limits, null, true, true);
  }

  private static List<Object> read(byte[] utf8, YamlLimits limits, BiPredicate<String, String> skip, boolean shared,
      boolean frozen) {
    if (utf8.length > limits.maxBytes()) {
      return null;
    }
    TemplateOutputReader reader = new TemplateOutputReader(utf8, limits, skip, shared, frozen);
    return reader.documents();
  }

  /**
   * The documents of {@code utf8} with the positions of their nodes, exactly as {@link
   * StrictYaml#readAll(String, String, YamlLimits)} gives them (trees, keys and short strings
   * {@link Interned}, and every position of their {@link SourceMap}s), or null when the text is not
   * inside the subset or not ASCII: the strict reader counts columns in characters and treats some
   * characters beyond ASCII as line breaks, which this reader leaves to it. Most output files, and
   * every file meshplate writes from ASCII values, are read here: citing the lines of a report's
   * flows, a review and a schema check read thousands of them.
   *
   * @param file the name the positions carry
   */
  static List<StrictYaml.Document> readWithPositions(String file, byte[] utf8, YamlLimits limits) {
    return readWithPositions(file, utf8, limits, true);
  }

  /**
   * As {@link #readWithPositions(String, byte[], YamlLimits)}; without {@code shared}, nothing is
   * {@link Interned} (neither the tree's strings nor the pointers), for a read whose result is
   * dropped once used.
   */
  static List<StrictYaml.Document> readWithPositions(String file, byte[] utf8, YamlLimits limits, boolean shared) {
    TemplateOutputReader reader = placing(file, utf8, limits, shared);
    List<Object> roots = reader == null ? null : reader.documents();
    if (roots == null) {
      return null;
    }
    List<StrictYaml.Document> documents = new ArrayList<>(roots.size());
    for (int i = 0; i < roots.size(); i++) {
      documents.add(new StrictYaml.Document(roots.get(i), reader.documentPositions.get(i)));
    }
    return documents;
  }

  /**
   * The one document of {@code utf8} with its positions, as {@link StrictYaml#parse} gives a
   * document without problems, or null: outside the subset, not ASCII, or anything but one document
   * without a {@code ---} line (the parser counts documents its own way, and refuses a second).
   */
  static StrictYaml.Document readOneWithPositions(String file, byte[] utf8, YamlLimits limits) {
    TemplateOutputReader reader = placing(file, utf8, limits, true);
    List<Object> roots = reader == null ? null : reader.documents();
    if (roots == null || roots.size() != 1 || reader.separators) {
      return null;
    }
    return new StrictYaml.Document(roots.get(0), reader.documentPositions.get(0));
  }

  /** A reader that keeps positions, or null when the text is over the size limit. */
  private static TemplateOutputReader placing(String file, byte[] utf8, YamlLimits limits, boolean shared) {
    if (utf8.length > limits.maxBytes()) {
      return null;
    }
    TemplateOutputReader reader = new TemplateOutputReader(utf8, limits, null, shared, false);
    reader.file = file;
    reader.documentPositions = new ArrayList<>();
    return reader;
  }

  /** Records that the node at {@code pointer} starts at {@code offset}, when positions are kept. */
  private void markValue(String pointer, int offset) {
    if (positions != null) {
      positions.putValue(pointer, at(offset));
    }
  }

  /**
   * The position of {@code offset}: line and column, both 1-based, the column in bytes, which in
   * ASCII text (the only text read with positions) are characters. Offsets are asked for in the
   * order they occur, so the lines are counted in one pass over the text.
   */
  private SourceMap.Position at(int offset) {
    if (offset < countedTo) { // not expected (nodes are met in order); counted again from the start if so
      countedTo = 0;
      countedLine = 1;
      countedLineStart = 0;
    }
    byte[] bytes = text;
    for (int i = countedTo; i < offset; i++) {
      if (bytes[i] == '\n') {
        countedLine++;
        countedLineStart = i + 1;
      }
    }
    countedTo = offset;
    return new SourceMap.Position(countedLine, offset - countedLineStart + 1);
  }

  /** The pointer of a child, when positions are kept; null (and nothing built) otherwise. */
  private String child(String pointer, String key) {
    return positions == null ? null : SourceMap.child(pointer, key);
  }

  private String child(String pointer, int index) {
    return positions == null ? null : SourceMap.child(pointer, index);
  }

  /**
   * Records where the text of a literal block scalar starts, as the strict reader does: on the line
   * after its indicator's (at {@code indicator}), at the column of the first line after it that is
   * not blank, whose leading spaces are {@code spaces} (wherever that line is, even one that ends
   * the block). {@link #literal} calls it when it meets that line.
   */
  private void markBlockContent(String pointer, int indicator, int spaces) {
    if (positions != null) {
      positions.putBlockContent(pointer, new SourceMap.Position(at(indicator).line() + 1, spaces + 1));
    }
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte each : bytes) {
      if (each == b) {
        return true;
      }
    }
    return false;
  }

  private static boolean unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The roots of the documents of meshplate's own YAML ({@code file} names it in errors): with
   * this reader, or with {@link StrictYaml} without positions for anything outside its subset.
   *
   * @throws io.meshplate.InvalidInputException the text is not YAML the strict reader accepts
   */
  public static List<Object> readRoots(String file, String text, YamlLimits limits) {
    List<Object> roots = read(text, limits);
    return roots != null ? roots : strict(file, text, limits);
  }

  /**
   * The roots of the documents of a file of {@code output/}, decoded as UTF-8 (a malformed byte
   * becomes U+FFFD for the strict reader), for a reader that needs only some kinds of
   * object: a document whose kind {@code skip} accepts is not built, its root is a map of its
   * {@code apiVersion} and {@code kind} alone. Only a document that states each of the two once,
   * as a plain {@code key: value} line at column 0, among other plain keys at column 0, is
   * recognised (anything else, a quoted or repeated key for instance, is read in full), and only
   * in text inside this reader's subset: it is still scanned line by line for what the subset
   * leaves out. Text outside the subset is read in full by {@link StrictYaml}.
   *
   * @param skip takes a document's apiVersion and kind
   */
  public static List<Object> readRoots(String file, byte[] utf8, YamlLimits limits, BiPredicate<String, String> skip) {
    List<Object> roots = read(utf8, limits, skip, false, true);
    return roots != null ? roots : strict(file, new String(utf8, StandardCharsets.UTF_8), limits);
  }

  private static List<Object> strict(String file, String text, YamlLimits limits) {
    List<Object> strict = new ArrayList<>();
    for (StrictYaml.Document document : StrictYaml.readAll(file, text, limits, false)) {
      strict.add(document.root());
    }
    return strict;
  }

  /**
   * Where the line starting at {@code from} ends (its {@code '\n'}, or the end of the text),
   * checking its bytes on the way: no tab, carriage return, BOM or character YAML does not allow,
   * and valid UTF-8. Every way from one line to the next goes through here, so every byte of a
   * text read to its end has been checked once, in the same pass that finds the lines (a pass of
   * its own before was 2.5% of a fresh-clone reach). The first byte that is not ASCII hands the
   * rest of the text to the JDK's decoder (most files never have one): strings decoded before it
   * are ASCII, which both charsets decode alike.
   */
  private int endOfLine(int from) {
    byte[] bytes = text;
    for (int i = from; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b >= 0x20 && b < 0x7f) {
        continue; // printable ASCII: nearly every byte, decided by the first two comparisons
      }
      if (b == '\n') {
        return i;
      }
      if (b >= 0 || documentPositions != null && !placedBeside(from, i)
          || charset != StandardCharsets.UTF_8 && !allowedCharacters(i)) {
        throw OUTSIDE;
      }
    }
    return bytes.length;
  }

  /**
   * Whether positions stay exact beside the byte at {@code at}, not ASCII, of the line starting at
   * {@code from}. The parser counts columns in characters, so a node after such a character on
   * its line would be placed elsewhere; none follows one on a line whose first character is a
   * {@code #}: a comment, or a line of a block scalar's text. Lines are counted alike unless the
   * character is a line or paragraph separator (U+2028, U+2029), which this declines. A platform
   * file's comments may name a section or a city: read here, the file never starts the parser.
   */
  private boolean placedBeside(int from, int at) {
    int first = from;
    while (first < at && text[first] == ' ') {
      first++;
    }
    if (first == at || text[first] != '#') {
      return false;
    }
    boolean separator = text[at] == (byte) 0xE2 && at + 2 < text.length && text[at + 1] == (byte) 0x80
        && (text[at + 2] == (byte) 0xA8 || text[at + 2] == (byte) 0xA9);
    return !separator;
  }

  /** Whether the text from {@code from} (a character's first byte) is UTF-8 of allowed characters only. */
  private boolean allowedCharacters(int from) {
    CharBuffer chars;
    try {
      chars = StrictYaml.utf8(ByteBuffer.wrap(text, from, text.length - from));
    } catch (CharacterCodingException e) {
      return false;
    }
    for (int i = chars.position(); i < chars.limit(); i++) {
      char c = chars.get(i);
      if (c >= 0x20 && c < 0x7f || c == '\n') {
        continue;
      }
      if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0xfeff || c >= 0xfffe) {
        return false; // a decoder gives surrogates only in pairs
      }
    }
    charset = StandardCharsets.UTF_8;
    return true;
  }

  /** The documents, or null at the first thing outside the subset. */
  private List<Object> documents() {
    try {
      return documentsOrOutside();
    } catch (Outside outside) {
      return null;
    }
  }

  private List<Object> documentsOrOutside() {
    List<Object> documents = new ArrayList<>();
    lineEnd = -1;
    nextLine();
    while (!eof) {
      if (separator) {
        separator = false;
        nextLine();
        continue;
      }
      if (col != 0) {
        throw OUTSIDE;
      }
      nodes = 0;
      if (documentPositions != null) {
        positions = new SourceMap(file, shared);
        documentPositions.add(positions);
      }
      Object root = skip == null ? null : skipped();
      if (root == null) {
        root = block(0, 1, positions == null ? null : "");
      }
      if (!eof && !separator) {
        throw OUTSIDE;
      }
      documents.add(root);
    }
    return documents;
  }

  /**
   * When the document starting on this line is one to skip: its apiVersion and kind, the lines
   * up to the next document consumed. Null (nothing consumed) otherwise.
   */
  private Map<String, Object> skipped() {
    String apiVersion = null;
    String kind = null;
    int at = lineStart;
    while (at < text.length) {
      int end = endOfLine(at);
      byte first = at == end ? (byte) ' ' : text[at];
      if (first == '-' && at + 3 <= end && text[at + 1] == '-' && text[at + 2] == '-' && blank(at + 3, end)) {
        break; // the next document
      }
      if (first != ' ' && first != '#') {
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
          return null; // a quoted, explicit or flow key, an anchor, a tag, a directive: read it
        }
        String apiValue = plainField(at, end, "apiVersion");
        String kindValue = plainField(at, end, "kind");
        if (apiValue != null && apiVersion == null) {
          apiVersion = apiValue;
        } else if (kindValue != null && kind == null) {
          kind = kindValue;
        } else if (startsWith(at, "apiVersion") || startsWith(at, "kind")) {
          return null; // repeated, or written another way
        }
        if (apiVersion != null && kind != null && !skip.test(apiVersion, kind)) {
          return null; // a document to build: the parser does the rest
        }
      }
      at = end + 1;
    }
    if (apiVersion == null || kind == null || !skip.test(apiVersion, kind)) {
      return null;
    }
    // Every byte up to the next document's separator line (or the end) has been checked by the
    // loop above, which stopped at that line's start (or just past the end): the next line read is
    // that separator, so the document is not scanned twice.
    lineEnd = at - 1;
    nextLine();
    push("apiVersion");
    push(apiVersion);
    push("kind");
    push(kind);
    return mappingFrom(top - 4);
  }

  private boolean blank(int from, int end) {
    for (int i = from; i < end; i++) {
      if (text[i] != ' ') {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of a line that is exactly {@code key: value} with a plain value of letters, digits,
   * dots, dashes and slashes (what a kind and an apiVersion are), or null.
   */
  private String plainField(int at, int end, String key) {
    int from = at + key.length() + 2;
    if (from >= end || !startsWith(at, key) || text[from - 2] != ':' || text[from - 1] != ' ') {
      return null;
    }
    for (int i = from; i < end; i++) {
      byte c = text[i];
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '/')) {
        return null;
      }
    }
    int hash = ScalarCache.hash(text, from, end);
    Object known = hash < 0 ? ScalarCache.MISS : FIELDS.get(text, from, end, hash);
    if (known != ScalarCache.MISS) {
      return (String) known;
    }
    String value = string(from, end);
    if (hash >= 0) {
      FIELDS.put(text, from, end, hash, value);
    }
    return value;
  }

  // ---- lines ---------------------------------------------------------------------------------

  /** Moves to the next line with content (blank and comment lines are skipped). */
  private void nextLine() {
    while (true) {
      lineStart = lineEnd + 1;
      if (lineStart > text.length || lineStart == text.length) {
        eof = true;
        return;
      }
      lineEnd = endOfLine(lineStart);
      int indent = lineStart;
      while (indent < lineEnd && text[indent] == ' ') {
        indent++;
      }
      if (indent == lineEnd || text[indent] == '#') {
        continue;
      }
      col = indent - lineStart;
      if (col == 0 && startsWith(lineStart, "---") && restIsEmpty(lineStart + 3)) {
        separator = true;
        separators = true;
      } else if (col == 0 && startsWith(lineStart, "...") || col == 0 && text[lineStart] == '%') {
        throw OUTSIDE;
      } else {
        separator = false;
      }
      return;
    }
  }

  private boolean startsWith(int at, String prefix) {
    if (at + prefix.length() > text.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (text[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String string(int from, int to) {
    return new String(text, from, to - from, charset);
  }

  /**
   * {@code to} without the spaces before it. The only whitespace a line of this subset holds is
   * the space ({@link #endOfLine} refuses tabs and control characters); text that ends in a wider
   * space character is not ASCII, which {@link ScalarCache} does not keep, and is trimmed whole by
   * {@link String#stripTrailing}.
   */
  private int trimmed(int from, int to) {
    int end = to;
    while (end > from && text[end - 1] == ' ') {
      end--;
    }
    return end;
  }

  /** True when only spaces, and maybe a comment after one, remain on the line from {@code at}. */
  private boolean restIsEmpty(int at) {
    int i = skipSpaces(at);
    return i == lineEnd || text[i] == '#' && i > at;
  }

  private int position() {
    return lineStart + col;
  }

  private boolean atDash() {
    int at = position();
    return text[at] == '-' && (at + 1 == lineEnd || text[at + 1] == ' ');
  }

  private boolean atBlockEnd(int indent) {
    return eof || separator || col != indent;
  }

  // ---- blocks --------------------------------------------------------------------------------

  // Each node method takes the node's JSON pointer, null when no positions are kept.

  private Object block(int indent, int depth, String pointer) {
    if (atDash()) {
      return sequence(indent, depth, pointer);
    }
    return mapping(indent, depth, pointer);
  }

  private List<Object> sequence(int indent, int depth, String pointer) {
    count(depth);
    markValue(pointer, position());
    int start = top;
    while (!atBlockEnd(indent) && atDash()) {
      int dash = position();
      int content = skipSpaces(dash + 1);
      String itemPointer = child(pointer, top - start);
      if (content == lineEnd || text[content] == '#') {
        // An item without content on the dash's line: the strict reader places an empty one just after the dash.
        SourceMap.Position afterDash = positions == null ? null : at(dash + 1);
        nextLine();
        if (!eof && !separator && col > indent) {
          push(block(col, depth + 1, itemPointer));
        } else {
          push(empty(depth + 1, itemPointer, afterDash));
        }
      } else {
        col = content - lineStart;
        push(item(col, indent, depth + 1, itemPointer));
      }
      if (!eof && !separator && col > indent) {
        throw OUTSIDE;
      }
    }
    return sequenceFrom(start);
  }

  /** The content of a sequence item that starts on the dash's line, at column {@code indent}. */
  private Object item(int indent, int dashIndent, int depth, String pointer) {
    if (atDash()) {
      return sequence(indent, depth, pointer);
    }
    if (keyEnd(position()) >= 0) {
      return mapping(indent, depth, pointer);
    }
    Object value = inlineValue(position(), dashIndent, depth, pointer);
    nextLine();
    return value;
  }

  private Map<String, Object> mapping(int indent, int depth, String pointer) {
    count(depth);
    markValue(pointer, position());
    int start = top;
    Set<String> keys = null;
    while (!atBlockEnd(indent) && !atDash()) {
      int colon = keyEnd(position());
      if (colon < 0) {
        throw OUTSIDE;
      }
      String key = key(position(), colon);
      keys = pushKey(start, key, keys);
      String valuePointer = child(pointer, key);
      if (positions != null) {
        positions.putKey(valuePointer, at(position()));
      }
      int content = skipSpaces(colon + 1);
      Object value;
      if (content == lineEnd || text[content] == '#') {
        // No value on the key's line: the strict reader places an empty one just after the colon.
        SourceMap.Position afterColon = positions == null ? null : at(colon + 1);
        nextLine();
        if (!eof && !separator && col > indent) {
          value = block(col, depth + 1, valuePointer);
        } else if (!eof && !separator && col == indent && atDash()) {
          value = sequence(indent, depth + 1, valuePointer);
        } else {
          value = empty(depth + 1, valuePointer, afterColon);
        }
      } else {
        value = inlineValue(content, indent, depth + 1, valuePointer);
        nextLine();
      }
      push(value);
      if (!eof && !separator && col > indent) {
        throw OUTSIDE; // a deeper line
      }
    }
    return mappingFrom(start);
  }

  // ---- collections as they are read (see stack) --------------------------------------------

  private void push(Object entry) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    stack[top++] = entry;
  }

  /**
   * Pushes the key of a mapping whose entries start at {@code start}, refusing a repeated one (the
   * strict reader reports it). A mapping's keys are compared one by one while it has few, as
   * Kubernetes objects' have, and through a set once it holds 16.
   *
   * @return the set of the mapping's keys once it has one, else null
   */
  private Set<String> pushKey(int start, String key, Set<String> keys) {
    if (keys == null && top - start >= 32) {
      keys = new HashSet<>();
      for (int i = start; i < top; i += 2) {
        keys.add((String) stack[i]);
      }
    }
    if (keys != null ? !keys.add(key) : repeated(start, key)) {
      throw OUTSIDE;
    }
    push(key);
    return keys;
  }

  private boolean repeated(int start, String key) {
    for (int i = start; i < top; i += 2) {
      if (key.equals(stack[i])) {
        return true;
      }
    }
    return false;
  }

  /** The mapping of the keys and values pushed from {@code start}, which are taken off the stack. */
  private Map<String, Object> mappingFrom(int start) {
    Object[] entries = take(start);
    if (frozen) {
      return Frozen.mapping(entries);
    }
    // A table just large enough for the entries, not the default 16 slots: most mappings hold
    // one to three.
    Map<String, Object> map = new LinkedHashMap<>((entries.length * 2 + 2) / 3);
    for (int i = 0; i < entries.length; i += 2) {
      map.put((String) entries[i], entries[i + 1]);
    }
    return map;
  }

  /** The sequence of the items pushed from {@code start}, which are taken off the stack. */
  private List<Object> sequenceFrom(int start) {
    Object[] items = take(start);
    return frozen ? Frozen.sequence(items) : new ArrayList<>(Arrays.asList(items));
  }

  private Object[] take(int start) {
    // What stays above the top is part of the tree being built: nothing is held longer for it.
    Object[] taken = Arrays.copyOfRange(stack, start, top);
    top = start;
    return taken;
  }

  private Object empty(int depth, String pointer, SourceMap.Position at) {
    count(depth);
    if (positions != null) {
      positions.putValue(pointer, at);
    }
    return null;
  }

  // ---- keys and scalars ----------------------------------------------------------------------

  /**
   * Where the colon of a {@code key:} entry starting at {@code at} is, or -1 when the line does
   * not start with a key (a plain key ends at the first colon followed by a space or the end).
   */
  private int keyEnd(int at) {
    byte first = text[at];
    if (first == '"' || first == '\'') {
      int close = closingQuote(at);
      int colon = skipSpaces(close + 1);
      return colon < lineEnd && text[colon] == ':' && (colon + 1 == lineEnd || text[colon + 1] == ' ')
          ? colon : -1;
    }
    if (!plainStart(at)) {
      return -1;
    }
    int hash = 0;
    int bits = 0;
    for (int i = at; i < lineEnd; i++) {
      byte c = text[i];
      if (c == '#' && text[i - 1] == ' ') {
        return -1;
      }
      if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' ')) {
        scanned(at, i, hash, bits);
        return i;
      }
      hash = 31 * hash + c;
      bits |= c;
    }
    return -1;
  }

  private void scanned(int from, int to, int hash, int bits) {
    scannedFrom = from;
    scannedTo = to;
    scannedHash = ScalarCache.hash(hash, bits, to - from);
  }

  /** {@link ScalarCache#hash} of {@code [from, to)}, from the last scan when it covered exactly that text. */
  private int hash(int from, int to) {
    return from == scannedFrom && to == scannedTo ? scannedHash : ScalarCache.hash(text, from, to);
  }

  private String key(int at, int colon) {
    byte first = text[at];
    String key;
    if (first == '"') {
      key = doubleQuoted(at, closingDoubleQuote(at));
    } else if (first == '\'') {
      key = singleQuoted(at, closingSingleQuote(at));
    } else {
      int end = trimmed(at, colon);
      int hash = hash(at, end);
      Object known = hash < 0 ? ScalarCache.MISS : KEYS.get(text, at, end, hash);
      if (known != ScalarCache.MISS) {
        key = (String) known;
      } else {
        key = string(at, end).stripTrailing();
        if (StrictYaml.isRefusedPlainKey(key)) {
          throw OUTSIDE;
        }
        if (hash >= 0) {
          // The JVM's instance: the one a literal such as "metadata" is, so a map looked up by a
          // literal key finds the entry by identity instead of comparing the text.
          key = key.intern();
          KEYS.put(text, at, end, hash, key);
        }
      }
    }
    if (key.length() > limits.maxScalarLength()) {
      throw OUTSIDE;
    }
    return shared ? Interned.of(key) : key;
  }

  /**
   * A scalar, {@code []} or {@code {}} that ends the line (a comment may follow), or a literal
   * block scalar whose lines follow, indented deeper than {@code parentIndent}.
   */
  private Object inlineValue(int at, int parentIndent, int depth, String pointer) {
    count(depth);
    markValue(pointer, at);
    byte first = text[at];
    Object value;
    int end;
    if (first == '|') {
      boolean strip = at + 1 < lineEnd && text[at + 1] == '-';
      if (!restIsEmpty(strip ? at + 2 : at + 1)) {
        throw OUTSIDE;
      }
      String literal = literal(parentIndent, strip, pointer, at);
      if (literal.length() > limits.maxScalarLength()) {
        throw OUTSIDE;
      }
      return shared(literal);
    } else if (first == '"') {
      end = closingDoubleQuote(at);
      value = doubleQuoted(at, end);
      end++;
    } else if (first == '\'') {
      end = closingSingleQuote(at);
      value = singleQuoted(at, end);
      end++;
    } else if (first == '[' || first == '{') {
      value = flow(at, depth, pointer, true);
      end = flowEnd;
    } else {
      if (!plainStart(at)) {
        throw OUTSIDE;
      }
      // A plain scalar runs to the end of the line or a comment.
      return plain(at, trimmed(at, plainEnd(at)));
    }
    if (value instanceof String s && s.length() > limits.maxScalarLength() || !restIsEmpty(end)) {
      throw OUTSIDE;
    }
    return shared(value);
  }

  /** The plain scalar {@code [at, end)}, typed as {@link StrictYaml#plainScalar} types it. */
  private Object plain(int at, int end) {
    int hash = hash(at, end);
    Object known = hash < 0 ? ScalarCache.MISS : VALUES.get(text, at, end, hash);
    if (known != ScalarCache.MISS && end - at <= limits.maxScalarLength()) {
      return shared(known);
    }
    String plain = string(at, end).stripTrailing();
    Object value = StrictYaml.plainScalar(plain, limits);
    if (value == StrictYaml.OUT_OF_RANGE || plain.length() > limits.maxScalarLength()) {
      throw OUTSIDE;
    }
    // A decimal is not kept: whether it is out of range depends on the read's limits.
    if (hash >= 0 && !(value instanceof BigDecimal)) {
      VALUES.put(text, at, end, hash, value);
    }
    return shared(value);
  }

  // ---- flow collections ----------------------------------------------------------------------

  /** Where the flow node read last ends: just after its closing bracket, quote or last character. */
  private int flowEnd;

  /**
   * A flow sequence or mapping that opens at {@code at} and closes on the same line, as
   * descriptors write them ({@code [GET, HEAD]}, {@code {name: http, port: 8080}}): entries of
   * plain or quoted scalars and nested flow collections, separated by commas. Anything else
   * (an empty entry, a trailing comma, a key without ": " and a value, a colon, bracket or
   * comment inside a plain scalar, a collection that goes on to the next line) is outside the
   * subset. Sets {@link #flowEnd}.
   *
   * @param counted whether {@link #inlineValue} counted and placed this node already
   */
  private Object flow(int at, int depth, String pointer, boolean counted) {
    if (!counted) {
      count(depth);
      markValue(pointer, at);
    }
    boolean sequence = text[at] == '[';
    byte close = (byte) (sequence ? ']' : '}');
    int start = top;
    Set<String> keys = null;
    int i = skipSpaces(at + 1);
    if (i < lineEnd && text[i] == close) {
      flowEnd = i + 1;
      return sequence ? sequenceFrom(start) : mappingFrom(start);
    }
    while (true) {
      if (sequence) {
        push(flowNode(i, depth + 1, child(pointer, top - start), false));
      } else {
        int keyStart = i;
        int colon = flowKeyEnd(keyStart);
        String key = key(keyStart, colon);
        String valuePointer = child(pointer, key);
        if (positions != null) {
          positions.putKey(valuePointer, at(keyStart));
        }
        keys = pushKey(start, key, keys);
        push(flowNode(skipSpaces(colon + 1), depth + 1, valuePointer, true));
      }
      i = skipSpaces(flowEnd);
      if (i >= lineEnd) {
        throw OUTSIDE;
      }
      if (text[i] == close) {
        flowEnd = i + 1;
        return sequence ? sequenceFrom(start) : mappingFrom(start);
      }
      if (text[i] != ',') {
        throw OUTSIDE;
      }
      i = skipSpaces(i + 1);
    }
  }

  /**
   * The colon after the key of a flow mapping entry starting at {@code at}: a plain key of safe
   * characters, or a quoted one, followed by ": ".
   */
  private int flowKeyEnd(int at) {
    int end;
    if (at < lineEnd && (text[at] == '"' || text[at] == '\'')) {
      end = closingQuote(at) + 1;
    } else {
      end = flowPlainEnd(at, true);
    }
    int colon = skipSpaces(end);
    if (colon + 1 >= lineEnd || text[colon] != ':' || text[colon + 1] != ' ') {
      throw OUTSIDE;
    }
    return colon;
  }

  /**
   * An entry of a flow collection at {@code at}: a nested collection, a quoted scalar, or a plain
   * one, which ends before the spaces ahead of a comma or closing bracket. Sets {@link #flowEnd}.
   *
   * @param value whether it is the value of a mapping entry (else an item of a sequence)
   */
  private Object flowNode(int at, int depth, String pointer, boolean value) {
    if (at >= lineEnd) {
      throw OUTSIDE;
    }
    byte first = text[at];
    if (first == '[' || first == '{') {
      return flow(at, depth, pointer, false);
    }
    count(depth);
    markValue(pointer, at);
    Object scalar;
    if (first == '"' || first == '\'') {
      int close = closingQuote(at);
      String quoted = first == '"' ? doubleQuoted(at, close) : singleQuoted(at, close);
      if (quoted.length() > limits.maxScalarLength()) {
        throw OUTSIDE;
      }
      flowEnd = close + 1;
      scalar = shared(quoted);
    } else {
      int end = flowPlainEnd(at, false);
      flowEnd = end;
      scalar = plain(at, end);
    }
    int next = skipSpaces(flowEnd);
    if (!value && next < lineEnd && text[next] == ':') {
      throw OUTSIDE; // a single-pair mapping inside a sequence
    }
    return scalar;
  }

  /**
   * The end of a plain scalar in a flow collection (without the spaces after it): it must start
   * as a plain scalar does ({@code -}, {@code ?} and {@code :} only before a character that is
   * neither a space nor a flow indicator) and hold no flow indicator, no comment and no colon, but
   * the one that ends a key ({@code key}).
   */
  private int flowPlainEnd(int at, boolean key) {
    if (at >= lineEnd || !plainStart(at)) {
      throw OUTSIDE;
    }
    byte first = text[at];
    if ((first == '-' || first == '?' || first == ':') && flowIndicator(text[at + 1])) {
      throw OUTSIDE;
    }
    int i = at;
    while (i < lineEnd) {
      byte c = text[i];
      if (c == ',' || c == ']' || c == '}' || key && c == ':') {
        break;
      }
      if (c == '[' || c == '{' || c == ':' || c == '#' && text[i - 1] == ' ') {
        throw OUTSIDE;
      }
      i++;
    }
    return trimmed(at, i);
  }

  private static boolean flowIndicator(byte c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  private Object shared(Object value) {
    return shared && value instanceof String s ? Interned.scalar(s) : value;
  }

  /**
   * The lines of a literal block scalar after its header (the current line), clipped ({@code |},
   * one final line break) or stripped ({@code |-}, none). Leaves the current line at the
   * scalar's last line. Blank lines with more spaces than the content's indentation, and an
   * indentation indicator or keep chomping, are outside the subset. Places the text
   * ({@link #markBlockContent}) when positions are kept.
   *
   * @param indicator where the {@code |} of the header is
   */
  private String literal(int parentIndent, boolean strip, String pointer, int indicator) {
    int blockIndent = -1;
    int leadingBlankSpaces = 0;
    int pending = 0;
    int last = lineEnd;
    StringBuilder out = new StringBuilder();
    for (int start = lineEnd + 1; start < text.length; ) {
      int end = endOfLine(start);
      int spaces = 0;
      while (start + spaces < end && text[start + spaces] == ' ') {
        spaces++;
      }
      if (start + spaces == end) {
        if (blockIndent >= 0 && spaces > blockIndent) {
          throw OUTSIDE;
        }
        leadingBlankSpaces = blockIndent < 0 ? Math.max(leadingBlankSpaces, spaces) : leadingBlankSpaces;
        pending++;
        last = end;
        start = end + 1;
        continue;
      }
      if (blockIndent < 0) {
        markBlockContent(pointer, indicator, spaces); // the first line that is not blank
        if (spaces <= parentIndent) {
          break;
        }
        blockIndent = spaces;
        if (leadingBlankSpaces > blockIndent) {
          throw OUTSIDE;
        }
      } else if (spaces < blockIndent) {
        break;
      }
      // Between content lines the line break plus one per blank line; before the first, one per blank line.
      out.append("\n".repeat(out.length() > 0 ? pending + 1 : pending));
      pending = 0;
      out.append(string(start + blockIndent, end));
      last = end;
      start = end + 1;
    }
    if (blockIndent < 0 && leadingBlankSpaces > 0) {
      throw OUTSIDE;
    }
    if (!strip && blockIndent >= 0) {
      out.append('\n');
    }
    lineEnd = last;
    return out.toString();
  }

  /** The end of a plain scalar: the line's end or a comment; a {@code ": "} inside is refused. */
  private int plainEnd(int at) {
    int hash = 0;
    int bits = 0;
    for (int i = at; i < lineEnd; i++) {
      byte c = text[i];
      if (c == '#' && text[i - 1] == ' ') {
        scanned(at, i, hash, bits);
        return i;
      }
      if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' ')) {
        throw OUTSIDE;
      }
      hash = 31 * hash + c;
      bits |= c;
    }
    scanned(at, lineEnd, hash, bits);
    return lineEnd;
  }

  /** The ASCII characters a plain scalar may not start with, by code: a lookup for every key and value. */
  private static final boolean[] INDICATORS = new boolean[128];

  static {
    for (char c : "[]{}#&*!|>'\"%@`,".toCharArray()) {
      INDICATORS[c] = true;
    }
  }

  /** A plain scalar may not start with an indicator; {@code -} {@code ?} {@code :} only before a non-space. */
  private boolean plainStart(int at) {
    byte c = text[at];
    if (c >= 0 && INDICATORS[c]) {
      return false;
    }
    if (c == '-' || c == '?' || c == ':') {
      return at + 1 < lineEnd && text[at + 1] != ' ';
    }
    return true;
  }

  /** The closing quote of the quoted scalar that opens at {@code at} (with {@code "} or {@code '}). */
  private int closingQuote(int at) {
    return text[at] == '"' ? closingDoubleQuote(at) : closingSingleQuote(at);
  }

  private int closingDoubleQuote(int at) {
    for (int i = at + 1; i < lineEnd; i++) {
      byte c = text[i];
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    throw OUTSIDE;
  }

  private int closingSingleQuote(int at) {
    for (int i = at + 1; i < lineEnd; i++) {
      if (text[i] == '\'') {
        if (i + 1 < lineEnd && text[i + 1] == '\'') {
          i++;
        } else {
          return i;
        }
      }
    }
    throw OUTSIDE;
  }

  private String singleQuoted(int open, int close) {
    return string(open + 1, close).replace("''", "'");
  }

  /** A double-quoted scalar on one line with YAML's escapes; any other escape is outside the subset. */
  private String doubleQuoted(int open, int close) {
    int backslash = open + 1;
    while (backslash < close && text[backslash] != '\\') {
      backslash++;
    }
    if (backslash == close) {
      return string(open + 1, close);
    }
    StringBuilder out = new StringBuilder(close - open);
    int run = open + 1;
    for (int i = backslash; i < close; i++) {
      if (text[i] != '\\') {
        continue;
      }
      out.append(string(run, i)); // the text since the last escape, decoded as a whole
      byte e = text[++i];
      switch (e) {
        case '0' -> out.append('\0');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'v' -> out.append('\u000B');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'e' -> out.append('\u001B');
        case ' ' -> out.append(' ');
        case '"' -> out.append('"');
        case '/' -> out.append('/');
        case '\\' -> out.append('\\');
        case 'N' -> out.append('\u0085');
        case '_' -> out.append('\u00A0');
        case 'L' -> out.append('\u2028');
        case 'P' -> out.append('\u2029');
        case 'x' -> i = hex(out, i, 2, close);
        case 'u' -> i = hex(out, i, 4, close);
        case 'U' -> i = hex(out, i, 8, close);
        default -> throw OUTSIDE;
      }
      run = i + 1;
    }
    return out.append(string(run, close)).toString();
  }

  private int hex(StringBuilder out, int at, int digits, int close) {
    if (at + digits >= close) {
      throw OUTSIDE;
    }
    int code = 0;
    for (int i = at + 1; i <= at + digits; i++) {
      int digit = Character.digit((char) (text[i] & 0xff), 16);
      if (digit < 0) {
        throw OUTSIDE;
      }
      code = code * 16 + digit;
    }
    if (!Character.isValidCodePoint(code) || Character.isSurrogate((char) code) && digits < 8) {
      throw OUTSIDE;
    }
    out.appendCodePoint(code);
    return at + digits;
  }

  private int skipSpaces(int at) {
    int i = at;
    while (i < lineEnd && text[i] == ' ') {
      i++;
    }
    return i;
  }

  private void count(int depth) {
    if (++nodes > limits.maxNodes() || depth > limits.maxDepth()) {
      throw OUTSIDE;
    }
  }
}
