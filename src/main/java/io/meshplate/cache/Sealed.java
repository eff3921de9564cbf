package io.meshplate.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Cache files end in the CRC-32C of what precedes it: a damaged or truncated file reads as
 * absent. The seal detects damage, not forgery: whoever can write {@code .meshplate/} could
 * write any digest as well, and every entry is still checked against the key it was asked for.
 * CRC-32C rather than a cryptographic digest because opening the cache is on the path of every
 * unchanged run (thousands of entries), and the JVM computes CRC-32C with the CPU's instruction.
 */
final class Sealed {
  private static final int LENGTH = Integer.BYTES;

  private Sealed() {}

  static byte[] seal(byte[] body) {
    byte[] all = Arrays.copyOf(body, body.length + LENGTH);
    ByteBuffer.wrap(all, body.length, LENGTH).putInt(crc(body, body.length));
    return all;
  }

  /** The length of the body of a sealed file. */
  static int open(byte[] all) throws IOException {
    int body = all.length - LENGTH;
    if (body < 0 || ByteBuffer.wrap(all, body, LENGTH).getInt() != crc(all, body)) {
      throw new IOException("damaged cache file");
    }
    return body;
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }
}
