package io.meshplate.reach;

import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
  /** Origins found ahead of their first read ({@link #locateAll}). */
  private final Map<Ref, Origin> ahead = new ConcurrentHashMap<>();

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
    Origin found = ahead.get(ref);
    if (found != null) {
      return found;
    }
    List<SourceMap> documents = known.containsKey(ref.file()) ? known.get(ref.file())
        : parsed.computeIfAbsent(ref.file(), this::parse);
    return origin(ref, documents);
  }

  private static Origin origin(Ref ref, List<SourceMap> documents) {
    int line = 0;
    if (ref.document() < documents.size()) {
      line = documents.get(ref.document()).value(ref.pointer()).line();
    }
    return new Origin(ref.file(), line, ref.object());
  }

  /**
   * Finds the origins of {@code refs} ahead of their first read, on every core: each rendered
   * file they cite is parsed once and its positions dropped as soon as its references have their
   * lines. Keeping the positions of every cited file instead, as reading one origin at a time
   * does, held hundreds of megabytes for a report of 1,000 tenants, and its collections took
   * longer than the parsing.
   */
  void locateAll(Collection<Ref> refs) {
    Map<String, List<Ref>> byFile = new HashMap<>();
    for (Ref ref : refs) {
      if (ref.line() <= 0 && !known.containsKey(ref.file()) && !ahead.containsKey(ref)) {
        byFile.computeIfAbsent(ref.file(), f -> new ArrayList<>()).add(ref);
      }
    }
    byFile.entrySet().parallelStream().forEach(file -> {
      List<SourceMap> documents = parsed.get(file.getKey());
      if (documents == null) {
        documents = parse(file.getKey());
      }
      for (Ref ref : file.getValue()) {
        ahead.put(ref, origin(ref, documents));
      }
    });
  }

  private List<SourceMap> parse(String file) {
    byte[] bytes = contents.apply(file);
    if (bytes == null) {
      return List.of();
    }
    try {
      return StrictYaml.positions(file, bytes, YamlLimits.PLATFORM);
    } catch (RuntimeException unreadable) {
      return List.of(); // a citation without a line is still a citation
    }
  }
}
