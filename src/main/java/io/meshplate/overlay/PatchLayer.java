package io.meshplate.overlay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one overlay of a chain does to the rendered objects, applied like one Kustomize
 * kustomization: its patches in order, then its labels, then its annotations.
 *
 * @param patches in the order the overlay lists them
 * @param labels added to {@code metadata.labels} of every object (selectors untouched)
 * @param annotations added to {@code metadata.annotations} of every object and to the pod
 *     template of workloads, as Kustomize's {@code commonAnnotations}
 * @param matchers each patch's target, compiled once (same order as {@code patches})
 */
record PatchLayer(List<Patch> patches, Map<String, String> labels, Map<String, String> annotations,
    List<TargetMatcher> matchers) {
  public PatchLayer {
    patches = List.copyOf(patches);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    matchers = List.copyOf(matchers);
  }

  PatchLayer(List<Patch> patches, Map<String, String> labels, Map<String, String> annotations) {
    this(patches, labels, annotations, patches.stream().map(p -> new TargetMatcher(p.target())).toList());
  }
}
