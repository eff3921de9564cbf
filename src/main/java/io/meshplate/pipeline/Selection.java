package io.meshplate.pipeline;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one run renders: overlays ({@code --env}) and tenants ({@code --tenant}); empty means all.
 */
public record Selection(Set<String> overlays, Set<String> tenants) {
  public static final Selection ALL = new Selection(Set.of(), Set.of());

  public Selection {
    overlays = Collections.unmodifiableSortedSet(new TreeSet<>(overlays));
    tenants = Collections.unmodifiableSortedSet(new TreeSet<>(tenants));
  }
}
