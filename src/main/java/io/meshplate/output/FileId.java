package io.meshplate.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A rendered file known by its content id, as the render cache remembers it: its name in its
 * folder, its size and its Git blob id (SHA-1 over {@code blob <size>\0} and the bytes), so a
 * cached folder can be compared with {@code output/} and with a commit without its bytes.
 */
public record FileId(String name, long size, byte[] blob) {
  public FileId {
    blob = blob.clone();
  }

  @Override
  public byte[] blob() {
    return blob.clone();
  }

  /** The id of {@code bytes} under {@code name}. */
  public static FileId of(String name, byte[] bytes) {
    return new FileId(name, bytes.length, blobId(bytes));
  }

  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** The Git blob id of a content. */
  public static byte[] blobId(byte[] bytes) {
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
    return sha1.digest(bytes);
  }

  boolean sameBlob(byte[] other) {
    return Arrays.equals(blob, other);
  }

  /** The blob id as Git prints it. */
  public String hex() {
    return HexFormat.of().formatHex(blob);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FileId id && name.equals(id.name) && size == id.size && Arrays.equals(blob, id.blob);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return name + "@" + hex();
  }
}
