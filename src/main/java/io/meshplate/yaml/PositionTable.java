package io.meshplate.yaml;

import io.meshplate.yaml.SourceMap.Position;
import java.util.Arrays;
import java.util.function.ObjLongConsumer;

/**
 * Positions by JSON Pointer in an open-addressing table of pointers and packed line and column:
 * a run keeps the positions of every descriptor (to cite their lines), and a hash map of
 * {@link Position} records costs about four times as much per node. Filled by one thread while a
 * document is read, then {@link #seal sealed} and only read.
 */
final class PositionTable {
  private String[] pointers = new String[8];
  private long[] packed = new long[8];
  private int size;
  /**
   * Whether the table is sealed: its pointers sorted, both arrays exactly as long as the entries.
   * An open table is a quarter to two thirds empty, and 10,000 descriptors held 40 MB of tables;
   * a sealed one is looked up by binary search, which only citing a line does.
   */
  private boolean sealed;

  void put(String pointer, Position position) {
    putPacked(pointer, ((long) position.line() << 32) | (position.column() & 0xFFFF_FFFFL));
  }

  /** Records a position packed as {@link #forEach} gives it. */
  void putPacked(String pointer, long position) {
    if (sealed) {
      throw new IllegalStateException("a sealed position table is only read");
    }
    if ((size + 1) * 4 > pointers.length * 3) {
      grow();
    }
    int slot = slot(pointers, pointer);
    if (pointers[slot] == null) {
      pointers[slot] = pointer;
      size++;
    }
    packed[slot] = position;
  }

  /** The position recorded at {@code pointer}, or null. */
  Position get(String pointer) {
    int i = indexOf(pointer);
    return i < 0 ? null : new Position((int) (packed[i] >>> 32), (int) packed[i]);
  }

  boolean contains(String pointer) {
    return indexOf(pointer) >= 0;
  }

  /** Where {@code pointer} is held, or -1. */
  private int indexOf(String pointer) {
    if (sealed) {
      return Math.max(Arrays.binarySearch(pointers, pointer), -1);
    }
    int slot = slot(pointers, pointer);
    return pointers[slot] == null ? -1 : slot;
  }

  /** Ends the filling: the table keeps its entries in the least memory from now on. */
  void seal() {
    if (sealed) {
      return;
    }
    String[] sorted = new String[size];
    int n = 0;
    for (String pointer : pointers) {
      if (pointer != null) {
        sorted[n++] = pointer;
      }
    }
    Arrays.sort(sorted);
    long[] positions = new long[size];
    for (int i = 0; i < size; i++) {
      positions[i] = packed[slot(pointers, sorted[i])];
    }
    pointers = sorted;
    packed = positions;
    sealed = true;
  }

  /** Where {@code pointer} is in {@code table}, or the free slot it would take (linear probing). */
  private static int slot(String[] table, String pointer) {
    int mask = table.length - 1;
    int h = pointer.hashCode();
    int slot = (h ^ (h >>> 16)) & mask;
    while (table[slot] != null && !table[slot].equals(pointer)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    String[] oldPointers = pointers;
    long[] oldPacked = packed;
    pointers = new String[oldPointers.length * 2];
    packed = new long[oldPointers.length * 2];
    for (int i = 0; i < oldPointers.length; i++) {
      if (oldPointers[i] != null) {
        int slot = slot(pointers, oldPointers[i]);
        pointers[slot] = oldPointers[i];
        packed[slot] = oldPacked[i];
      }
    }
  }

  int size() {
    return size;
  }

  /** Each pointer with its packed line and column, in table order (sealed: in pointer order). */
  void forEach(ObjLongConsumer<String> action) {
    for (int i = 0; i < pointers.length; i++) {
      if (pointers[i] != null) {
        action.accept(pointers[i], packed[i]);
      }
    }
  }
}
