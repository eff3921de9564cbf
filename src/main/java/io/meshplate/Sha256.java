package io.meshplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the digest meshplate keys its caches and fingerprints its facts with. Every Java
 * runtime must provide it ({@link MessageDigest}'s contract), so its absence is a broken runtime,
 * not a case for callers to handle.
 */
public final class Sha256 {
  private Sha256() {}

  /**
   * A fresh digest copied from, where the provider's digests can be copied: looking the
   * algorithm up among the security providers on every call cost more than summing the few
   * hundred bytes most callers feed in (a render of 1,000 tenants asks for some 100,000).
   */
  private static final MessageDigest PROTOTYPE = lookUp();

  /** A new digest, for one thread. */
  public static MessageDigest digest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException notCopyable) {
      return lookUp();
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every Java runtime", e);
    }
  }

  /** The SHA-256 of {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    return digest().digest(bytes);
  }
}
