package io.meshplate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A growing run of bytes to write meshplate's own binary state into (cache entries, kept
 * findings and flows, fingerprinted declarations), the counterpart of {@link BytesIn}:
 * {@link java.io.ByteArrayOutputStream} takes a lock on every write, and a
 * {@link java.io.DataOutputStream} writes an int as four of them. This stream is for one thread.
 *
 * <p>It grows by adding a block as large as all it holds so far, instead of copying into an array
 * twice as large: the kept flows of a table are megabytes per overlay, written while the
 * overlay's flows are evaluated, and every array outgrown on the way had lived long enough to be
 * copied by the collector into the old generation first (on 1,000 tenants x 3 overlays, 2 MiB,
 * 1 MiB, 512 KiB... per overlay). {@link #writeTo} writes the blocks without joining them.
 */
public final class BytesOut extends OutputStream {
  /** Blocks filled before {@link #block}, oldest first; null while there is only the one. */
  private List<byte[]> full;
  private byte[] block;
  /** Bytes written into {@link #block}. */
  private int used;
  /** Bytes in {@link #full}. */
  private int before;

  /** @param capacity the bytes expected; it grows past them as needed */
  public BytesOut(int capacity) {
    block = new byte[Math.max(16, capacity)];
  }

  @Override
  public void write(int b) {
    if (used == block.length) {
      grow(1);
    }
    block[used++] = (byte) b;
  }

  @Override
  public void write(byte[] from) {
    write(from, 0, from.length);
  }

  @Override
  public void write(byte[] from, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, from.length);
    int room = block.length - used;
    if (length > room) {
      System.arraycopy(from, offset, block, used, room);
      used += room;
      offset += room;
      length -= room;
      grow(length);
    }
    System.arraycopy(from, offset, block, used, length);
    used += length;
  }

  /** Moves on to a new block with room for {@code more} bytes at least, the one before being full. */
  private void grow(int more) {
    long total = (long) before + used;
    if (total + more > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("more than 2 GiB of state to write");
    }
    if (full == null) {
      full = new ArrayList<>();
    }
    full.add(block);
    before += used;
    block = new byte[(int) Math.min(Integer.MAX_VALUE - 8 - total, Math.max(more, total))];
    used = 0;
  }

  /** A copy of what was written, in one array. */
  public byte[] toByteArray() {
    if (full == null) {
      return Arrays.copyOf(block, used);
    }
    byte[] all = new byte[before + used];
    int at = 0;
    for (byte[] b : full) {
      System.arraycopy(b, 0, all, at, b.length);
      at += b.length;
    }
    System.arraycopy(block, 0, all, at, used);
    return all;
  }

  /** How many bytes were written. */
  public int size() {
    return before + used;
  }

  /** Writes what was written to {@code out}, without a copy. */
  public void writeTo(OutputStream out) throws IOException {
    if (full != null) {
      for (byte[] b : full) {
        out.write(b);
      }
    }
    out.write(block, 0, used);
  }
}
