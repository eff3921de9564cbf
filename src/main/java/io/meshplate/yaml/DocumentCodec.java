package io.meshplate.yaml;

import io.meshplate.BytesIn;
import io.meshplate.Interned;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed document with its positions as bytes and back, so that a descriptor whose content
 * was read before is not parsed again (parsing with positions is most of the cost of reading a
 * descriptor that passed the schema before). The tree has the types {@link StrictYaml} builds:
 * ordered maps with string keys, lists, strings, {@link Long}, {@link BigInteger}, {@link
 * BigDecimal}, {@link Boolean} and null; anything else is refused when encoding.
 */
final class DocumentCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int LONG = 2;
  private static final int BIG_INTEGER = 3;
  private static final int BIG_DECIMAL = 4;
  private static final int TRUE = 5;
  private static final int FALSE = 6;
  private static final int MAP = 7;
  private static final int LIST = 8;

  private DocumentCodec() {}

  static byte[] encode(StrictYaml.Document document) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      value(out, document.root());
      for (PositionTable table : document.positions().tables()) {
        out.writeInt(table.size());
        table.forEach((pointer, position) -> {
          try {
            string(out, pointer);
            out.writeLong(position);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The document {@link #encode} wrote, its positions in {@code file}.
   *
   * @throws IOException the bytes are damaged
   */
  static StrictYaml.Document decode(String file, byte[] bytes) throws IOException {
    DataInputStream in = BytesIn.of(bytes);
    Object root = value(in, 0);
    SourceMap positions = new SourceMap(file);
    for (PositionTable table : positions.tables()) {
      for (int i = count(in); i > 0; i--) {
        table.putPacked(Interned.of(string(in)), in.readLong());
      }
    }
    if (in.read() != -1) {
      throw new IOException("trailing bytes");
    }
    return new StrictYaml.Document(root, positions);
  }

  private static void value(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      string(out, s);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof BigInteger big) {
      out.writeByte(BIG_INTEGER);
      string(out, big.toString());
    } else if (value instanceof BigDecimal decimal) {
      out.writeByte(BIG_DECIMAL);
      string(out, decimal.toString());
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        string(out, (String) entry.getKey());
        value(out, entry.getValue());
      }
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object item : list) {
        value(out, item);
      }
    } else {
      throw new IllegalArgumentException("not a value of a parsed document: " + value.getClass().getName());
    }
  }

  private static Object value(DataInputStream in, int depth) throws IOException {
    if (depth > YamlLimits.PLATFORM.maxDepth()) {
      throw new IOException("nested too deep");
    }
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return string(in);
      case LONG:
        return in.readLong();
      case BIG_INTEGER:
        return new BigInteger(string(in));
      case BIG_DECIMAL:
        return new BigDecimal(string(in));
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case MAP: {
        int count = count(in);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
          map.put(string(in), value(in, depth + 1));
        }
        return map;
      }
      case LIST: {
        int count = count(in);
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          list.add(value(in, depth + 1));
        }
        return list;
      }
      default:
        throw new IOException("unknown tag " + tag);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String string(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[count(in)];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static int count(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new IOException("damaged count");
    }
    return count;
  }
}
