package io.meshplate.yaml;

import io.meshplate.yaml.SourceMap.Position;

/**
 * Positions by JSON Pointer in an open-addressing table of pointers and packed line and column:
 * a run keeps the positions of every descriptor (to cite their lines), and a hash map of
 * {@link Position} records costs about four times as much per node. Filled by one thread while a
 * document is read, then only read.
 */
final class PositionTable {
  private String[] pointers = new String[8];
  private long[] packed = new long[8];
  private int size;

  void put(String pointer, Position position) {
    putPacked(pointer, ((long) position.line() << 32) | (position.column() & 0xFFFF_FFFFL));
  }

  /** Records a position packed as {@link #forEach} gives it. */
  void putPacked(String pointer, long position) {
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
    int slot = slot(pointers, pointer);
    return pointers[slot] == null ? null : new Position((int) (packed[slot] >>> 32), (int) packed[slot]);
  }

  boolean contains(String pointer) {
    return pointers[slot(pointers, pointer)] != null;
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

  /** Each pointer with its packed line and column, in table order. */
  void forEach(java.util.function.ObjLongConsumer<String> action) {
    for (int i = 0; i < pointers.length; i++) {
      if (pointers[i] != null) {
        action.accept(pointers[i], packed[i]);
      }
    }
  }
}
