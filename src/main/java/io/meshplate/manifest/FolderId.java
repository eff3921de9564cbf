package io.meshplate.manifest;

/**
 * One output folder, the unit meshplate renders, checks, caches and writes at a time: a tenant in
 * an overlay ({@code prod/tenants/payments}) or an overlay's platform files ({@code prod/platform}).
 *
 * @param tenant the tenant, or null for the platform folder
 */
public record FolderId(String overlay, String tenant) implements Comparable<FolderId> {
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
    String folder = path();
    if (path.equals(folder)) {
      return "";
    }
    if (!path.startsWith(folder) || path.charAt(folder.length()) != '/') {
      return "/" + path;
    }
    return io.meshplate.Interned.of(path.substring(folder.length() + 1));
  }

  /** The path relative to {@code output/} of what {@link #nameOf} named. */
  public String pathOf(String name) {
    return name.isEmpty() ? path() : name.startsWith("/") ? name.substring(1) : path() + "/" + name;
  }

  /** Path order: an overlay's platform folder sorts before its tenants, as on disk. */
  @Override
  public int compareTo(FolderId other) {
    return path().compareTo(other.path());
  }
}
