package io.meshplate.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the kernel says about write-back (Linux {@code /proc}): which boot this is, and how long a
 * written page may stay in memory before it is written back.
 */
final class Writeback {
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
  private static final Path EXPIRE = Path.of("/proc/sys/vm/dirty_expire_centisecs");
  private static final Path INTERVAL = Path.of("/proc/sys/vm/dirty_writeback_centisecs");
  private static final Duration MINIMUM = Duration.ofMinutes(1);

  private Writeback() {}

  /** The kernel's boot id, or null where there is none (then every written file is flushed). */
  static String bootId() {
    try {
      String id = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
      return id.matches("[0-9a-f-]{8,64}") ? id : null;
    } catch (IOException | SecurityException unavailable) {
      return null;
    }
  }

  /** How old a write must be before the kernel has surely written it back. */
  static Duration window() {
    long centis = 2 * centiseconds(EXPIRE, 3000) + centiseconds(INTERVAL, 500);
    Duration window = Duration.ofMillis(centis * 10);
    return window.compareTo(MINIMUM) < 0 ? MINIMUM : window;
  }

  private static long centiseconds(Path file, long fallback) {
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException | NumberFormatException | SecurityException unavailable) {
      return fallback;
    }
  }
}
