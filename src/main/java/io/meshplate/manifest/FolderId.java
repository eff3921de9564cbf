package io.meshplate.manifest;

import io.meshplate.Interned;
import java.util.Objects;

/**
 * One output folder, the unit meshplate renders, checks, caches and writes at a time: a tenant in
 * an overlay ({@code prod/tenants/payments}) or an overlay's platform files ({@code prod/platform}).
 *
 * @param tenant the tenant, or null for the platform folder
 */
public record FolderId(String overlay, String tenant) implements Comparable<FolderId> {
  // Written out: a record's generated equals and hashCode go through method handles, linked on the
  // first call and slow under the quick compiler; folders key the maps of every run.
  @Override
  public boolean equals(Object other) {
    return other instanceof FolderId f && Objects.equals(overlay, f.overlay) && Objects.equals(tenant, f.tenant);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(overlay) * 31 + Objects.hashCode(tenant);
  }

  /**
   * The folder an output path (relative to {@code output/}) lies in: {@code
   * prod/tenants/payments/argocd/projects.yaml -> prod/tenants/payments}, {@code prod/platform/mesh.yaml
   * -> prod/platform}; null for a path in neither ({@code prod/kustomization.yaml}). Read without
   * splitting the path: a review and the deletion guard ask this of every output file.
   */
  public static FolderId of(String path) {
    String tenant = Bundles.tenantOf(path);
    if (tenant != null) {
      return new FolderId(Bundles.overlayOf(path), tenant);
    }
    int overlayEnd = path.indexOf('/');
    return overlayEnd > -1 && path.startsWith("platform/", overlayEnd + 1) ? platform(path.substring(0, overlayEnd)) : null;
  }

  public static FolderId platform(String overlay) {
    return new FolderId(overlay, null);
  }

  public boolean isPlatform() {
    return tenant == null;
  }

  /** The folder relative to {@code output/}, without trailing slash. */
  public String path() {
    return tenant == null ? overlay + "/platform" : overlay + "/tenants/" + tenant;
  }

  /**
   * {@code path} (relative to {@code output/}) named within this folder, for facts kept of every
   * folder of a run: {@code ""} for the folder itself, one shared string for every folder's
   * {@code argocd/applications.yaml}. A path outside the folder (a file placed in another
   * tenant's, which a check reports) stays whole after a {@code /}, which no name within a folder
   * starts with. {@link #pathOf} gives the path back.
   */
  public String nameOf(String path) {
    int end = folderEnd(path);
    if (end == path.length()) {
      return "";
    }
    if (end < 0 || path.charAt(end) != '/') {
      return "/" + path;
    }
    return Interned.of(path.substring(end + 1));
  }

  /** The path relative to {@code output/} of what {@link #nameOf} named. */
  public String pathOf(String name) {
    return name.isEmpty() ? path() : name.startsWith("/") ? name.substring(1) : path() + "/" + name;
  }

  /**
   * Where {@link #path} ends in {@code path} when {@code path} starts with it, else -1: found
   * piece by piece, so that looking up the name of each object of a folder builds no string.
   */
  private int folderEnd(String path) {
    String middle = tenant == null ? PLATFORM : TENANTS;
    if (!path.startsWith(overlay) || !path.startsWith(middle, overlay.length())) {
      return -1;
    }
    int at = overlay.length() + middle.length();
    if (tenant == null) {
      return at;
    }
    return path.startsWith(tenant, at) ? at + tenant.length() : -1;
  }

  private static final String PLATFORM = "/platform";
  private static final String TENANTS = "/tenants/";

  /**
   * Path order: an overlay's platform folder sorts before its tenants, as on disk. Compared piece
   * by piece (folders are the keys of the sorted maps of every run): what {@code path().compareTo}
   * gives, without building either path.
   */
  @Override
  public int compareTo(FolderId other) {
    int overlays = slashEnded(overlay, other.overlay);
    if (overlays != 0) {
      return overlays;
    }
    if (tenant == null || other.tenant == null) {
      // "platform" sorts before "tenants/..."
      return tenant == null ? (other.tenant == null ? 0 : -1) : 1;
    }
    return tenant.compareTo(other.tenant);
  }

  /** {@code (a + "/").compareTo(b + "/")}. */
  private static int slashEnded(String a, String b) {
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x - y;
      }
    }
    if (a.length() == b.length()) {
      return 0;
    }
    return a.length() < b.length() ? '/' - b.charAt(common) : a.charAt(common) - '/';
  }
}
