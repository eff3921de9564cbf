package io.meshplate.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The code that renders: a digest of meshplate's jar (or class folder) and the Java version, part
 * of every cache key, so a rebuilt meshplate never reuses what an older build rendered. For a jar
 * it is taken over the name, size and CRC-32 of every entry, read from the jar's central
 * directory without inflating anything; any change of any class or resource changes it.
 */
final class BuildId {
  private BuildId() {}

  static byte[] of() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(("java " + Runtime.version().feature()).getBytes(StandardCharsets.UTF_8));
      Path code = Path.of(BuildId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(code)) {
        digestFolder(code, digest);
        digest.update(System.getProperty("java.class.path", "").getBytes(StandardCharsets.UTF_8));
      } else {
        digestJar(code, digest);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException | URISyntaxException | IOException | SecurityException e) {
      return null;
    }
  }

  private static void digestJar(Path jar, MessageDigest digest) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
        digest.update((entry.getSize() + ":" + entry.getCrc() + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  private static void digestFolder(Path root, MessageDigest digest) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(file));
      }
    }
  }
}
