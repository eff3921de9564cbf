package io.meshplate.yaml;

import io.meshplate.Interned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Reads the YAML that templates print, fast: block mappings and sequences (also indentless
 * sequences and {@code - key: value} items), single-line plain, double- and single-quoted
 * scalars, literal block scalars ({@code |} and {@code |-}), {@code []} and {@code {}},
 * comments and {@code ---} separators. That is what every
 * template writes, and auto-escaping turns every interpolated value into a double-quoted scalar.
 *
 * <p>The result is exactly what {@link StrictYaml#readAll(String, String, YamlLimits, boolean)}
 * gives for the same text: the same tree types, the same JSON-schema typing of plain scalars,
 * documents without content left out. Anything outside the subset, and anything the strict
 * reader would refuse (duplicate keys, limits, control characters, a continued line), is not
 * interpreted here: {@link #read} returns null and the caller reads the text with {@link
 * StrictYaml}, which accepts or refuses it with positions. A parser per call; no state is shared.
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

  private final char[] text;
  private final YamlLimits limits;
  /** Documents not to build, by apiVersion and kind; null: build every document. */
  private final BiPredicate<String, String> skip;
  /** Whether keys and short string values are {@link Interned}, as the strict reader does. */
  private final boolean shared;
  private int lineStart;
  private int lineEnd;
  private int col;
  private boolean eof;
  private boolean separator;
  private int nodes;

  private TemplateOutputReader(String text, YamlLimits limits, BiPredicate<String, String> skip, boolean shared) {
    // An array: characters are read many times each, and array access is what the quick
    // compiler the launcher picks does best.
    this.text = text.toCharArray();
    this.limits = limits;
    this.skip = skip;
    this.shared = shared;
  }

  /**
   * The roots of the documents of {@code text} that have content, or null when the text is not
   * inside the subset (then read it with {@link StrictYaml}).
   */
  public static List<Object> read(String source, YamlLimits limits) {
    return read(source, limits, null, false);
  }

  /**
   * As {@link #read(String, YamlLimits)}, for trees a run holds (every file of a review's side):
   * keys and short string values are {@link Interned}, as {@link StrictYaml} gives them, so the
   * strings that recur in every tenant's files are held once. A reader whose trees are dropped
   * once used does not pay for the lookups.
   */
  public static List<Object> readShared(String source, YamlLimits limits) {
    return read(source, limits, null, true);
  }

  private static List<Object> read(String source, YamlLimits limits, BiPredicate<String, String> skip,
      boolean shared) {
    if (source.length() > limits.maxBytes()) {
      return null;
    }
    TemplateOutputReader reader = new TemplateOutputReader(source, limits, skip, shared);
    if (!reader.plainText()) {
      return null;
    }
    try {
      return reader.documents();
    } catch (Outside outside) {
      return null;
    }
  }

  /**
   * The roots of the documents of meshplate's own YAML ({@code file} names it in errors): with
   * this reader, or with {@link StrictYaml} without positions for anything outside its subset.
   *
   * @throws io.meshplate.InvalidInputException the text is not YAML the strict reader accepts
   */
  public static List<Object> readRoots(String file, String source, YamlLimits limits) {
    return readRoots(file, source, limits, null);
  }

  /**
   * As {@link #readRoots(String, String, YamlLimits)}, for a reader that needs only some kinds of
   * object: a document whose kind {@code skip} accepts is not built, its root is a map of its
   * {@code apiVersion} and {@code kind} alone. Only a document that states each of the two once,
   * as a plain {@code key: value} line at column 0, among other plain keys at column 0, is
   * recognised (anything else, a quoted or repeated key for instance, is read in full), and only
   * in text inside this reader's subset: it is still scanned line by line for what the subset
   * leaves out. Text outside the subset is read in full by {@link StrictYaml}.
   *
   * @param skip takes a document's apiVersion and kind
   */
  public static List<Object> readRoots(String file, String source, YamlLimits limits, BiPredicate<String, String> skip) {
    List<Object> roots = read(source, limits, skip, false);
    if (roots != null) {
      return roots;
    }
    List<Object> strict = new ArrayList<>();
    for (StrictYaml.Document document : StrictYaml.readAll(file, source, limits, false)) {
      strict.add(document.root());
    }
    return strict;
  }

  /** No tab, carriage return, BOM or character YAML does not allow. */
  private boolean plainText() {
    char[] chars = text;
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 0x20 && c < 0x7f || c == '\n') {
        continue; // printable ASCII: nearly every character, decided by the first two comparisons
      }
      if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0xfeff || c >= 0xfffe
          || Character.isSurrogate(c) && !pairedSurrogate(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean pairedSurrogate(int i) {
    char c = text[i];
    return Character.isHighSurrogate(c) ? i + 1 < text.length && Character.isLowSurrogate(text[i + 1])
        : i > 0 && Character.isHighSurrogate(text[i - 1]);
  }

  private List<Object> documents() {
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
      Object root = skip == null ? null : skipped();
      if (root == null) {
        root = block(0, 1);
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
    for (int at = lineStart; at < text.length; ) {
      int end = indexOf('\n', at);
      end = end < 0 ? text.length : end;
      char first = at == end ? ' ' : text[at];
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
    do {
      nextLine();
    } while (!eof && !separator);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", apiVersion);
    root.put("kind", kind);
    return root;
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
      char c = text[i];
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '/')) {
        return null;
      }
    }
    return string(from, end);
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
      int end = indexOf('\n', lineStart);
      lineEnd = end < 0 ? text.length : end;
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

  private int indexOf(char c, int from) {
    for (int i = from; i < text.length; i++) {
      if (text[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private String string(int from, int to) {
    return new String(text, from, to - from);
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

  private Object block(int indent, int depth) {
    if (atDash()) {
      return sequence(indent, depth);
    }
    return mapping(indent, depth);
  }

  private List<Object> sequence(int indent, int depth) {
    count(depth);
    List<Object> items = new ArrayList<>();
    while (!atBlockEnd(indent) && atDash()) {
      int content = skipSpaces(position() + 1);
      if (content == lineEnd || text[content] == '#') {
        nextLine();
        items.add(!eof && !separator && col > indent ? block(col, depth + 1) : empty(depth + 1));
      } else {
        col = content - lineStart;
        items.add(item(col, indent, depth + 1));
      }
      if (!eof && !separator && col > indent) {
        throw OUTSIDE;
      }
    }
    return items;
  }

  /** The content of a sequence item that starts on the dash's line, at column {@code indent}. */
  private Object item(int indent, int dashIndent, int depth) {
    if (atDash()) {
      return sequence(indent, depth);
    }
    if (keyEnd(position()) >= 0) {
      return mapping(indent, depth);
    }
    Object value = inlineValue(position(), dashIndent, depth);
    nextLine();
    return value;
  }

  private Map<String, Object> mapping(int indent, int depth) {
    count(depth);
    // A held tree's maps start with a table of 4 slots instead of 16: most hold one to three
    // entries (about 50 MB less for the two sides of a 1,000-tenant review).
    Map<String, Object> map = shared ? new LinkedHashMap<>(4) : new LinkedHashMap<>();
    while (!atBlockEnd(indent) && !atDash()) {
      int colon = keyEnd(position());
      if (colon < 0) {
        throw OUTSIDE;
      }
      String key = key(position(), colon);
      if (map.containsKey(key)) {
        throw OUTSIDE;
      }
      int content = skipSpaces(colon + 1);
      Object value;
      if (content == lineEnd || text[content] == '#') {
        nextLine();
        if (!eof && !separator && col > indent) {
          value = block(col, depth + 1);
        } else if (!eof && !separator && col == indent && atDash()) {
          value = sequence(indent, depth + 1);
        } else {
          value = empty(depth + 1);
        }
      } else {
        value = inlineValue(content, indent, depth + 1);
        nextLine();
      }
      map.put(key, value);
      if (!eof && !separator && col > indent) {
        throw OUTSIDE;
      }
    }
    return map;
  }

  private Object empty(int depth) {
    count(depth);
    return null;
  }

  // ---- keys and scalars ----------------------------------------------------------------------

  /**
   * Where the colon of a {@code key:} entry starting at {@code at} is, or -1 when the line does
   * not start with a key (a plain key ends at the first colon followed by a space or the end).
   */
  private int keyEnd(int at) {
    char first = text[at];
    if (first == '"' || first == '\'') {
      int close = first == '"' ? closingDoubleQuote(at) : closingSingleQuote(at);
      int colon = skipSpaces(close + 1);
      return colon < lineEnd && text[colon] == ':' && (colon + 1 == lineEnd || text[colon + 1] == ' ')
          ? colon : -1;
    }
    if (!plainStart(at)) {
      return -1;
    }
    for (int i = at; i < lineEnd; i++) {
      char c = text[i];
      if (c == '#' && text[i - 1] == ' ') {
        return -1;
      }
      if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private String key(int at, int colon) {
    char first = text[at];
    String key;
    if (first == '"') {
      key = doubleQuoted(at, closingDoubleQuote(at));
    } else if (first == '\'') {
      key = singleQuoted(at, closingSingleQuote(at));
    } else {
      key = string(at, colon).stripTrailing();
      if (StrictYaml.isRefusedPlainKey(key)) {
        throw OUTSIDE;
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
  private Object inlineValue(int at, int parentIndent, int depth) {
    count(depth);
    char first = text[at];
    Object value;
    int end;
    if (first == '|') {
      boolean strip = at + 1 < lineEnd && text[at + 1] == '-';
      if (!restIsEmpty(strip ? at + 2 : at + 1)) {
        throw OUTSIDE;
      }
      String literal = literal(parentIndent, strip);
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
      if (at + 1 >= lineEnd || text[at + 1] != (first == '[' ? ']' : '}')) {
        throw OUTSIDE;
      }
      end = at + 2;
      value = first == '[' ? new ArrayList<>() : new LinkedHashMap<>();
    } else {
      if (!plainStart(at)) {
        throw OUTSIDE;
      }
      String plain = string(at, plainEnd(at)).stripTrailing();
      value = StrictYaml.plainScalar(plain, limits);
      if (value == StrictYaml.OUT_OF_RANGE || plain.length() > limits.maxScalarLength()) {
        throw OUTSIDE;
      }
      return shared(value); // a plain scalar runs to the end of the line or a comment
    }
    if (value instanceof String s && s.length() > limits.maxScalarLength() || !restIsEmpty(end)) {
      throw OUTSIDE;
    }
    return shared(value);
  }

  private Object shared(Object value) {
    return shared && value instanceof String s ? Interned.scalar(s) : value;
  }

  /**
   * The lines of a literal block scalar after its header (the current line), clipped ({@code |},
   * one final line break) or stripped ({@code |-}, none). Leaves the current line at the
   * scalar's last line. Blank lines with more spaces than the content's indentation, and an
   * indentation indicator or keep chomping, are outside the subset.
   */
  private String literal(int parentIndent, boolean strip) {
    int blockIndent = -1;
    int leadingBlankSpaces = 0;
    int pending = 0;
    int last = lineEnd;
    StringBuilder out = new StringBuilder();
    for (int start = lineEnd + 1; start < text.length; ) {
      int end = indexOf('\n', start);
      end = end < 0 ? text.length : end;
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
      out.append(text, start + blockIndent, end - start - blockIndent);
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
    for (int i = at; i < lineEnd; i++) {
      char c = text[i];
      if (c == '#' && text[i - 1] == ' ') {
        return i;
      }
      if (c == ':' && (i + 1 == lineEnd || text[i + 1] == ' ')) {
        throw OUTSIDE;
      }
    }
    return lineEnd;
  }

  /** A plain scalar may not start with an indicator; {@code -} {@code ?} {@code :} only before a non-space. */
  private boolean plainStart(int at) {
    char c = text[at];
    if ("[]{}#&*!|>'\"%@`,".indexOf(c) >= 0) {
      return false;
    }
    if (c == '-' || c == '?' || c == ':') {
      return at + 1 < lineEnd && text[at + 1] != ' ';
    }
    return true;
  }

  private int closingDoubleQuote(int at) {
    for (int i = at + 1; i < lineEnd; i++) {
      char c = text[i];
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
    for (int i = open + 1; i < close; i++) {
      char c = text[i];
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = text[++i];
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
    }
    return out.toString();
  }

  private int hex(StringBuilder out, int at, int digits, int close) {
    if (at + digits >= close) {
      throw OUTSIDE;
    }
    int code = 0;
    for (int i = at + 1; i <= at + digits; i++) {
      int digit = Character.digit(text[i], 16);
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
