package io.meshplate.manifest;

/**
 * The folders of {@code output/} that Argo CD syncs, one Application each ("bundles"):
 * {@code <overlay>/platform} and {@code <overlay>/tenants/<tenant>} hold mesh objects and go to
 * the overlay's cluster; each has a hub sub-folder {@code argocd/} holding the Argo CD objects
 * that belong to it, which the managing Argo CD applies in its own cluster, into its own
 * namespace (Argo CD reads Applications and projects nowhere else). A parent folder's
 * kustomization.yaml never lists its hub sub-folder.
 */
public final class Bundles {
  /** The name of a bundle's hub sub-folder, and of the template sub-folders rendered into it. */
  public static final String HUB = "argocd";

  private Bundles() {}

  /** The folder an output path lies in: {@code prod/tenants/payments/sidecar.yaml -> prod/tenants/payments}. */
  public static String folderOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Whether a folder is a hub folder ({@code prod/platform/argocd}, {@code prod/tenants/payments/argocd}). */
  public static boolean isHub(String folder) {
    return folder.endsWith("/" + HUB);
  }

  /** The overlay an output path or folder belongs to: its first segment. */
  public static String overlayOf(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }
}
