package io.meshplate.yaml;

/**
 * Bounds on what the strict reader accepts. A tenant descriptor is a few dozen lines; these
 * limits are orders of magnitude above that and orders of magnitude below what could hurt the
 * process (deep recursion, memory).
 *
 * @param maxBytes largest file accepted
 * @param maxDepth deepest nesting of maps and lists
 * @param maxScalarLength longest single scalar, in characters
 * @param maxNodes most scalars, maps and lists in one document
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxScalarLength, int maxNodes) {

  /** Limits for tenant descriptors. */
  public static final YamlLimits DESCRIPTOR = new YamlLimits(256 * 1024, 20, 4096, 20_000);

  /** Limits for platform files (overlays, defaults): larger, still bounded. */
  public static final YamlLimits PLATFORM = new YamlLimits(4 * 1024 * 1024, 64, 65_536, 500_000);
}
