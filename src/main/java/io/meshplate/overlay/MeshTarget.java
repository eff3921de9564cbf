package io.meshplate.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One mesh target of {@code templates/base/mesh-versions.yaml}: the control-plane versions its
 * operator accepts, grouped by the Istio minor they run.
 *
 * @param name the target as overlays name it ({@code ossm-3.4}, {@code istio-1.28})
 * @param build where its version names come from ({@code ossm}, {@code maistra}, {@code sail})
 * @param minors the Istio minors the operator accepts, newest first: the first is the tenant
 *     API level, and consecutive entries are the minor upgrades the operator supports
 */
public record MeshTarget(String name, String build, List<IstioMinor> minors) {

  /**
   * The versions of one Istio minor a target accepts.
   *
   * @param minor {@code 1.30}
   * @param versions newest first, {@code -latest} aliases before pinned patches
   */
  public record IstioMinor(String minor, List<String> versions) {
    public IstioMinor {
      versions = List.copyOf(versions);
    }
  }

  public MeshTarget {
    minors = List.copyOf(minors);
  }

  /** Every accepted {@code spec.version}, newest first; the first is the operator's default. */
  public List<String> versions() {
    List<String> all = new ArrayList<>();
    minors.forEach(m -> all.addAll(m.versions()));
    return all;
  }

  /** The Istio API level tenants' resources are written for: the newest accepted minor. */
  public String apiLevel() {
    return minors.get(0).minor();
  }

  /** The Istio minor {@code version} runs, or empty when this target does not accept it. */
  public Optional<String> istioMinorOf(String version) {
    // Immutable lists refuse to look up null, which an unset version is.
    if (version == null) {
      return Optional.empty();
    }
    return minors.stream().filter(m -> m.versions().contains(version)).map(IstioMinor::minor).findFirst();
  }

  /**
   * How old {@code version} is among the versions this target accepts: 0 for the newest, larger
   * for older ones ({@code -latest} aliases count as the newest of their minor); -1 when the
   * target does not accept it.
   */
  public int age(String version) {
    return version == null ? -1 : versions().indexOf(version);
  }

  /**
   * The position of {@code minor} in the target's list, newest first; -1 when the target does
   * not run it. Consecutive positions are the minor upgrades the operator supports.
   */
  public int minorIndex(String minor) {
    for (int i = 0; i < minors.size(); i++) {
      if (minors.get(i).minor().equals(minor)) {
        return i;
      }
    }
    return -1;
  }
}
