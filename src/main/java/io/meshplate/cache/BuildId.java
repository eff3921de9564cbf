package io.meshplate.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The code that renders: a digest of meshplate's jar (or class folder) and the Java version, part
 * of every cache key, so a rebuilt meshplate never reuses what an older build rendered. Hashing
 * the ten-megabyte jar costs tens of milliseconds; the result is remembered in
 * {@code .meshplate/cache/build} under the jar's path, size and modification time.
 */
final class BuildId {
  private BuildId() {}

  static byte[] of(Path cacheDir) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(("java " + Runtime.version().feature()).getBytes(StandardCharsets.UTF_8));
      Path code = Path.of(BuildId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(code)) {
        digestFolder(code, digest);
        digest.update(System.getProperty("java.class.path", "").getBytes(StandardCharsets.UTF_8));
      } else {
        digest.update(jarDigest(code, cacheDir));
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException | URISyntaxException | IOException | SecurityException e) {
      return null;
    }
  }

  private static byte[] jarDigest(Path jar, Path cacheDir) throws IOException, NoSuchAlgorithmException {
    String stamp = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
    Path memo = cacheDir.resolve("build");
    try {
      List<String> lines = Files.readAllLines(memo, StandardCharsets.UTF_8);
      if (lines.size() == 2 && lines.get(0).equals(stamp)) {
        return HexFormat.of().parseHex(lines.get(1));
      }
    } catch (IOException | IllegalArgumentException absent) {
      // computed below
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(jar)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    byte[] id = digest.digest();
    try {
      Files.createDirectories(cacheDir);
      Path temp = cacheDir.resolve("build.tmp");
      Files.writeString(temp, stamp + "\n" + HexFormat.of().formatHex(id) + "\n", StandardCharsets.UTF_8);
      Files.move(temp, memo, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException notRemembered) {
      // computed again next time
    }
    return id;
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
