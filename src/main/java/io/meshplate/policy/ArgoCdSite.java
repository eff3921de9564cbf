package io.meshplate.policy;

import java.util.Map;

/**
 * Where the managing Argo CD delivers one overlay: the overlay's cluster as the hub knows it,
 * the hub's own namespace (the only one it reads Applications and projects from), and where
 * {@code output/} lies in the repository Applications name.
 *
 * @param clusterServer API server of the overlay's cluster ({@link #IN_CLUSTER} for the hub's own)
 * @param namespace the Argo CD namespace on the hub
 * @param outputPath the repository path of {@code output/} ({@code output})
 */
public record ArgoCdSite(String clusterServer, String namespace, String outputPath) {
  /** How an Argo CD instance names the cluster it runs in (argo-cd docs: "in-cluster"). */
  public static final String IN_CLUSTER = "https://kubernetes.default.svc";
  /** The name Argo CD gives the cluster it runs in, usable as {@code destination.name}. */
  static final String IN_CLUSTER_NAME = "in-cluster";

  /** The defaults of {@code templates/base/defaults.yaml}, for a tree without overlay values. */
  public static ArgoCdSite inCluster(String namespace) {
    return new ArgoCdSite(IN_CLUSTER, namespace, "output");
  }

  /** From an overlay's merged values ({@code argocd.clusterServer}, {@code namespace}, {@code outputPath}). */
  public static ArgoCdSite of(Map<String, Object> values, String defaultNamespace) {
    ArgoCdSite fallback = inCluster(defaultNamespace);
    if (!(values.get("argocd") instanceof Map<?, ?> argocd)) {
      return fallback;
    }
    return new ArgoCdSite(text(argocd, "clusterServer", fallback.clusterServer()),
        text(argocd, "namespace", fallback.namespace()), text(argocd, "outputPath", fallback.outputPath()));
  }

  private static String text(Map<?, ?> values, String key, String fallback) {
    return values.get(key) instanceof String s ? s : fallback;
  }
}
