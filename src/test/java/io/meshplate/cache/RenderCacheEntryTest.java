package io.meshplate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.output.FileId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entry of the render cache reads back as it was stored, whole or without its facts (as a run
 * that replays an identical one reads it), and a damaged entry reads as none either way: the
 * checksum covers the facts a replay skips.
 */
class RenderCacheEntryTest {
  @TempDir Path dir;

  private final byte[] key = RenderCache.disabled().key(digest -> digest.update((byte) 7));
  private final List<FileId> files = List.of(
      FileId.of("namespace.yaml", "kind: Namespace\n".getBytes(StandardCharsets.UTF_8)),
      FileId.of("argocd/application.yaml", "kind: Application\n".getBytes(StandardCharsets.UTF_8)));
  private final byte[] facts = "facts of the overlay-wide checks".getBytes(StandardCharsets.UTF_8);

  @Test
  void anEntryReadsBackWholeOrWithoutItsFacts() throws IOException {
    RenderCache cache = RenderCache.open(CacheDir.open(dir));
    cache.put(key, RenderCache.Entry.of(files, 12, facts));

    RenderCache.Entry entry = RenderCache.open(CacheDir.open(dir)).get(key);
    assertThat(entry.files()).isEqualTo(files);
    assertThat(entry.objects()).isEqualTo(12);
    assertThat(entry.factsIn().readAllBytes()).isEqualTo(facts);

    RenderCache.Rendered rendered = RenderCache.open(CacheDir.open(dir)).rendered(key);
    assertThat(rendered.files()).isEqualTo(files);
    assertThat(rendered.objects()).isEqualTo(12);

    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    assertThat(cache.rendered(otherKey)).isNull();
  }

  @Test
  void aDamagedEntryReadsAsNoneWithOrWithoutItsFacts() throws IOException {
    RenderCache.open(CacheDir.open(dir)).put(key, RenderCache.Entry.of(files, 12, facts));
    Path file = entryFile();
    byte[] stored = Files.readAllBytes(file);
    int inFacts = indexOf(stored, facts) + 3;

    byte[] flipped = stored.clone();
    flipped[inFacts] ^= 1;
    Files.write(file, flipped);
    RenderCache cache = RenderCache.open(CacheDir.open(dir));
    assertThat(cache.get(key)).as("a byte of the facts flipped").isNull();
    assertThat(cache.rendered(key)).as("a byte of the facts flipped, facts skipped").isNull();

    Files.write(file, Arrays.copyOf(stored, inFacts));
    assertThat(cache.get(key)).as("cut in its facts").isNull();
    assertThat(cache.rendered(key)).as("cut in its facts, facts skipped").isNull();
  }

  private Path entryFile() throws IOException {
    String hex = HexFormat.of().formatHex(key);
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.getFileName().toString().equals(hex.substring(2))).findFirst().orElseThrow();
    }
  }

  private static int indexOf(byte[] in, byte[] part) {
    for (int i = 0; i + part.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not stored as is");
  }
}
