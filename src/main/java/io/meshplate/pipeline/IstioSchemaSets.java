package io.meshplate.pipeline;

import io.meshplate.overlay.MeshVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits an overlay's {@code validation.schemas} into one schema set per Istio minor it selects.
 * An overlay running two control planes (a rollout: the OSSM 2 ServiceMeshControlPlane beside an
 * OSSM 3 Istio, or two revisions of one) selects the Istio CRDs of each minor they run
 * ({@code MESH-SCHEMAS-MISMATCH} makes sure); the CRDs of two minors define the same kinds, so
 * they cannot load as one set. Each set is the overlay's other files plus one minor's Istio CRDs,
 * and every Istio object is checked against each: written at an API level both serve, it must be
 * valid for both.
 */
final class IstioSchemaSets {
  /** One set: the globs to load, and the Istio minor its Istio CRDs are (null: no Istio CRDs named). */
  record Set(List<String> globs, String minor) {}

  private IstioSchemaSets() {}

  /** The sets of an overlay, the first of them used for every object that is not an Istio kind. */
  static List<Set> of(List<String> globs, MeshVersions versions) {
    List<String> common = new ArrayList<>();
    List<Map.Entry<String, String>> istio = new ArrayList<>();
    for (String glob : globs) {
      Map.Entry<String, String> minor = versions == null ? null : versions.istioSchemas().entrySet().stream()
          .filter(e -> e.getValue().equals(glob)).findFirst().orElse(null);
      if (minor == null) {
        common.add(glob);
      } else {
        istio.add(minor);
      }
    }
    if (istio.size() <= 1) {
      return List.of(new Set(globs, istio.isEmpty() ? null : istio.get(0).getKey()));
    }
    List<Set> sets = new ArrayList<>();
    for (Map.Entry<String, String> minor : istio) {
      List<String> set = new ArrayList<>(common);
      set.add(minor.getValue());
      sets.add(new Set(set, minor.getKey()));
    }
    return sets;
  }

  /** Whether the object is of an Istio API group ({@code networking.istio.io}, ...), whose CRDs differ per minor. */
  static boolean isIstioKind(Map<String, Object> object) {
    String apiVersion = String.valueOf(object.get("apiVersion"));
    int slash = apiVersion.indexOf('/');
    return slash > 0 && apiVersion.substring(0, slash).endsWith(".istio.io");
  }
}
