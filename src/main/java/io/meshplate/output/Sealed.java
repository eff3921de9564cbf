package io.meshplate.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * meshplate's own state files (the render cache's entries, the last run's record, the output
 * state) end in the CRC-32C of what precedes it: a damaged or truncated file reads as absent.
 * The seal detects damage, not forgery: whoever can write {@code .meshplate/} could write any
 * digest as well, and every cache entry is still checked against the key it was asked for.
 * CRC-32C rather than a cryptographic digest because these files are read by every run
 * (thousands of entries), and the JVM computes CRC-32C with the CPU's instruction.
 */
public final class Sealed {
  private static final int LENGTH = Integer.BYTES;

  private Sealed() {}

  /** {@code body} followed by its seal. */
  public static byte[] seal(byte[] body) {
    byte[] all = Arrays.copyOf(body, body.length + LENGTH);
    ByteBuffer.wrap(all, body.length, LENGTH).putInt(crc(body, body.length));
    return all;
  }

  /**
   * A stream that writes through to {@code target} and, when closed, ends it with the seal of
   * what went through: for a file too large to hold twice.
   */
  public static OutputStream sealing(OutputStream target) {
    CRC32C crc = new CRC32C();
    return new CheckedOutputStream(target, crc) {
      private boolean sealed;

      @Override
      public void close() throws IOException {
        if (!sealed) {
          sealed = true;
          flush();
          target.write(ByteBuffer.allocate(LENGTH).putInt((int) crc.getValue()).array());
        }
        super.close();
      }
    };
  }

  /**
   * The length of the body of a sealed file.
   *
   * @throws IOException when the file is too short or its seal does not match
   */
  public static int open(byte[] all) throws IOException {
    int body = all.length - LENGTH;
    if (body < 0 || ByteBuffer.wrap(all, body, LENGTH).getInt() != crc(all, body)) {
      throw new IOException("damaged state file");
    }
    return body;
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }
}
