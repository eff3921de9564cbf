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
    int at = folder.length() - HUB.length() - 1;
    return at >= 0 && folder.charAt(at) == '/' && folder.endsWith(HUB);
  }

  /**
   * The tenant whose folder holds an output path: {@code prod/tenants/payments/sidecar.yaml ->
   * payments}; null for a path of no tenant folder ({@code prod/platform/...}, {@code prod/tenants/x}).
   * Without splitting the path: a review asks this of every file of both sides.
   */
  public static String tenantOf(String path) {
    int overlayEnd = path.indexOf('/');
    if (overlayEnd < 0 || !path.startsWith(TENANTS, overlayEnd + 1)) {
      return null;
    }
    int start = overlayEnd + 1 + TENANTS.length();
    int end = path.indexOf('/', start);
    return end < 0 ? null : path.substring(start, end);
  }

  private static final String TENANTS = "tenants/";

  /** The overlay an output path or folder belongs to: its first segment. */
  public static String overlayOf(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }
}
