package io.meshplate.cache;

import io.meshplate.Sha256;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The code that renders: a digest of meshplate's jar (or class folder) and the Java version, part
 * of every cache key, so a rebuilt meshplate never reuses what an older build rendered. For a jar
 * it is taken over the jar's central directory (the name, sizes and CRC-32 of every entry),
 * read in one piece without inflating anything; any change of any class or resource changes it,
 * but for the odds {@link #checksums} gives.
 */
final class BuildId {
  private BuildId() {}

  /** This build's id, or null when it cannot be had; computed once per process ({@link CacheDir#warmUp}). */
  static byte[] of() {
    byte[] id = Computed.ID;
    return id == null ? null : id.clone();
  }

  /** Holds the id; the JVM computes it once, when it is first asked for. */
  private static final class Computed {
    static final byte[] ID = compute();
  }

  private static byte[] compute() {
    try {
      MessageDigest digest = Sha256.digest();
      digest.update(("java " + Runtime.version().feature()).getBytes(StandardCharsets.UTF_8));
      Path code = Path.of(BuildId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(code)) {
        digestFolder(code, digest);
        digest.update(System.getProperty("java.class.path", "").getBytes(StandardCharsets.UTF_8));
      } else {
        digestJar(code, digest);
      }
      return digest.digest();
    } catch (URISyntaxException | IOException | SecurityException e) {
      return null;
    }
  }

  static void digestJar(Path jar, MessageDigest digest) throws IOException {
    byte[] directory = centralDirectory(jar);
    if (directory != null) {
      digest.update(checksums(directory));
      return;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
        digest.update((entry.getSize() + ":" + entry.getCrc() + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  /**
   * The jar's central directory as it is on disk (every entry's name, sizes and CRC-32, in one
   * read instead of an object per entry), or null when the end record is not where a jar without
   * a comment or ZIP64 extensions has it.
   */
  private static byte[] centralDirectory(Path jar) throws IOException {
    try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < END_RECORD) {
        return null;
      }
      ByteBuffer end = ByteBuffer.allocate(END_RECORD).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(end, size - END_RECORD);
      long length = end.getInt(12) & 0xFFFF_FFFFL;
      long offset = end.getInt(16) & 0xFFFF_FFFFL;
      if (end.getInt(0) != END_SIGNATURE || end.getShort(20) != 0 || offset + length != size - END_RECORD
          || length > Integer.MAX_VALUE) {
        return null;
      }
      ByteBuffer directory = ByteBuffer.allocate((int) length);
      while (directory.hasRemaining() && channel.read(directory, offset + directory.position()) > 0) {
        // read on until the directory is complete
      }
      return directory.hasRemaining() ? null : directory.array();
    }
  }

  /**
   * The directory's length and two checksums of it, CRC-32 and CRC-32C: 64 bits between them. A
   * class's content was and is told apart by the CRC-32 the directory holds for it; its name,
   * size and place by these two, which two different directories share by chance once in 2^64.
   * They take 3-4 ms where SHA-256 of the directory (1.1 MB, 11,000 entries) took 50-60 ms at the
   * start of every command that opens its cache: that early, the interpreter runs the digest
   * (a 2-core machine, Java 17).
   */
  private static byte[] checksums(byte[] directory) {
    CRC32 crc32 = new CRC32();
    crc32.update(directory);
    CRC32C crc32c = new CRC32C();
    crc32c.update(directory);
    return ByteBuffer.allocate(16).putLong(directory.length).putInt((int) crc32.getValue())
        .putInt((int) crc32c.getValue()).array();
  }

  /** The end-of-central-directory record: its signature and its size without a comment. */
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int END_RECORD = 22;

  private static void digestFolder(Path root, MessageDigest digest) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(file));
      }
    }
  }
}
