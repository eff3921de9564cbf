package io.meshplate;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link DataInputStream} over a byte array, for meshplate's own binary state (cache entries,
 * kept facts, the output state), and the reading of files into byte arrays.
 * {@link java.io.ByteArrayInputStream} takes a lock on every read, and a {@code DataInputStream}
 * reads an int as four of them: decoding the cached facts of a thousand folders spent a tenth of
 * a render in those locks. This stream is for one thread.
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

  /** Bytes a state file is read by at a time (see {@link #readFile}). */
  private static final int BLOCK = 1 << 16;

  /**
   * The bytes of {@code file}, for the state files of many megabytes (an overlay's kept facts, the
   * output state). {@link java.nio.file.Files#readAllBytes} reads through a native buffer as large
   * as the file, new and zeroed whenever the thread has none that large: a cold {@code reach} of
   * 1,000 tenants spent 0.13 s of CPU in that zeroing, mostly first-touch page faults. This reads a
   * block at a time through the thread's cached small buffer. A file that grows while it is read
   * is read to the size it had when opened; one that shrinks, to its end.
   */
  public static byte[] readFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      return read(file, channel, channel.size());
    }
  }

  /**
   * The bytes of a regular file whose size a look at its attributes has just given, not following
   * a link: for the many small files of {@code output/}, read with three system calls (open, read,
   * close) where {@link java.nio.file.Files#readAllBytes} makes five (it asks for the size again
   * and reads once more to meet the end). On a fresh clone of 1,000 tenants, {@code meshplate
   * reach} reads 52,000 files, and each system call costs microseconds on a virtual machine. A file
   * that changed size since the look is read as {@link #readFile(Path)} reads one that changes.
   */
  public static byte[] readFile(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return read(file, channel, size);
    }
  }

  /**
   * As {@link #readFile(Path, long)} for the entry {@code name} of an open folder, opened relative
   * to it: the kernel looks up one name instead of walking the whole path again.
   */
  public static byte[] readFile(SecureDirectoryStream<Path> folder, Path name, long size) throws IOException {
    try (SeekableByteChannel channel = folder.newByteChannel(name, READ_NOT_FOLLOWING)) {
      return read(name, channel, size);
    }
  }

  private static final Set<OpenOption> READ_NOT_FOLLOWING = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private static byte[] read(Path file, ReadableByteChannel channel, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException(file + " is too large to read at once");
    }
    byte[] all = new byte[(int) size];
    int read = 0;
    while (read < all.length) {
      int n = channel.read(ByteBuffer.wrap(all, read, Math.min(BLOCK, all.length - read)));
      if (n < 0) {
        return Arrays.copyOf(all, read);
      }
      read += n;
    }
    return all;
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
    Objects.checkFromIndexSize(offset, length, into.length);
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
