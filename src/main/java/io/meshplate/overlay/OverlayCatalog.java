package io.meshplate.overlay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every overlay of a workspace, resolved into chains, plus the base platform values.
 *
 * @param defaults {@code templates/base/defaults.yaml}
 * @param chains by overlay name, sorted
 * @param meshVersions {@code templates/base/mesh-versions.yaml}, or null when the workspace has none
 */
public record OverlayCatalog(Map<String, Object> defaults, SortedMap<String, OverlayChain> chains, MeshVersions meshVersions) {

  public OverlayCatalog {
    defaults = Collections.unmodifiableMap(defaults);
    chains = Collections.unmodifiableSortedMap(new TreeMap<>(chains));
  }

  /** A catalog without a version table. */
  public OverlayCatalog(Map<String, Object> defaults, SortedMap<String, OverlayChain> chains) {
    this(defaults, chains, null);
  }

  /** Overlay names, sorted: what {@code --env} accepts. */
  public List<String> names() {
    return new ArrayList<>(chains.keySet());
  }

  /** The chain of one overlay, or null when there is no such overlay. */
  public OverlayChain chain(String name) {
    return chains.get(name);
  }
}
