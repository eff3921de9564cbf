package io.meshplate.cache;

import io.meshplate.BytesIn;
import io.meshplate.output.Sealed;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A cache file read and written whole (the kept descriptors, an overlay's facts pack): its format
 * and the build that wrote it, then the body, {@link Sealed}. A file that is absent, damaged, of
 * another format or of another build reads as nothing, and a write that fails leaves the file as
 * it was: either only costs time in the next run.
 */
final class PackFile {
  /** Reads a body; throws on anything that does not fit (damage). */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(DataInputStream in) throws IOException;
  }

  /** Writes a body. */
  @FunctionalInterface
  interface BodyWriter {
    void write(DataOutputStream out) throws IOException;
  }

  private PackFile() {}

  /**
   * The body of {@code file} as {@code body} reads it, or null when the file is absent, damaged,
   * of another format or build, or has bytes {@code body} left unread.
   */
  static <T> T read(Path file, String format, byte[] build, BodyReader<T> body) {
    if (!file.toFile().isFile()) {
      return null; // nothing kept yet, told without the exception the file API throws
    }
    try {
      byte[] all = BytesIn.readFile(file);
      try (DataInputStream in = BytesIn.of(all, Sealed.open(all))) {
        if (!format.equals(in.readUTF()) || !Arrays.equals(build, bytes(in))) {
          return null;
        }
        T read = body.read(in);
        return in.read() == -1 ? read : null;
      }
    } catch (IOException | RuntimeException missOrDamaged) {
      return null;
    }
  }

  /** Replaces {@code file} with the format, the build and {@code body}, atomically; a failure is ignored. */
  static void write(Path file, String format, byte[] build, BodyWriter body) {
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try (DataOutputStream out = new DataOutputStream(Sealed.sealing(
          new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)))) {
        out.writeUTF(format);
        write(out, build);
        body.write(out);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException ignored) {
        // a leftover temp file costs only its space
      }
    }
  }

  /** Writes {@code bytes} after their length. */
  static void write(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /**
   * Writes the {@code length} bytes {@code body} writes after their length, as
   * {@link #write(DataOutputStream, byte[])} does, without first joining them into one array. A
   * body that writes another count fails the write, so the file is not replaced by one that
   * would read back as damaged.
   */
  static void write(DataOutputStream out, int length, BodyWriter body) throws IOException {
    out.writeInt(length);
    int before = out.size();
    body.write(out);
    if (out.size() - before != length) {
      throw new IOException("a body of " + (out.size() - before) + " bytes, not " + length);
    }
  }

  /** What {@link #write(DataOutputStream, byte[])} wrote; a length beyond the bytes left is damage. */
  static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("damaged length");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
