package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.ObjectKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * No two objects of one overlay share group, kind, namespace and name: the second would
 * silently replace the first in the cluster. Overlays are separate clusters, so the same
 * platform object in {@code prod} and {@code prod-eu} is fine. One index, no pairwise compare.
 */
final class UniqueObjects implements Invariant {
  private record Slot(String overlay, ObjectKey key) {}

  @Override
  public String rule() {
    return "INV-OBJECT-COLLISION";
  }

  @Override
  public void check(RenderedObjects objects, List<Problem> problems) {
    Map<Slot, PlacedObject> first = new HashMap<>();
    for (PlacedObject placed : objects.all) {
      PlacedObject earlier = first.putIfAbsent(new Slot(placed.file().overlay(), placed.key()), placed);
      if (earlier != null) {
        problems.add(placed.problem(rule(), "collides with the same object in output/" + earlier.file().path(),
            "give one of them another name; two owners of one object overwrite each other"));
      }
    }
  }
}
