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
   * Reads what {@link #write} wrote: maps as ordered maps in the order they were written.
   *
   * @param maxDepth how deeply maps and lists may nest (the root is depth 0)
   * @throws IOException the bytes are damaged
   */
  public static Object read(DataInput in, int maxDepth) throws IOException {
    return read(in, 0, maxDepth);
  }

  private static Object read(DataInput in, int depth, int maxDepth) throws IOException {
    if (depth > maxDepth) {
      throw new IOException("nested too deep");
    }
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return Interned.scalar(readText(in));
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
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
          map.put(Interned.of(readText(in)), read(in, depth + 1, maxDepth));
        }
        return map;
      }
      case LIST: {
        int count = readCount(in);
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          list.add(read(in, depth + 1, maxDepth));
        }
        return list;
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
