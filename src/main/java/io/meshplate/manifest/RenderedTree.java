package io.meshplate.manifest;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** Everything one run renders, keyed by output path (sorted, so iteration is deterministic). */
public record RenderedTree(SortedMap<String, RenderedFile> files) {
  public RenderedTree {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }
}
