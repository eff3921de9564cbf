package io.meshplate.review;

import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.TemplateOutputReader;
import io.meshplate.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/** Which output files hold reviewable objects, and how they are parsed. */
final class OutputFiles {
  static final String OUTPUT = "output/";
  static final String TEMPLATES = "templates/";

  private OutputFiles() {}

  static boolean isManifest(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  /**
   * The objects of one output file. A {@code kustomization.yaml} is build wiring, not cluster
   * state: it is kept as a file (it marks a tenant folder) but contributes no objects.
   *
   * <p>Output meshplate wrote is read by {@link TemplateOutputReader}, which gives the strict
   * reader's tree for the YAML meshplate writes, with its strings shared as the strict reader
   * shares them, several times faster (a review reads every file of a side it cannot reuse:
   * 43,000 on 1,000 tenants). Text outside that subset (a hand edit) is read by
   * {@link StrictYaml} with positions, so a refusal names its line and column.
   */
  static List<Map<String, Object>> parse(String shownName, String path, byte[] content) {
    if (path.endsWith("/kustomization.yaml") || path.equals("kustomization.yaml")) {
      return List.of();
    }
    List<Object> roots = TemplateOutputReader.readShared(content, YamlLimits.PLATFORM);
    if (roots == null) {
      String text = StrictYaml.text(shownName, content, YamlLimits.PLATFORM);
      roots = StrictYaml.readAll(shownName, text, YamlLimits.PLATFORM).stream().map(StrictYaml.Document::root).toList();
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object root : roots) {
      if (root instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) root;
        objects.add(object);
      }
    }
    return objects;
  }

  /**
   * Parses output files on every core, a batch at a time, and hands each file's objects on in the
   * order the files were added: a side's files are read one after the other (a Git object reader
   * serves one thread), and only a batch's contents are held at once. The first file of a batch
   * that does not parse, in the order added, fails the whole read, whichever core met it first.
   */
  static final class Batch {
    private static final int SIZE = 512;

    /** A file to parse (content) or parsed already (objects). */
    private record Pending(String shownName, String path, byte[] content, List<Map<String, Object>> objects) {}

    private final BiConsumer<String, List<Map<String, Object>>> into;
    private final List<Pending> pending = new ArrayList<>();
    private int toParse;

    /** Into a map by path. */
    Batch(SortedMap<String, List<Map<String, Object>>> into) {
      this(into::put);
    }

    /** Handing each file's path and objects to {@code into}, in the order added. */
    Batch(BiConsumer<String, List<Map<String, Object>>> into) {
      this.into = into;
    }

    /** Parses {@code content} as {@link #parse} does, for {@code path}, by {@link #finish} at the latest. */
    void add(String shownName, String path, byte[] content) {
      pending.add(new Pending(shownName, path, content, null));
      if (++toParse == SIZE) {
        finish();
      }
    }

    /** A file whose objects are known (the other side's parse of the same content), in its turn. */
    void addParsed(String path, List<Map<String, Object>> objects) {
      pending.add(new Pending(null, path, null, objects));
      if (pending.size() == 8 * SIZE) {
        finish(); // a side whose files are nearly all known would otherwise hand nothing on until the end
      }
    }

    /** Parses what is pending, and hands everything pending on. */
    void finish() {
      List<Object> parsed = pending.parallelStream().map(p -> {
        if (p.objects() != null) {
          return (Object) p.objects();
        }
        try {
          return (Object) parse(p.shownName(), p.path(), p.content());
        } catch (RuntimeException failure) {
          return failure;
        }
      }).toList();
      for (Object result : parsed) {
        if (result instanceof RuntimeException failure) {
          throw failure;
        }
      }
      for (int i = 0; i < parsed.size(); i++) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = (List<Map<String, Object>>) parsed.get(i);
        into.accept(pending.get(i).path(), objects);
      }
      pending.clear();
      toParse = 0;
    }
  }
}
