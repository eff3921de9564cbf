package io.meshplate.cache;

import io.meshplate.descriptor.SchemaMemo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SchemaMemo} in {@code .meshplate/cache/schema-passed}: the SHA-256 of every descriptor
 * content that passed the JSON Schema in the last run, under the id of the build that checked
 * it. Saved after a run whose descriptors all loaded, with exactly that run's contents.
 */
public final class DescriptorMemo implements SchemaMemo {
  private static final String HEADER = "meshplate-schema-memo 1 ";

  private final Path file;
  private final String build;
  private final Set<String> known;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private DescriptorMemo(Path file, String build, Set<String> known) {
    this.file = file;
    this.build = build;
    this.known = known;
  }

  public static SchemaMemo open(CacheDir cache) {
    if (!cache.enabled()) {
      return SchemaMemo.NONE;
    }
    Path file = cache.dir().resolve("schema-passed");
    String build = HexFormat.of().formatHex(cache.build());
    Set<String> known = Set.of();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      if (!lines.isEmpty() && lines.get(0).equals(HEADER + build)) {
        known = Set.copyOf(lines.subList(1, lines.size()));
      }
    } catch (IOException | RuntimeException absentOrDamaged) {
      // validated afresh
    }
    return new DescriptorMemo(file, build, known);
  }

  @Override
  public boolean passed(byte[] contentDigest) {
    return known.contains(HexFormat.of().formatHex(contentDigest));
  }

  @Override
  public void remember(byte[] contentDigest) {
    seen.add(HexFormat.of().formatHex(contentDigest));
  }

  /** Saves what this run saw; failing to only costs time next run. */
  public static void save(SchemaMemo memo) {
    if (memo instanceof DescriptorMemo own && !own.seen.equals(own.known)) {
      own.write();
    }
  }

  private void write() {
    Path temp = file.resolveSibling("schema-passed.tmp");
    try {
      Files.createDirectories(file.getParent());
      StringBuilder text = new StringBuilder(HEADER).append(build).append('\n');
      new TreeSet<>(seen).forEach(hex -> text.append(hex).append('\n'));
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // replaced next time
      }
    }
  }
}
