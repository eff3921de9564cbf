package io.meshplate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growing byte array to write meshplate's own binary state into (cache entries, kept findings,
 * fingerprinted declarations), the counterpart of {@link BytesIn}: {@link
 * java.io.ByteArrayOutputStream} takes a lock on every write, and a {@link java.io.DataOutputStream}
 * writes an int as four of them. This stream is for one thread.
 */
public final class BytesOut extends OutputStream {
  private byte[] bytes;
  private int size;

  /** @param capacity the bytes expected; the array grows past them as needed */
  public BytesOut(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  @Override
  public void write(int b) {
    if (size == bytes.length) {
      grow(1);
    }
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] from) {
    write(from, 0, from.length);
  }

  @Override
  public void write(byte[] from, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, from.length);
    if (size + length > bytes.length) {
      grow(length);
    }
    System.arraycopy(from, offset, bytes, size, length);
    size += length;
  }

  private void grow(int more) {
    long wanted = Math.max((long) size + more, 2L * bytes.length);
    if (wanted > Integer.MAX_VALUE - 8) {
      if ((long) size + more > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("more than 2 GiB of state to write");
      }
      wanted = Integer.MAX_VALUE - 8;
    }
    bytes = Arrays.copyOf(bytes, (int) wanted);
  }

  /** A copy of what was written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** How many bytes were written. */
  public int size() {
    return size;
  }

  /** Writes what was written to {@code out}, without a copy. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }
}
