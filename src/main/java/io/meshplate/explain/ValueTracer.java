package io.meshplate.explain;

import io.meshplate.DidYouMean;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.descriptor.Tenant;
import io.meshplate.overlay.Overlay;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.Trees;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Explains one value: every layer of its chain (base defaults, each overlay's {@code values}; for
 * a tenant value the descriptor's {@code spec} and each {@code environmentOverrides.<overlay>} of
 * the chain), what each layer wrote and where, and which layer won.
 */
final class ValueTracer {
  /** Tenant values the model completes from platform values: default when unset, optional cap. */
  private record PlatformDefault(String defaultPointer, String capPointer) {}

  private static final Map<String, PlatformDefault> DEFAULTS = new TreeMap<>(Map.of(
      "/telemetry/tracingPercent", new PlatformDefault("/telemetry/defaultTracingPercent", "/telemetry/maxTracingPercent"),
      "/telemetry/accessLog", new PlatformDefault("/telemetry/defaultAccessLog", null)));

  private final OverlayChain chain;
  private final Map<String, Object> defaults;
  private final SourceMap defaultPositions;

  ValueTracer(OverlayChain chain, Map<String, Object> defaults, SourceMap defaultPositions) {
    this.chain = chain;
    this.defaults = defaults;
    this.defaultPositions = defaultPositions;
  }

  /** @param about what the value is for, from the platform's values schema; empty when it says nothing */
  Explanation platform(ValuePath path, Optional<String> about) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer("base defaults", defaultPositions, "", defaults));
    for (Overlay overlay : chain.overlays()) {
      layers.add(new Layer("overlay " + overlay.name(), overlay.positions(), "/values", overlay.values()));
    }
    String heading = path.display() + " in overlay " + chain.name() + " (chain: " + chainText() + ")";
    return trace(path, layers, chain.values(), heading,
        about.map(text -> List.of("about: " + text + " (templates/base/values.schema.json)")).orElse(List.of()));
  }

  @SuppressWarnings("unchecked")
  Explanation tenant(ValuePath path, Tenant tenant) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer("tenant spec", tenant.positions(), "/spec", tenant.specTree()));
    Map<String, Object> merged = tenant.specTree();
    Object overrides = tenant.specTree().get("environmentOverrides");
    for (String name : chain.names()) {
      Object override = overrides instanceof Map<?, ?> byOverlay ? byOverlay.get(name) : null;
      Map<String, Object> tree = override instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      layers.add(new Layer("environmentOverrides." + name, tenant.positions(),
          SourceMap.child("/spec/environmentOverrides", name), tree));
      merged = Trees.deepMerge(merged, tree);
    }
    String heading = path.display() + " of tenant " + tenant.name() + " in overlay " + chain.name()
        + " (chain: " + chainText() + ")";
    return trace(path, layers, merged, heading, platformDefault(path, TreePaths.at(merged, path.tokens())));
  }

  private Explanation trace(ValuePath path, List<Layer> layers, Map<String, Object> result, String heading,
      List<String> notes) {
    Object value = TreePaths.at(result, path.tokens());
    List<Contribution> contributions = layers.stream().map(l -> l.trace(path.tokens())).toList();
    boolean touched = contributions.stream().anyMatch(c -> c.effect() != Contribution.Effect.NOT_SET);
    if (value == TreePaths.ABSENT && !touched && notes.isEmpty()) {
      throw unknown(path, result);
    }
    List<String> lines = new ArrayList<>();
    lines.add(heading);
    Contribution winner = null;
    for (Contribution c : contributions) {
      if (c.effect() != Contribution.Effect.NOT_SET) {
        winner = c;
      }
    }
    Table table = new Table("  ");
    for (Contribution c : contributions) {
      String what = switch (c.effect()) {
        case NOT_SET -> "(not set here)";
        case SETS -> c.value() instanceof Map<?, ?> m ? "map of " + String.join(", ", keys(m)) : TreePaths.show(c.value());
        case DELETES -> "null (deletes the key)";
        case REPLACES_PARENT -> "(replaces a parent of the value with a non-map)";
      };
      table.row(c.layer(), c.origin(), c == winner ? what + "  <- wins" : what);
    }
    lines.addAll(table.lines());
    if (value == TreePaths.ABSENT) {
      lines.add(winner == null ? "value: (not set)" : "value: (not set; removed by " + winner.origin() + ")");
    } else {
      if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
        lines.add("value: " + TreePaths.show(value) + (winner == null ? "" : " (from " + winner.origin() + ")"));
      } else {
        lines.add("value: a map; each of its values with the layer that set it last:");
        Table leaves = new Table("  ");
        for (List<String> leaf : TreePaths.leaves(map, path.tokens())) {
          Contribution last = null;
          for (Layer layer : layers) {
            Contribution c = layer.trace(leaf);
            if (c.effect() != Contribution.Effect.NOT_SET) {
              last = c;
            }
          }
          leaves.row(ValuePath.display(path.tenantValue(), leaf), last == null ? "" : last.origin(),
              TreePaths.show(TreePaths.at(result, leaf)));
        }
        lines.addAll(leaves.lines());
      }
    }
    lines.addAll(notes);
    return new Explanation(lines);
  }

  private static List<String> keys(Map<?, ?> map) {
    List<String> keys = new ArrayList<>();
    map.keySet().forEach(k -> keys.add(Messages.escape(String.valueOf(k))));
    return keys;
  }

  /** For tenant values the model completes: the platform default and the environment's cap. */
  private List<String> platformDefault(ValuePath path, Object tenantValue) {
    PlatformDefault rule = DEFAULTS.get(path.pointer());
    if (rule == null) {
      return List.of();
    }
    List<String> notes = new ArrayList<>();
    Object seen = tenantValue;
    if (tenantValue == TreePaths.ABSENT || tenantValue == null) {
      seen = platformValue(rule.defaultPointer());
      notes.add("not set by the tenant: templates use " + envPath(rule.defaultPointer()) + " = "
          + TreePaths.show(seen) + " (" + origin(rule.defaultPointer()) + ")");
    }
    Object cap = rule.capPointer() == null ? null : platformValue(rule.capPointer());
    if (cap != null && seen != null && seen != TreePaths.ABSENT) {
      BigDecimal wish = new BigDecimal(seen.toString());
      BigDecimal limit = new BigDecimal(cap.toString());
      String capText = envPath(rule.capPointer()) + " = " + TreePaths.show(cap) + " (" + origin(rule.capPointer()) + ")";
      notes.add(wish.compareTo(limit) > 0
          ? "templates see " + limit.toPlainString() + ": capped at " + capText
          : "templates see " + wish.toPlainString() + ": within the cap " + capText);
    }
    return notes;
  }

  private Object platformValue(String pointer) {
    Object value = TreePaths.at(chain.values(), tokens(pointer));
    return value == TreePaths.ABSENT ? null : value;
  }

  private String origin(String pointer) {
    return chain.provenance().getOrDefault(pointer, "unset");
  }

  private static String envPath(String pointer) {
    return ValuePath.display(false, tokens(pointer));
  }

  private static List<String> tokens(String pointer) {
    return List.of(pointer.substring(1).split("/"));
  }

  private String chainText() {
    return "base > " + String.join(" > ", chain.names());
  }

  private UsageException unknown(ValuePath path, Map<String, Object> result) {
    List<String> known = new ArrayList<>();
    TreePaths.paths(result).forEach(p -> known.add(ValuePath.display(path.tenantValue(), p)));
    String what = path.tenantValue() ? "the tenant's spec" : "the platform values";
    return new UsageException(List.of(new Problem("--value", 0, 0, "EXPLAIN-UNKNOWN-VALUE",
        Messages.escape(path.display()) + " is not set in " + what + " of overlay " + chain.name(),
        DidYouMean.hint(path.display(), known,
            path.tenantValue() ? "tenant values start with spec., e.g. spec.telemetry.tracingPercent"
                : "platform values are the keys of templates/base/defaults.yaml, e.g. env.ingress.domain"))));
  }
}
