package io.meshplate.policy;

import io.meshplate.manifest.Bundles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The control plane of each overlay whose platform folder is rendered: the OSSM 2
 * ServiceMeshControlPlane or the Sail {@code Istio}, its root namespace and its mesh config.
 */
final class ControlPlanes {
  /**
   * @param object the control-plane resource
   * @param ossm2 a ServiceMeshControlPlane (true) or a Sail Istio (false)
   * @param rootNamespace where mesh-wide Istio policy lives
   * @param meshConfig the mesh config it sets (SMCP {@code spec.meshConfig}, Istio {@code spec.values.meshConfig})
   * @param platform every object of the overlay's platform folder
   */
  record ControlPlane(PlacedObject object, boolean ossm2, String rootNamespace, Map<?, ?> meshConfig,
      List<PlacedObject> platform) {}

  private ControlPlanes() {}

  /** By overlay; overlays without a rendered control plane are absent. */
  static SortedMap<String, ControlPlane> of(RenderedObjects objects) {
    SortedMap<String, List<PlacedObject>> platforms = new TreeMap<>();
    for (PlacedObject placed : objects.all) {
      String folder = Bundles.folderOf(placed.file().path());
      if (placed.file().tenant() == null && !Bundles.isHub(folder)) {
        platforms.computeIfAbsent(placed.file().overlay(), o -> new ArrayList<>()).add(placed);
      }
    }
    SortedMap<String, ControlPlane> planes = new TreeMap<>();
    platforms.forEach((overlay, platform) -> {
      for (PlacedObject placed : platform) {
        if (placed.is("maistra.io", "ServiceMeshControlPlane")) {
          planes.put(overlay, new ControlPlane(placed, true, placed.key().namespace(),
              PlacedObject.Fields.map(placed.spec(), "meshConfig"), platform));
        } else if (placed.is("sailoperator.io", "Istio")) {
          Map<?, ?> meshConfig = PlacedObject.Fields.map(PlacedObject.Fields.map(placed.spec(), "values"), "meshConfig");
          String root = PlacedObject.Fields.text(meshConfig, "rootNamespace");
          planes.put(overlay, new ControlPlane(placed, false,
              root != null ? root : String.valueOf(PlacedObject.Fields.text(placed.spec(), "namespace")), meshConfig, platform));
        }
      }
    });
    return planes;
  }
}
