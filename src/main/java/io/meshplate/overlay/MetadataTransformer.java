package io.meshplate.overlay;

import java.util.ArrayList;
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

  /** {@code object} with {@code labels} added to {@code metadata.labels} ({@link #copiedMapAt}). */
  static Map<String, Object> withLabels(Map<String, Object> object, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return object;
    }
    Map<String, Object> copy = new LinkedHashMap<>(object);
    copiedMapAt(copy, List.of("metadata", "labels")).putAll(labels);
    return copy;
  }

  /** {@code object} with {@code annotations} added where Kustomize adds them ({@link #copiedMapAt}). */
  static Map<String, Object> withAnnotations(Map<String, Object> object, Map<String, String> annotations) {
    if (annotations.isEmpty()) {
      return object;
    }
    Map<String, Object> copy = new LinkedHashMap<>(object);
    copiedMapAt(copy, List.of("metadata", "annotations")).putAll(annotations);
    String apiVersion = Objects.toString(copy.get("apiVersion"), "");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = Objects.toString(copy.get("kind"), "");
    for (List<String> entry : TEMPLATE_PATHS) {
      if (entry.get(0).equals(group) && entry.get(1).equals(kind)) {
        List<String> path = new ArrayList<>(entry.subList(2, entry.size()));
        path.add("metadata");
        path.add("annotations");
        copiedMapAt(copy, path).putAll(annotations);
      }
    }
    return copy;
  }

  /**
   * A copy of the map at {@code path} below {@code root} (itself a copy), each map on the way
   * copied and put in its parent, missing ones created (a non-map value is replaced). The rest of
   * the object is shared with the original, which stays as it was: the patch engine hands on
   * the objects no patch changed without copying them.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> copiedMapAt(Map<String, Object> root, List<String> path) {
    Map<String, Object> node = root;
    for (String key : path) {
      Map<String, Object> child = node.get(key) instanceof Map<?, ?> map
          ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
      node.put(key, child);
      node = child;
    }
    return node;
  }
}
