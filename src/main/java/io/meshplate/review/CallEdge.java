package io.meshplate.review;

import java.util.List;

/**
 * A tenant-to-tenant call allowed by an AuthorizationPolicy ALLOW rule, drawn in the review graph.
 *
 * @param state {@code unchanged}, {@code added} or {@code removed}
 * @param overlays where the edge was added or removed (for unchanged: where it exists), sorted
 */
public record CallEdge(String from, String to, String state, List<String> overlays) {
  public CallEdge {
    overlays = List.copyOf(overlays);
  }
}
