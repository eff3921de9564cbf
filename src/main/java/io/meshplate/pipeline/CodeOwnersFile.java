package io.meshplate.pipeline;

import io.meshplate.IoFailure;
import io.meshplate.descriptor.Tenants;
import io.meshplate.review.Reviewer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code .github/CODEOWNERS}, generated from every descriptor's owners and the platform value
 * {@code platform.team}. It lies outside {@code output/}, so the output journal does not cover
 * it: it is written after the output, on its own, by temp file and atomic rename, and only when
 * its bytes change. A crash between the two writes leaves a stale file that {@code check} reports.
 */
final class CodeOwnersFile {
  static final String PATH = ".github/CODEOWNERS";

  private CodeOwnersFile() {}

  /** The file's text, or null when the platform names no team (the file is then not managed). */
  static String text(Tenants tenants, Map<String, Object> platformDefaults) {
    Object platform = platformDefaults.get("platform");
    if (!(platform instanceof Map<?, ?> values) || !(values.get("team") instanceof String team) || team.isBlank()) {
      return null;
    }
    return Reviewer.codeOwners(tenants.all(), team.strip());
  }

  /** True when the file on disk differs from {@code text} (missing counts as different). */
  static boolean isStale(Path root, String text) {
    return text != null && !Arrays.equals(current(root), text.getBytes(StandardCharsets.UTF_8));
  }

  /** What is on disk now; empty when the file does not exist. */
  static byte[] current(Path root) {
    try {
      return Files.readAllBytes(root.resolve(PATH));
    } catch (NoSuchFileException e) {
      return new byte[0];
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, PATH, "cannot read", e);
    }
  }

  /** Writes {@code text} when it changed; returns whether it wrote. */
  static boolean write(Path root, String text) {
    if (!isStale(root, text)) {
      return false;
    }
    Path target = root.resolve(PATH);
    Path temp = target.resolveSibling(".CODEOWNERS.meshplate-tmp");
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the original error is the one to report
      }
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, PATH, "cannot write (output/ was written; run render again to retry)", e);
    }
  }
}
