package io.meshplate.overlay;

import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.Trees;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Stacks platform values (defaults, then each overlay's {@code values}) and records who set each leaf. */
final class ValueLayers {
  private ValueLayers() {}

  static OverlayChain resolve(Map<String, Object> defaults, SourceMap defaultsPositions, List<Overlay> chain) {
    SortedMap<String, String> provenance = new TreeMap<>();
    Map<String, Object> values = Trees.deepMerge(Map.of(), defaults, recorder(provenance, defaultsPositions, ""));
    for (Overlay overlay : chain) {
      values = Trees.deepMerge(values, overlay.values(), recorder(provenance, overlay.positions(), "/values"));
    }
    return new OverlayChain(chain, values, provenance);
  }

  /** Where a value was written: the file and the line and column of the value. */
  record Origin(String file, SourceMap.Position position) {}

  /**
   * Where the values of one chain were set, with columns (the provenance of {@link OverlayChain}
   * keeps lines only): the most specific layer that writes the value wins, as in the merge.
   */
  record Origins(SourceMap defaults, List<Overlay> chain) {
    /**
     * The origin of the value at {@code pointer} (into the merged values); for a value no layer
     * sets, the origin of its nearest ancestor that one does.
     */
    Origin of(String pointer) {
      for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
        for (int i = chain.size() - 1; i >= 0; i--) {
          SourceMap positions = chain.get(i).positions();
          if (positions.contains("/values" + p)) {
            return new Origin(positions.file(), positions.value("/values" + p));
          }
        }
        if (defaults.contains(p) || p.isEmpty()) {
          return new Origin(defaults.file(), defaults.value(p));
        }
      }
    }
  }

  private static Trees.MergeListener recorder(
      SortedMap<String, String> provenance, SourceMap positions, String prefix) {
    return (pointer, value) -> {
      SourceMap.Position at = positions.value(prefix + pointer);
      String where = positions.file() + ":" + at.line();
      if (value == null) {
        provenance.keySet().removeIf(p -> p.equals(pointer) || p.startsWith(pointer + "/"));
      } else {
        provenance.keySet().removeIf(p -> p.startsWith(pointer + "/"));
        // A value that replaces a scalar with a map leaves no leaf above it: the scalar's line goes.
        for (int slash = pointer.lastIndexOf('/'); slash > 0; slash = pointer.lastIndexOf('/', slash - 1)) {
          provenance.remove(pointer.substring(0, slash));
        }
        provenance.put(pointer, where);
      }
    };
  }
}
