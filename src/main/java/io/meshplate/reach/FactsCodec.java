package io.meshplate.reach;

import io.meshplate.RecordFields;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/**
 * {@link Facts} as bytes and back, so a folder's facts are read from the cache instead of being
 * parsed out of its files again. The facts are records of this package holding strings, numbers,
 * lists, maps and sets; the codec walks any such record through its components, so a component
 * added to a fact is carried without touching this class, and anything else is refused when
 * encoding (a test encodes the facts of every example). Strings are numbers in a table the
 * caller keeps for many encodings (an overlay's folders repeat the same pointers, kinds and
 * labels): decoding looks strings up by number, without hashing them, and equal strings of many
 * folders are one instance. Every string reference can be renumbered without decoding
 * ({@link #renumber}), so the table can drop what no encoding uses any more.
 *
 * <p>Decoding builds only records of this package and trusts nothing it reads: any damage is an
 * {@link IOException} or a runtime exception, which the caller takes as a miss.
 */
final class FactsCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int INT = 2;
  private static final int LONG = 3;
  private static final int TRUE = 4;
  private static final int FALSE = 5;
  private static final int LIST = 6;
  private static final int MAP = 7;
  private static final int SET = 8;
  private static final int RECORD = 9;
  private static final int ENUM = 10;
  private static final int DOUBLE = 11;
  private static final int BIG = 12;

  /**
   * The lists of {@link Facts}, in name order (declaration order is not promised by reflection).
   * Accessible without a check: a field read through reflection otherwise looks up its caller
   * on every read, which is most of reading it.
   */
  private static final List<Field> LISTS = Arrays.stream(Facts.class.getDeclaredFields())
      .filter(f -> !Modifier.isStatic(f.getModifiers()) && f.getType() == List.class)
      .sorted(Comparator.comparing(Field::getName))
      .peek(f -> f.setAccessible(true))
      .toList();
  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
  /** The record and enum types decoding met, by name, each checked once ({@link Reader#type}). */
  private static final Map<String, Class<?>> RECORDS = new ConcurrentHashMap<>();
  private static final Map<String, Class<?>> ENUMS = new ConcurrentHashMap<>();
  private static final String PACKAGE = FactsCodec.class.getPackageName();
  private static final int MAX_DEPTH = 64;

  /** How a record is taken apart and built: its component fields ({@link RecordFields}) and its canonical constructor. */
  private record Shape(Field[] components, Constructor<?> constructor) {
    static Shape of(Class<?> type) {
      Field[] fields = RecordFields.of(type);
      Class<?>[] types = new Class<?>[fields.length];
      for (int i = 0; i < fields.length; i++) {
        types[i] = fields[i].getType();
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new Shape(fields, constructor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private FactsCodec() {}

  /** {@code facts} as bytes; {@code strings} numbers each string (the same number for equal strings). */
  static byte[] encode(Facts facts, ToIntFunction<String> strings) {
    Writer writer = new Writer(strings);
    try {
      for (Field list : LISTS) {
        writer.value(list.get(facts));
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return writer.out.toByteArray();
  }

  /**
   * The facts of {@code bytes}; {@code strings} gives the string of each number (null when
   * unknown), and {@code parts} the parts decoded before from encodings numbered by the same table.
   */
  static Facts decode(byte[] bytes, IntFunction<String> strings, FactParts parts) throws IOException {
    Reader reader = new Reader(ByteBuffer.wrap(bytes), strings, parts);
    Facts facts = new Facts();
    try {
      for (Field list : LISTS) {
        @SuppressWarnings("unchecked")
        List<Object> into = (List<Object>) list.get(facts);
        if (!(reader.value() instanceof List<?> decoded)) {
          throw new IOException("not a list of facts");
        }
        into.addAll(decoded);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (BufferUnderflowException e) {
      throw new IOException("truncated", e);
    }
    if (reader.in.hasRemaining()) {
      throw new IOException("trailing bytes");
    }
    return facts;
  }

  /**
   * The same encoding with every string number {@code n} replaced by {@code renumber(n)}: also
   * how to learn which numbers an encoding uses.
   */
  static byte[] renumber(byte[] bytes, IntUnaryOperator renumber) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    Buffer out = new Buffer(bytes.length);
    try {
      for (int i = 0; i < LISTS.size(); i++) {
        copy(in, out, renumber);
      }
    } catch (BufferUnderflowException e) {
      throw new IOException("truncated", e);
    }
    if (in.hasRemaining()) {
      throw new IOException("trailing bytes");
    }
    return out.toByteArray();
  }

  /** Copies one value, renumbering its strings: the encoding is walked by its tags alone. */
  private static void copy(ByteBuffer in, Buffer out, IntUnaryOperator renumber) throws IOException {
    int tag = in.get() & 0xff;
    out.write(tag);
    switch (tag) {
      case NULL, TRUE, FALSE -> { }
      case STRING -> out.writeVar(renumber.applyAsInt(readVar(in)));
      case INT -> out.writeVar(readVar(in));
      case LONG, DOUBLE -> out.writeLong(in.getLong());
      case BIG -> {
        int length = readVar(in);
        out.writeVar(length);
        byte[] magnitude = new byte[length];
        in.get(magnitude);
        out.writeBytes(magnitude);
      }
      case LIST, SET -> {
        int count = readVar(in);
        out.writeVar(count);
        for (int i = 0; i < count; i++) {
          copy(in, out, renumber);
        }
      }
      case MAP -> {
        int count = readVar(in);
        out.writeVar(count);
        for (int i = 0; i < 2 * count; i++) {
          copy(in, out, renumber);
        }
      }
      case ENUM -> {
        out.writeVar(renumber.applyAsInt(readVar(in)));
        out.writeVar(renumber.applyAsInt(readVar(in)));
      }
      case RECORD -> {
        out.writeVar(renumber.applyAsInt(readVar(in)));
        int components = in.get() & 0xff;
        out.write(components);
        for (int i = 0; i < components; i++) {
          copy(in, out, renumber);
        }
      }
      default -> throw new IOException("unknown tag " + tag);
    }
  }

  /**
   * A number written in 7-bit groups, lowest first, the high bit set on all but the last (at most
   * five bytes): string numbers, counts and most values are small, and a folder's facts hold tens
   * of thousands of them (fixed four-byte ints made an overlay's pack of 10,000 tenants some 40%
   * larger, held in memory until the overlay is judged).
   */
  private static int readVar(ByteBuffer in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.get();
      value |= (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IOException("damaged number");
  }

  private static Shape shape(Class<?> type) {
    return SHAPES.computeIfAbsent(type, Shape::of);
  }

  private static boolean ours(Class<?> type) {
    return type.getPackageName().equals(PACKAGE);
  }

  private static final class Writer {
    private final ToIntFunction<String> strings;
    /** The numbers this encoding used: the caller's table is asked once per distinct string. */
    private final Map<String, Integer> numbers = new HashMap<>(512);
    private final Buffer out = new Buffer(1024);

    Writer(ToIntFunction<String> strings) {
      this.strings = strings;
    }

    void value(Object value) {
      // The most frequent first: strings and records are most of a folder's facts, and a failed
      // test against an interface (List, Set, Map) is the costly kind.
      if (value == null) {
        out.write(NULL);
      } else if (value instanceof String s) {
        out.write(STRING);
        string(s);
      } else if (value instanceof Record record) {
        record(record);
      } else if (value instanceof List<?> list) {
        out.write(LIST);
        out.writeVar(list.size());
        for (Object item : list) {
          value(item);
        }
      } else if (value instanceof Integer i) {
        out.write(INT);
        out.writeVar(i);
      } else if (value instanceof Boolean b) {
        out.write(b ? TRUE : FALSE);
      } else if (value instanceof Map<?, ?> map) {
        out.write(MAP);
        out.writeVar(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          value(entry.getKey());
          value(entry.getValue());
        }
      } else if (value instanceof Set<?> set) {
        out.write(SET);
        out.writeVar(set.size());
        for (Object item : set) {
          value(item);
        }
      } else if (value instanceof Enum<?> constant && ours(constant.getDeclaringClass())) {
        out.write(ENUM);
        string(constant.getDeclaringClass().getName());
        string(constant.name());
      } else if (value instanceof Long l) {
        out.write(LONG);
        out.writeLong(l);
      } else if (value instanceof Double d) {
        out.write(DOUBLE);
        out.writeLong(Double.doubleToRawLongBits(d));
      } else if (value instanceof BigInteger big) {
        byte[] magnitude = big.toByteArray();
        out.write(BIG);
        out.writeVar(magnitude.length);
        out.writeBytes(magnitude);
      } else {
        throw cannotKeep(value.getClass());
      }
    }

    private static IllegalArgumentException cannotKeep(Class<?> type) {
      return new IllegalArgumentException("a fact holds a " + type.getName() + ", which the cache cannot keep");
    }

    private void record(Record record) {
      Class<?> type = record.getClass();
      Shape shape = SHAPES.get(type);
      if (shape == null) {
        if (!ours(type)) {
          throw cannotKeep(type);
        }
        shape = shape(type);
      }
      Field[] components = shape.components();
      out.write(RECORD);
      string(type.getName());
      out.write(components.length);
      for (Field component : components) {
        value(RecordFields.read(component, record));
      }
    }

    private void string(String s) {
      Integer number = numbers.get(s);
      if (number == null) {
        number = strings.applyAsInt(s);
        numbers.put(s, number);
      }
      out.writeVar(number);
    }
  }

  /** A growing byte array written big-endian, without the locks of the JDK's streams. */
  private static final class Buffer {
    private byte[] bytes;
    private int size;

    Buffer(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    /** {@code v} as {@link #readVar} reads it (a negative int takes five bytes). */
    void writeVar(int v) {
      ensure(5);
      while ((v & ~0x7f) != 0) {
        bytes[size++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    void writeInt(int v) {
      ensure(4);
      bytes[size++] = (byte) (v >>> 24);
      bytes[size++] = (byte) (v >>> 16);
      bytes[size++] = (byte) (v >>> 8);
      bytes[size++] = (byte) v;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    void writeBytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  private static final class Reader {
    private final ByteBuffer in;
    private final IntFunction<String> strings;
    private final FactParts parts;
    private int depth;
    /** How many {@link Ref}s it has built: a value that added none names no place, and is shared. */
    private int places;

    Reader(ByteBuffer in, IntFunction<String> strings, FactParts parts) {
      this.in = in;
      this.strings = strings;
      this.parts = parts;
    }

    /**
     * One value; nesting is bounded (facts are a few levels deep), so damage cannot exhaust the
     * stack. A value without a place in it is the instance {@link FactParts} holds for its
     * encoding, unless it is a string, an enum constant or a shared constant already: an encoding
     * of two bytes (a tag and a number under 128) is a small Integer, a boolean, null or an empty
     * collection.
     */
    Object value() throws IOException {
      if (++depth > MAX_DEPTH) {
        throw new IOException("nested too deep");
      }
      try {
        int start = in.position();
        int placesBefore = places;
        int tag = in.get() & 0xff;
        Object value = valueAt(tag);
        return places == placesBefore && tag != STRING && tag != ENUM && in.position() - start > 2
            ? parts.share(in.array(), start, in.position(), value) : value;
      } finally {
        depth--;
      }
    }

    private Object valueAt(int tag) throws IOException {
      switch (tag) {
        case NULL:
          return null;
        case STRING:
          return string();
        case INT:
          return readVar(in);
        case LONG:
          return in.getLong();
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        case DOUBLE:
          return Double.longBitsToDouble(in.getLong());
        case BIG: {
          byte[] magnitude = new byte[count()];
          in.get(magnitude);
          return new BigInteger(magnitude);
        }
        // Sized to fit: a gate holds the decoded facts of a whole overlay, mostly collections of
        // none or one value (at 10,000 tenants, 2 million lists and a quarter of a million maps),
        // which take the JDK's shared empty and singleton collections. Those keep null values and
        // questions about null, as the facts do. Facts are never changed once made.
        case LIST: {
          int count = count();
          if (count <= 1) {
            return count == 0 ? Collections.emptyList() : Collections.singletonList(value());
          }
          List<Object> list = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            list.add(value());
          }
          return list;
        }
        case SET: {
          int count = count();
          if (count <= 1) {
            return count == 0 ? Collections.emptySet() : Collections.singleton(value());
          }
          Set<Object> set = new LinkedHashSet<>(capacity(count));
          for (int i = 0; i < count; i++) {
            set.add(value());
          }
          return set;
        }
        case MAP: {
          int count = count();
          if (count <= 1) {
            return count == 0 ? Collections.emptyMap() : Collections.singletonMap(value(), value());
          }
          Map<Object, Object> map = new LinkedHashMap<>(capacity(count));
          for (int i = 0; i < count; i++) {
            map.put(value(), value());
          }
          return map;
        }
        case ENUM:
          return constant(type(string(), Enum.class), string());
        case RECORD:
          return record(type(string(), Record.class));
        default:
          throw new IOException("unknown tag " + tag);
      }
    }

    /** A hash table's capacity that holds {@code count} entries without growing. */
    private static int capacity(int count) {
      return (int) Math.ceil(count / 0.75);
    }

    private int count() throws IOException {
      int count = readVar(in);
      if (count < 0 || count > in.remaining()) {
        throw new IOException("damaged count");
      }
      return count;
    }

    private String string() throws IOException {
      String s = strings.apply(readVar(in));
      if (s == null) {
        throw new IOException("unknown string");
      }
      return s;
    }

    /**
     * Only records and enums of this package are ever built. A name is checked once per run, not
     * once per folder: loading a class by name cost a tenth of decoding an overlay's facts.
     */
    private static Class<?> type(String name, Class<?> kind) throws IOException {
      Map<String, Class<?>> known = kind == Enum.class ? ENUMS : RECORDS;
      Class<?> type = known.get(name);
      if (type != null) {
        return type;
      }
      if (!name.startsWith(PACKAGE + ".")) {
        throw new IOException("foreign type " + name);
      }
      try {
        type = Class.forName(name, false, FactsCodec.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IOException("unknown type " + name, e);
      }
      if (!kind.isAssignableFrom(type) || type.isEnum() != (kind == Enum.class)) {
        throw new IOException("not a " + kind.getSimpleName() + ": " + name);
      }
      known.put(name, type);
      return type;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object constant(Class<?> type, String name) {
      return Enum.valueOf((Class) type, name);
    }

    private Object record(Class<?> type) throws IOException {
      Shape shape = shape(type);
      Object[] components = new Object[shape.components().length];
      if ((in.get() & 0xff) != components.length) {
        throw new IOException("another shape of " + type.getName());
      }
      for (int i = 0; i < components.length; i++) {
        components[i] = value();
      }
      if (type == Ref.class) {
        places++;
      }
      try {
        return shape.constructor().newInstance(components);
      } catch (InstantiationException | IllegalAccessException | InvocationTargetException
          | IllegalArgumentException e) {
        throw new IOException("cannot build " + type.getName(), e);
      }
    }
  }
}
