package io.meshplate.cache;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Cache files end in the SHA-256 of what precedes it: a damaged file reads as absent. */
final class Sealed {
  private static final int LENGTH = 32;

  private Sealed() {}

  static byte[] seal(byte[] body) {
    byte[] all = Arrays.copyOf(body, body.length + LENGTH);
    System.arraycopy(sha256(body, body.length), 0, all, body.length, LENGTH);
    return all;
  }

  /** The length of the body of a sealed file. */
  static int open(byte[] all) throws IOException {
    int body = all.length - LENGTH;
    if (body < 0 || !Arrays.equals(sha256(all, body), Arrays.copyOfRange(all, body, all.length))) {
      throw new IOException("damaged cache file");
    }
    return body;
  }

  private static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
