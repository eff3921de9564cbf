package io.meshplate.manifest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One output file: the objects one template produced for one tenant (or the platform) in one
 * overlay, as trees, after overlay patches.
 *
 * @param path relative to {@code output/}, with {@code /}: {@code prod/tenants/payments/sidecar.yaml}
 * @param overlay the overlay (environment or cluster) rendered, e.g. {@code prod-eu}
 * @param tenant the tenant name, or {@code null} for {@code <overlay>/platform/} files
 * @param source the descriptor the file came from ({@code tenants/payments.yaml}) or null
 * @param template the template that produced it, relative to its layer root
 *     ({@code tenant/sidecar.yaml.ftl}), or null for generated files such as kustomization.yaml
 * @param overlayChain the overlays the template and values came from, base first
 * @param objects the objects, sorted by {@link ObjectKey}
 * @param patchOrigins for each patched object, the overlay patches applied to it ({@code file:line}),
 *     in order; what {@code meshplate explain --object} shows
 */
public record RenderedFile(
    String path,
    String overlay,
    String tenant,
    String source,
    String template,
    List<String> overlayChain,
    List<Map<String, Object>> objects,
    Map<ObjectKey, List<String>> patchOrigins) {

  public RenderedFile {
    overlayChain = List.copyOf(overlayChain);
    objects = List.copyOf(objects);
    // Most files have no patch: one shared empty map, not a sorted copy each (a whole-tree check of
    // 10,000 tenants holds 140,000 files standing for what folders kept).
    patchOrigins = patchOrigins.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(patchOrigins));
  }

  /** A file no overlay patch touched. */
  public RenderedFile(String path, String overlay, String tenant, String source, String template,
      List<String> overlayChain, List<Map<String, Object>> objects) {
    this(path, overlay, tenant, source, template, overlayChain, objects, Map.of());
  }
}
