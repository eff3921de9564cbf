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

  private static Trees.MergeListener recorder(
      SortedMap<String, String> provenance, SourceMap positions, String prefix) {
    return (pointer, value) -> {
      SourceMap.Position at = positions.value(prefix + pointer);
      String where = positions.file() + ":" + at.line();
      if (value == null) {
        provenance.keySet().removeIf(p -> p.equals(pointer) || p.startsWith(pointer + "/"));
      } else {
        provenance.keySet().removeIf(p -> p.startsWith(pointer + "/"));
        provenance.put(pointer, where);
      }
    };
  }
}
