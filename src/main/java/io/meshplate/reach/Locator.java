package io.meshplate.reach;

import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns a {@link Ref} into an {@link Origin} with its line. Rendered files are parsed for
 * positions only when a report cites them, so the check inside {@code render} costs nothing
 * when it finds nothing; descriptor positions come with the descriptors.
 */
final class Locator {
  /** Cites files without lines. */
  static final Locator NONE = new Locator(file -> null, Map.of());

  private final Function<String, byte[]> contents;
  private final Map<String, List<SourceMap>> known;
  private final Map<String, List<SourceMap>> parsed = new ConcurrentHashMap<>();

  /**
   * @param contents the bytes of a file named as in {@link Ref#file()}, or null when unavailable
   * @param known positions already at hand (descriptors), by file
   */
  Locator(Function<String, byte[]> contents, Map<String, List<SourceMap>> known) {
    this.contents = contents;
    this.known = Map.copyOf(known);
  }

  Origin origin(Ref ref) {
    if (ref.line() > 0) {
      return new Origin(ref.file(), ref.line(), ref.object());
    }
    List<SourceMap> documents = known.containsKey(ref.file()) ? known.get(ref.file())
        : parsed.computeIfAbsent(ref.file(), this::parse);
    int line = 0;
    if (ref.document() < documents.size()) {
      line = documents.get(ref.document()).value(ref.pointer()).line();
    }
    return new Origin(ref.file(), line, ref.object());
  }

  private List<SourceMap> parse(String file) {
    byte[] bytes = contents.apply(file);
    if (bytes == null) {
      return List.of();
    }
    try {
      return StrictYaml.readAll(file, bytes, YamlLimits.PLATFORM).stream()
          .map(StrictYaml.Document::positions).toList();
    } catch (RuntimeException unreadable) {
      return List.of(); // a citation without a line is still a citation
    }
  }
}
