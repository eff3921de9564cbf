package io.meshplate.overlay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An overlay's {@code labels} and {@code annotations}, added the way Kustomize adds
 * {@code labels: [{pairs, includeSelectors: false}]} and {@code commonAnnotations}.
 *
 * <p>Labels go to {@code metadata.labels} only: never to selectors or pod templates, so adding a
 * label can neither orphan pods nor roll a Deployment. Annotations go to
 * {@code metadata.annotations} and, like Kustomize, also to the pod template of the built-in
 * workload kinds (created there); a custom resource's {@code spec.template} is left alone.
 */
final class MetadataTransformer {
  /** Workload kinds whose pod template Kustomize always annotates: group, kind, path. */
  private static final List<List<String>> TEMPLATE_PATHS = List.of(
      List.of("", "ReplicationController", "spec", "template"),
      List.of("apps", "Deployment", "spec", "template"),
      List.of("apps", "ReplicaSet", "spec", "template"),
      List.of("apps", "DaemonSet", "spec", "template"),
      List.of("apps", "StatefulSet", "spec", "template"),
      List.of("batch", "Job", "spec", "template"),
      List.of("batch", "CronJob", "spec", "jobTemplate"),
      List.of("batch", "CronJob", "spec", "jobTemplate", "spec", "template"));

  private MetadataTransformer() {}

  static void addLabels(Map<String, Object> object, Map<String, String> labels) {
    if (!labels.isEmpty()) {
      mapAt(object, List.of("metadata", "labels")).putAll(labels);
    }
  }

  @SuppressWarnings("unchecked")
  static void addAnnotations(Map<String, Object> object, Map<String, String> annotations) {
    if (annotations.isEmpty()) {
      return;
    }
    mapAt(object, List.of("metadata", "annotations")).putAll(annotations);
    String apiVersion = Objects.toString(object.get("apiVersion"), "");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = Objects.toString(object.get("kind"), "");
    for (List<String> entry : TEMPLATE_PATHS) {
      if (entry.get(0).equals(group) && entry.get(1).equals(kind)) {
        List<String> path = new java.util.ArrayList<>(entry.subList(2, entry.size()));
        path.add("metadata");
        path.add("annotations");
        mapAt(object, path).putAll(annotations);
      }
    }
  }

  /** The map at {@code path}, creating missing maps on the way (a non-map value is replaced). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Map<String, Object> root, List<String> path) {
    Map<String, Object> node = root;
    for (String key : path) {
      Object child = node.get(key);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        node.put(key, child);
      }
      node = (Map<String, Object>) child;
    }
    return node;
  }
}
