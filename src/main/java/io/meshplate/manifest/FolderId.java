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

  /** Path order: an overlay's platform folder sorts before its tenants, as on disk. */
  @Override
  public int compareTo(FolderId other) {
    return path().compareTo(other.path());
  }
}
