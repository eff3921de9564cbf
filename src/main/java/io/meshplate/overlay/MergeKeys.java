package io.meshplate.overlay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The patch-merge lists of the built-in Kubernetes kinds meshplate renders, as Kustomize takes
 * them from the Kubernetes OpenAPI ({@code x-kubernetes-patch-strategy: merge} with
 * {@code x-kubernetes-list-map-keys}, else {@code x-kubernetes-patch-merge-key}).
 *
 * <p>Every other kind (the Istio, Argo CD, Prometheus Operator, Maistra and Sail custom
 * resources) has no entry: Kustomize knows no schema for them, so each of their lists is
 * replaced as a whole. A CI test derives this table from the schemas in
 * {@code ../shared/schemas/kubernetes/v1.31} and fails when they differ (apart from
 * {@link #NEWER_THAN_KUSTOMIZE}).
 *
 * <p>Each line: apiVersion, kind, field path ({@code []} steps into list items) and the merge
 * keys separated by commas (none: a list of scalars merged as a set, like finalizers).
 */
final class MergeKeys {
  static final String TABLE =
      """
      v1 Namespace metadata.finalizers
      v1 Namespace metadata.ownerReferences uid
      v1 Namespace status.conditions type
      v1 ServiceAccount metadata.finalizers
      v1 ServiceAccount metadata.ownerReferences uid
      v1 ServiceAccount secrets name
      v1 Service metadata.finalizers
      v1 Service metadata.ownerReferences uid
      v1 Service spec.ports port,protocol
      v1 Service status.conditions type
      apps/v1 Deployment metadata.finalizers
      apps/v1 Deployment metadata.ownerReferences uid
      apps/v1 Deployment spec.template.metadata.finalizers
      apps/v1 Deployment spec.template.metadata.ownerReferences uid
      apps/v1 Deployment spec.template.spec.containers name
      apps/v1 Deployment spec.template.spec.containers[].env name
      apps/v1 Deployment spec.template.spec.containers[].ports containerPort,protocol
      apps/v1 Deployment spec.template.spec.containers[].volumeDevices devicePath
      apps/v1 Deployment spec.template.spec.containers[].volumeMounts mountPath
      apps/v1 Deployment spec.template.spec.ephemeralContainers name
      apps/v1 Deployment spec.template.spec.ephemeralContainers[].env name
      apps/v1 Deployment spec.template.spec.ephemeralContainers[].ports containerPort,protocol
      apps/v1 Deployment spec.template.spec.ephemeralContainers[].volumeDevices devicePath
      apps/v1 Deployment spec.template.spec.ephemeralContainers[].volumeMounts mountPath
      apps/v1 Deployment spec.template.spec.hostAliases ip
      apps/v1 Deployment spec.template.spec.imagePullSecrets name
      apps/v1 Deployment spec.template.spec.initContainers name
      apps/v1 Deployment spec.template.spec.initContainers[].env name
      apps/v1 Deployment spec.template.spec.initContainers[].ports containerPort,protocol
      apps/v1 Deployment spec.template.spec.initContainers[].volumeDevices devicePath
      apps/v1 Deployment spec.template.spec.initContainers[].volumeMounts mountPath
      apps/v1 Deployment spec.template.spec.topologySpreadConstraints topologyKey,whenUnsatisfiable
      apps/v1 Deployment spec.template.spec.volumes name
      apps/v1 Deployment spec.template.spec.volumes[].ephemeral.volumeClaimTemplate.metadata.finalizers
      apps/v1 Deployment spec.template.spec.volumes[].ephemeral.volumeClaimTemplate.metadata.ownerReferences uid
      apps/v1 Deployment status.conditions type
      rbac.authorization.k8s.io/v1 Role metadata.finalizers
      rbac.authorization.k8s.io/v1 Role metadata.ownerReferences uid
      rbac.authorization.k8s.io/v1 RoleBinding metadata.finalizers
      rbac.authorization.k8s.io/v1 RoleBinding metadata.ownerReferences uid
      networking.k8s.io/v1 NetworkPolicy metadata.finalizers
      networking.k8s.io/v1 NetworkPolicy metadata.ownerReferences uid
      """;

  /**
   * Lists the Kubernetes 1.31 schema merges but Kustomize 5.5 replaces, because the schema built
   * into Kustomize predates them (conformance case 53 shows it). Left out of {@link #TABLE}.
   */
  static final List<String> NEWER_THAN_KUSTOMIZE =
      List.of(
          "apps/v1 Deployment spec.template.spec.resourceClaims name",
          "apps/v1 Deployment spec.template.spec.schedulingGates name");

  private static final Map<String, Map<String, List<String>>> BY_TYPE = load();

  private MergeKeys() {}

  /**
   * The merge keys of the list at {@code path} of an object of this type, or null when the
   * list is replaced as a whole. An empty list means a set of scalars.
   */
  static List<String> forList(String apiVersion, String kind, String path) {
    Map<String, List<String>> lists = BY_TYPE.get(apiVersion + " " + kind);
    return lists == null ? null : lists.get(path);
  }

  /** The whole table as {@code apiVersion kind path keys} lines, sorted, for the CI check. */
  static List<String> entries() {
    List<String> result = new ArrayList<>();
    BY_TYPE.forEach(
        (type, lists) ->
            lists.forEach((path, keys) -> result.add((type + " " + path + " " + String.join(",", keys)).strip())));
    Collections.sort(result);
    return result;
  }

  private static Map<String, Map<String, List<String>>> load() {
    Map<String, Map<String, List<String>>> table = new TreeMap<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] cols = line.strip().split(" ");
      List<String> keys = cols.length > 3 ? List.of(cols[3].split(",")) : List.of();
      table.computeIfAbsent(cols[0] + " " + cols[1], t -> new TreeMap<>()).put(cols[2], keys);
    }
    return table;
  }
}
