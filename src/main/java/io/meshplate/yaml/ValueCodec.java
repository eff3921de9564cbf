package io.meshplate.yaml;

import io.meshplate.Interned;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tree of YAML values as tagged bytes and back: maps with string keys, lists, strings,
 * integers ({@link Integer}, {@link Long}, {@link BigInteger}), {@link BigDecimal}, booleans and
 * null, each read back as the type it was written as. The caches that keep parsed trees use it:
 * a descriptor's document ({@link DocumentCodec}) and the objects the tree checks keep of a
 * folder. Every string and collection carries its length. Reading refuses a nesting deeper than
 * the caller allows and a count larger than the bytes left, as damage ({@link IOException}), so
 * a damaged cache costs a miss, never the stack.
 */
public final class ValueCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int LONG = 2;
  private static final int BIG_INTEGER = 3;
  private static final int BIG_DECIMAL = 4;
  private static final int TRUE = 5;
  private static final int FALSE = 6;
  private static final int MAP = 7;
  private static final int LIST = 8;
  private static final int INT = 9;

  /** Writes the values inside a map or list: {@link #write(Object, DataOutput)}, or a caller's own step around it. */
  @FunctionalInterface
  public interface Nested {
    void write(Object value, DataOutput out) throws IOException;
  }

  private ValueCodec() {}

  /** Writes {@code value}, maps in their iteration order (a document keeps its order). */
  public static void write(Object value, DataOutput out) throws IOException {
    write(value, out, false, ValueCodec::write);
  }

  /**
   * Writes {@code value}.
   *
   * @param sortedKeys maps in key order, so equal maps give equal bytes however they iterate
   * @param nested writes each map value and list item (a caller that keeps the encodings of
   *     shared values looks them up there, then comes back here)
   * @throws IllegalArgumentException for a value that is not one of the types above
   */
  public static void write(Object value, DataOutput out, boolean sortedKeys, Nested nested) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeText(s, out);
    } else if (value instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof BigInteger big) {
      out.writeByte(BIG_INTEGER);
      writeText(big.toString(), out);
    } else if (value instanceof BigDecimal decimal) {
      out.writeByte(BIG_DECIMAL);
      writeText(decimal.toString(), out);
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> entry : (sortedKeys ? new TreeMap<>(map) : map).entrySet()) {
        writeText((String) entry.getKey(), out);
        nested.write(entry.getValue(), out);
      }
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object item : list) {
        nested.write(item, out);
      }
    } else {
      throw new IllegalArgumentException("not a YAML value: " + value.getClass().getName());
    }
  }

  /**
   * What a reader makes of the maps, lists and strings it reads, each map and list from its
   * parts, which are read first: a cache that holds values in a form of its own builds that form
   * once, instead of copying what {@link #read(DataInput, int)} makes.
   */
  public interface Shapes {
    /** A string value ({@link #readShared}: short ASCII text is the shared instance already). */
    Object string(String text);

    /** A map of the keys and values read, in the order they were written. */
    Object map(String[] keys, Object[] values);

    /** A list of the items read. */
    Object list(Object[] items);
  }

  /** Ordered maps and lists a caller may change, short strings shared. */
  private static final Shapes DOCUMENT = new Shapes() {
    @Override
    public Object string(String text) {
      return Interned.scalar(text);
    }

    @Override
    public Object map(String[] keys, Object[] values) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < keys.length; i++) {
        map.put(keys[i], values[i]);
      }
      return map;
    }

    @Override
    public Object list(Object[] items) {
      return new ArrayList<>(Arrays.asList(items));
    }
  };

  /**
   * Reads what {@link #write} wrote: maps as ordered maps in the order they were written.
   *
   * @param maxDepth how deeply maps and lists may nest (the root is depth 0)
   * @throws IOException the bytes are damaged
   */
  public static Object read(DataInput in, int maxDepth) throws IOException {
    return read(in, 0, maxDepth, DOCUMENT);
  }

  /** As {@link #read(DataInput, int)}, maps, lists and strings made by {@code shapes}. */
  public static Object read(DataInput in, int maxDepth, Shapes shapes) throws IOException {
    return read(in, 0, maxDepth, shapes);
  }

  private static Object read(DataInput in, int depth, int maxDepth, Shapes shapes) throws IOException {
    if (depth > maxDepth) {
      throw new IOException("nested too deep");
    }
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return shapes.string(readShared(in));
      case INT:
        return in.readInt();
      case LONG:
        return in.readLong();
      case BIG_INTEGER:
        return new BigInteger(readText(in));
      case BIG_DECIMAL:
        return new BigDecimal(readText(in));
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case MAP: {
        int count = readCount(in);
        String[] keys = new String[count];
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
          keys[i] = Interned.of(readShared(in));
          values[i] = read(in, depth + 1, maxDepth, shapes);
        }
        return shapes.map(keys, values);
      }
      case LIST: {
        int count = readCount(in);
        Object[] items = new Object[count];
        for (int i = 0; i < count; i++) {
          items[i] = read(in, depth + 1, maxDepth, shapes);
        }
        return shapes.list(items);
      }
      default:
        throw new IOException("unknown tag " + tag);
    }
  }

  /** A string of any length as UTF-8 bytes after their count ({@code writeUTF} stops at 64 KiB). */
  public static void writeText(String s, DataOutput out) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  /** What {@link #writeText} wrote. */
  public static String readText(DataInput in) throws IOException {
    byte[] utf8 = new byte[readCount(in)];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * What {@link #writeText} wrote, for a reader that keeps strings {@link Interned} shared: short
   * ASCII text read before is found by its bytes and is the shared instance, neither decoded nor
   * hashed again, and found in the shared table at once by reference. What the caches hold repeats
   * a few thousand keys and values (kinds, label keys, names); other text is read as
   * {@link #readText} reads it, for the reader to share as it sees fit.
   */
  public static String readShared(DataInput in) throws IOException {
    byte[] utf8 = new byte[readCount(in)];
    in.readFully(utf8);
    int hash = ScalarCache.hash(utf8, 0, utf8.length);
    if (hash < 0) {
      return new String(utf8, StandardCharsets.UTF_8);
    }
    Object known = SHARED_TEXT.get(utf8, 0, utf8.length, hash);
    if (known != ScalarCache.MISS) {
      return (String) known;
    }
    String text = Interned.of(new String(utf8, StandardCharsets.US_ASCII));
    SHARED_TEXT.put(utf8, 0, utf8.length, hash, text);
    return text;
  }

  /** Short ASCII strings {@link #readShared} read before. */
  private static final ScalarCache SHARED_TEXT = new ScalarCache(1 << 14);

  /**
   * A count of elements or bytes: never negative, and never more than the bytes left when the
   * input knows them (each element takes at least one), so a damaged count fails here instead
   * of allocating for it.
   */
  public static int readCount(DataInput in) throws IOException {
    int count = in.readInt();
    int left = in instanceof DataInputStream stream ? stream.available() : MAX_COUNT;
    if (count < 0 || count > Math.min(left, MAX_COUNT)) {
      throw new IOException("damaged count");
    }
    return count;
  }

  /** The largest count an input that does not know its length may give. */
  private static final int MAX_COUNT = 1 << 24;
}
