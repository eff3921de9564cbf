package io.meshplate.explain;

import io.meshplate.yaml.SourceMap;
import java.util.List;
import java.util.Map;

/**
 * One tree of a value chain, with where it was written.
 *
 * @param label as shown ({@code overlay prod})
 * @param positions the source map of the layer's file
 * @param prefix the JSON Pointer of the tree inside that file ({@code /values} for an overlay)
 * @param tree the layer's tree; an empty map when the layer says nothing
 */
record Layer(String label, SourceMap positions, String prefix, Map<String, Object> tree) {

  /** What this layer does to the value at {@code tokens}. */
  Contribution trace(List<String> tokens) {
    Object node = tree;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String pointer = ValuePath.pointer(tokens.subList(0, i + 1));
      if (node instanceof Map<?, ?> map) {
        if (!map.containsKey(token)) {
          return notSet();
        }
        Object child = map.get(token);
        if (child == null) {
          return at(pointer, Contribution.Effect.DELETES, null);
        }
        if (i == tokens.size() - 1) {
          return at(pointer, Contribution.Effect.SETS, child);
        }
        if (!(child instanceof Map<?, ?>)) {
          // a list or scalar replaces everything below it: the layer decides the value, and the
          // line is that of the item or field itself (a list written one field per line spans
          // many lines; the source map falls back to the nearest ancestor it knows)
          Object inside = TreePaths.at(child, tokens.subList(i + 1, tokens.size()));
          return inside == TreePaths.ABSENT
              ? at(pointer, Contribution.Effect.REPLACES_PARENT, null)
              : at(ValuePath.pointer(tokens), Contribution.Effect.SETS, inside);
        }
        node = child;
      } else {
        return notSet();
      }
    }
    return at("", Contribution.Effect.SETS, tree);
  }

  private Contribution notSet() {
    return new Contribution(label, positions.file(), 0, Contribution.Effect.NOT_SET, null);
  }

  private Contribution at(String pointer, Contribution.Effect effect, Object value) {
    return new Contribution(label, positions.file(), positions.value(prefix + pointer).line(), effect, value);
  }
}
