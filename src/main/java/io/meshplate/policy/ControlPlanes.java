package io.meshplate.policy;

import io.meshplate.manifest.Bundles;
import io.meshplate.overlay.Rollout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The control planes of each overlay whose platform folder is rendered: OSSM 2
 * ServiceMeshControlPlanes and Sail {@code Istio}s (both at once while a rollout moves
 * namespaces between them), their root namespace and mesh config, and the revisions and
 * revision tags namespaces may name in {@code istio.io/rev}.
 */
final class ControlPlanes {
  /**
   * @param object the control-plane resource
   * @param ossm2 a ServiceMeshControlPlane (true) or a Sail Istio (false)
   * @param rootNamespace where mesh-wide Istio policy lives
   * @param meshConfig the mesh config it sets (SMCP {@code spec.meshConfig}, Istio {@code spec.values.meshConfig})
   * @param platform the given objects of the overlay's platform folder (outside its hub folder)
   */
  record ControlPlane(PlacedObject object, boolean ossm2, String rootNamespace, Map<?, ?> meshConfig,
      List<PlacedObject> platform) {
    /** The name of the control plane's namespace (SMCP metadata, Istio {@code spec.namespace}). */
    String namespace() {
      return ossm2 ? object.key().namespace() : String.valueOf(PlacedObject.Fields.text(object.spec(), "namespace"));
    }

    /** The trust domain its certificates carry ({@code cluster.local} unless set). */
    String trustDomain() {
      String domain = ossm2
          ? PlacedObject.Fields.text(PlacedObject.Fields.map(PlacedObject.Fields.map(object.spec(), "security"), "trust"), "domain")
          : PlacedObject.Fields.text(meshConfig, "trustDomain");
      return domain == null ? "cluster.local" : domain;
    }

    /**
     * The revision its istiod and injector run as: the SMCP's name; for an Istio its name
     * (InPlace) or its name and version (RevisionBased, sail-operator controllers/istio/
     * istio_controller.go, getActiveRevisionName).
     */
    String activeRevision() {
      if (ossm2) {
        return object.key().name();
      }
      String strategy = PlacedObject.Fields.text(PlacedObject.Fields.map(object.spec(), "updateStrategy"), "type");
      String version = PlacedObject.Fields.text(object.spec(), "version");
      return "RevisionBased".equals(strategy) && version != null
          ? Rollout.revisionName(object.key().name(), version) : object.key().name();
    }
  }

  /**
   * One overlay's mesh.
   *
   * @param planes its control planes, ServiceMeshControlPlanes first
   * @param tags IstioRevisionTag name to the revision it points at (the active revision of a
   *     target Istio, or the named IstioRevision)
   * @param tagObjects the IstioRevisionTags themselves
   */
  record Mesh(List<ControlPlane> planes, SortedMap<String, String> tags, List<PlacedObject> tagObjects) {
    List<ControlPlane> smcps() {
      return planes.stream().filter(ControlPlane::ossm2).toList();
    }

    List<ControlPlane> istios() {
      return planes.stream().filter(p -> !p.ossm2()).toList();
    }

    /** What {@code istio.io/rev} may name: every tag and every active Istio revision. */
    Set<String> injectingRevisions() {
      Set<String> names = new TreeSet<>(tags.keySet());
      istios().forEach(p -> names.add(p.activeRevision()));
      return names;
    }
  }

  private ControlPlanes() {}

  /** By overlay, every control plane; overlays without a rendered control plane are absent. */
  static SortedMap<String, List<ControlPlane>> of(List<PlacedObject> objects) {
    SortedMap<String, List<ControlPlane>> planes = new TreeMap<>();
    meshes(objects).forEach((overlay, mesh) -> planes.put(overlay, mesh.planes()));
    return planes;
  }

  /** By overlay, its mesh; overlays without a rendered control plane are absent. */
  static SortedMap<String, Mesh> meshes(List<PlacedObject> objects) {
    SortedMap<String, List<PlacedObject>> platforms = new TreeMap<>();
    for (PlacedObject placed : objects) {
      String folder = Bundles.folderOf(placed.file().path());
      if (placed.file().tenant() == null && !Bundles.isHub(folder)) {
        platforms.computeIfAbsent(placed.file().overlay(), o -> new ArrayList<>()).add(placed);
      }
    }
    SortedMap<String, Mesh> meshes = new TreeMap<>();
    platforms.forEach((overlay, platform) -> {
      List<ControlPlane> planes = new ArrayList<>();
      List<PlacedObject> tagObjects = new ArrayList<>();
      for (PlacedObject placed : platform) {
        if (placed.is("maistra.io", "ServiceMeshControlPlane")) {
          planes.add(new ControlPlane(placed, true, placed.key().namespace(),
              PlacedObject.Fields.map(placed.spec(), "meshConfig"), platform));
        } else if (placed.is("sailoperator.io", "Istio")) {
          Map<?, ?> meshConfig = PlacedObject.Fields.map(PlacedObject.Fields.map(placed.spec(), "values"), "meshConfig");
          String root = PlacedObject.Fields.text(meshConfig, "rootNamespace");
          planes.add(new ControlPlane(placed, false,
              root != null ? root : String.valueOf(PlacedObject.Fields.text(placed.spec(), "namespace")), meshConfig, platform));
        } else if (placed.is("sailoperator.io", "IstioRevisionTag")) {
          tagObjects.add(placed);
        }
      }
      if (planes.isEmpty()) {
        return;
      }
      planes.sort(Comparator.comparing((ControlPlane p) -> !p.ossm2()).thenComparing(p -> p.object().key()));
      SortedMap<String, String> tags = new TreeMap<>();
      for (PlacedObject tag : tagObjects) {
        Map<?, ?> target = PlacedObject.Fields.map(tag.spec(), "targetRef");
        String kind = PlacedObject.Fields.text(target, "kind");
        String name = PlacedObject.Fields.text(target, "name");
        String revision = "Istio".equals(kind) ? planes.stream().filter(p -> !p.ossm2() && p.object().key().name().equals(name))
            .map(ControlPlane::activeRevision).findFirst().orElse(null) : name;
        tags.put(tag.key().name(), revision);
      }
      meshes.put(overlay, new Mesh(List.copyOf(planes), tags, List.copyOf(tagObjects)));
    });
    return meshes;
  }
}
