package io.meshplate.yaml;

import io.meshplate.Interned;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each node of a parsed YAML document starts, keyed by JSON Pointer (RFC 6901), so that a
 * problem found on the object tree (a schema error, a dangling reference) can be reported at
 * the line and column the user wrote.
 */
public final class SourceMap {
  /** A 1-based position in a file. */
  public record Position(int line, int column) {
    public static final Position UNKNOWN = new Position(0, 0);
  }

  private final String file;
  private final PositionTable values = new PositionTable();
  private final PositionTable keys = new PositionTable();
  private final PositionTable blockContents = new PositionTable();

  /** Whether pointers are {@link Interned}: for maps a run keeps, not for one read to cite a line. */
  private final boolean shared;

  SourceMap(String file) {
    this(file, true);
  }

  SourceMap(String file, boolean shared) {
    this.file = file;
    this.shared = shared;
  }

  /** An empty map for trees that did not come from a file. */
  public static SourceMap empty(String file) {
    return new SourceMap(file);
  }

  /** The file as shown in messages (relative to the project root). */
  public String file() {
    return file;
  }

  // Pointers are interned: descriptors share their shape, so the positions of every tenant (kept
  // for the whole run, to cite lines) hold each pointer once.

  void putValue(String pointer, Position position) {
    values.put(shared(pointer), position);
  }

  void putKey(String pointer, Position position) {
    keys.put(shared(pointer), position);
  }

  void putBlockContent(String pointer, Position position) {
    blockContents.put(shared(pointer), position);
  }

  private String shared(String pointer) {
    return shared ? Interned.of(pointer) : pointer;
  }

  /** Ends the filling of the tables, once the document is read: they are only looked up from then on. */
  void seal() {
    values.seal();
    keys.seal();
    blockContents.seal();
  }

  /** The three tables, for {@link DocumentCodec}: values, keys, block contents. */
  PositionTable[] tables() {
    return new PositionTable[] {values, keys, blockContents};
  }

  /**
   * For a block scalar ({@code |}, {@code >}) at {@code pointer}: the line after its indicator and
   * the column its text is indented to; {@link Position#UNKNOWN} for any other value. Line
   * {@code l}, column {@code c} of the text are then line {@code line + l - 1}, column
   * {@code column + c - 1} of the file.
   */
  public Position blockContent(String pointer) {
    Position found = blockContents.get(pointer);
    return found != null ? found : Position.UNKNOWN;
  }

  /**
   * The position of the value at {@code pointer}, or of its nearest ancestor that exists (a
   * missing required field is reported where its parent object starts).
   */
  public Position value(String pointer) {
    String p = pointer;
    while (true) {
      Position found = values.get(p);
      if (found != null) {
        return found;
      }
      if (p.isEmpty()) {
        return Position.UNKNOWN;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The position of the key whose value is at {@code pointer}; falls back to the value. */
  public Position key(String pointer) {
    Position found = keys.get(pointer);
    return found != null ? found : value(pointer);
  }

  /** Whether the document has a value exactly at {@code pointer}. */
  public boolean contains(String pointer) {
    return values.contains(pointer);
  }

  /** Appends one reference token to a pointer, escaping {@code ~} and {@code /}. */
  public static String child(String pointer, String token) {
    return pointer + "/" + escaped(token);
  }

  public static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  /** As {@link #child}, for a pointer being built: several tokens make one string, not one each. */
  public static StringBuilder appendChild(StringBuilder pointer, Object token) {
    pointer.append('/');
    return token instanceof Integer index ? pointer.append(index.intValue())
        : pointer.append(escaped(String.valueOf(token)));
  }

  /** The reference tokens of {@code pointer}, unescaped: the inverse of {@link #child}; none for the root {@code ""}. */
  public static List<String> tokens(String pointer) {
    List<String> tokens = new ArrayList<>();
    if (!pointer.isEmpty()) {
      for (String token : pointer.substring(1).split("/", -1)) {
        tokens.add(unescaped(token));
      }
    }
    return tokens;
  }

  /** One reference token as the key it stands for ({@code ~1} is {@code /}, {@code ~0} is {@code ~}). */
  public static String unescaped(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  private static String escaped(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
