package io.meshplate;

import java.io.DataInputStream;
import java.io.InputStream;

/**
 * A {@link DataInputStream} over a byte array, for meshplate's own binary state (cache entries,
 * kept facts, the output state). {@link java.io.ByteArrayInputStream} takes a lock on every read,
 * and a {@code DataInputStream} reads an int as four of them: decoding the cached facts of a
 * thousand folders spent a tenth of a render in those locks. This stream is for one thread.
 */
public final class BytesIn extends InputStream {
  private final byte[] bytes;
  private final int end;
  private int next;

  private BytesIn(byte[] bytes, int length) {
    if (length < 0 || length > bytes.length) {
      throw new IndexOutOfBoundsException(length);
    }
    this.bytes = bytes;
    this.end = length;
  }

  /** Reads {@code bytes}. */
  public static DataInputStream of(byte[] bytes) {
    return of(bytes, bytes.length);
  }

  /** Reads the first {@code length} bytes of {@code bytes}. */
  public static DataInputStream of(byte[] bytes, int length) {
    return new DataInputStream(new BytesIn(bytes, length));
  }

  @Override
  public int read() {
    return next < end ? bytes[next++] & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, into.length);
    if (length == 0) {
      return 0;
    }
    if (next >= end) {
      return -1;
    }
    int n = Math.min(length, end - next);
    System.arraycopy(bytes, next, into, offset, n);
    next += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, end - next));
    next += (int) skipped;
    return skipped;
  }

  @Override
  public int available() {
    return end - next;
  }
}
