package io.meshplate.yaml;

import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Parsed YAML values held for a whole run, immutable and compact: a mapping becomes one array of
 * keys and values in document order, a sequence an immutable list. A parsed mapping is a
 * {@link java.util.LinkedHashMap} (a table, and an entry object per key), about 250 bytes for three keys
 * against about 60 here; a review of 10,000 tenants holds some 600,000 mappings, and as many
 * sequences, of objects it only reads. Null values are kept and the order is the document's, so a frozen value equals,
 * prints and iterates as the value it was made from. Lookups scan the keys: the mappings of
 * Kubernetes objects have a handful.
 */
public final class Frozen {
  private Frozen() {}

  /** {@code value} frozen all the way down; a value frozen already is returned as it is. */
  public static Object of(Object value) {
    if (value instanceof String || value instanceof Mapping || value instanceof Sequence) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Object[] entries = new Object[map.size() * 2];
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries[i++] = entry.getKey();
        entries[i++] = of(entry.getValue());
      }
      return new Mapping(entries);
    }
    if (value instanceof List<?> list) {
      Object[] items = new Object[list.size()];
      int i = 0;
      for (Object item : list) {
        items[i++] = of(item);
      }
      return new Sequence(items);
    }
    return value;
  }

  /**
   * A mapping of {@code entries}, keys at even indexes each followed by its value, taken as they
   * are (not copied, not frozen further): for a reader that builds frozen trees as it parses.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mapping(Object[] entries) {
    return (Map<String, Object>) (Map<?, ?>) new Mapping(entries);
  }

  /** A sequence of {@code items}, taken as they are (see {@link #mapping}). */
  static List<Object> sequence(Object[] items) {
    return new Sequence(items);
  }

  /** {@link #of} of a file's objects. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> objects(List<Map<String, Object>> objects) {
    return (List<Map<String, Object>>) of(objects);
  }

  /** An immutable mapping in document order. */
  private static final class Mapping extends AbstractMap<Object, Object> {
    /** Keys at even indexes, each followed by its value. */
    private final Object[] entries;

    Mapping(Object[] entries) {
      this.entries = entries;
    }

    @Override
    public int size() {
      return entries.length / 2;
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
      int i = indexOf(key);
      return i < 0 ? null : entries[i + 1];
    }

    private int indexOf(Object key) {
      for (int i = 0; i < entries.length; i += 2) {
        if (Objects.equals(entries[i], key)) {
          return i;
        }
      }
      return -1;
    }

    // Keys, values and forEach walk the array: through the entry set each step made an entry
    // object (the connectivity model looks at every key of the objects it reads).
    @Override
    public Set<Object> keySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return Mapping.this.size();
        }

        @Override
        public boolean contains(Object key) {
          return indexOf(key) >= 0;
        }

        @Override
        public Iterator<Object> iterator() {
          return new Stepping(entries, 0);
        }
      };
    }

    @Override
    public Collection<Object> values() {
      return new AbstractCollection<>() {
        @Override
        public int size() {
          return Mapping.this.size();
        }

        @Override
        public Iterator<Object> iterator() {
          return new Stepping(entries, 1);
        }
      };
    }

    @Override
    public void forEach(BiConsumer<? super Object, ? super Object> action) {
      for (int i = 0; i < entries.length; i += 2) {
        action.accept(entries[i], entries[i + 1]);
      }
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return entries.length / 2;
        }

        @Override
        public Iterator<Map.Entry<Object, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < entries.length;
            }

            @Override
            public Map.Entry<Object, Object> next() {
              if (next >= entries.length) {
                throw new NoSuchElementException();
              }
              Map.Entry<Object, Object> entry = new SimpleImmutableEntry<>(entries[next], entries[next + 1]);
              next += 2;
              return entry;
            }
          };
        }
      };
    }
  }

  /** Every other element of an array, from {@code first}: a mapping's keys or its values. */
  private static final class Stepping implements Iterator<Object> {
    private final Object[] entries;
    private int next;

    Stepping(Object[] entries, int first) {
      this.entries = entries;
      this.next = first;
    }

    @Override
    public boolean hasNext() {
      return next < entries.length;
    }

    @Override
    public Object next() {
      if (next >= entries.length) {
        throw new NoSuchElementException();
      }
      Object item = entries[next];
      next += 2;
      return item;
    }
  }

  /** An immutable sequence; it may hold nulls, as YAML sequences may. */
  private static final class Sequence extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;

    Sequence(Object[] items) {
      this.items = items;
    }

    @Override
    public Object get(int index) {
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }

  /** Whether {@code value} is frozen ({@link #of} returns it as it is). */
  public static boolean is(Object value) {
    return value instanceof Mapping || value instanceof Sequence;
  }
}
