package io.meshplate.cache;

import io.meshplate.Sha256;
import io.meshplate.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A digest of everything a run reads besides {@code output/}: every entry below
 * {@code tenants/} and {@code templates/} (name, kind, and the bytes of regular files; links
 * are not followed), in sorted order. Equal digests mean the descriptors, platform values,
 * overlays and templates are byte for byte the same.
 */
final class InputDigest {
  private InputDigest() {}

  static void add(Workspace workspace, MessageDigest digest) throws IOException {
    folder(workspace.root(), workspace.tenants(), digest);
    folder(workspace.root(), workspace.templates(), digest);
  }

  private static void folder(Path root, Path dir, MessageDigest digest) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (NoSuchFileException absent) {
      digest.update((byte) 'A');
      return;
    }
    entries.sort(null);
    for (Path entry : entries) {
      BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      digest.update(root.relativize(entry).toString().getBytes(StandardCharsets.UTF_8));
      if (attrs.isDirectory()) {
        digest.update((byte) 'D');
        folder(root, entry, digest);
      } else if (attrs.isRegularFile()) {
        byte[] bytes = Files.readAllBytes(entry);
        digest.update((byte) 'F');
        digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        digest.update(bytes);
      } else {
        digest.update((byte) (attrs.isSymbolicLink() ? 'L' : 'O'));
        if (attrs.isSymbolicLink()) {
          digest.update(Files.readSymbolicLink(entry).toString().getBytes(StandardCharsets.UTF_8));
        }
      }
      digest.update((byte) 0);
    }
    digest.update((byte) 'E');
  }

  /** A digest of every entry below {@code templates/}, as {@link #add} reads it; null when they cannot be read. */
  static byte[] templates(Workspace workspace) {
    try {
      MessageDigest digest = Sha256.digest();
      folder(workspace.root(), workspace.templates(), digest);
      return digest.digest();
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] of(Workspace workspace, byte[] build, String selection) {
    try {
      MessageDigest digest = Sha256.digest();
      digest.update(build);
      digest.update(selection.getBytes(StandardCharsets.UTF_8));
      add(workspace, digest);
      return digest.digest();
    } catch (IOException e) {
      return null;
    }
  }
}
