package io.meshplate.review;

import io.meshplate.rollout.WaveChanges;
import java.util.List;
import java.util.Objects;

/**
 * The result of comparing two output snapshots: every object change, and what it means.
 *
 * @param base label of the old side
 * @param head label of the new side
 * @param changes object changes sorted by overlay, tenant and object key
 * @param findings the review summary, sorted by category (weakened protections first)
 * @param deletions deletions over the policy's threshold, sorted by tenant
 * @param callGraph tenant-to-tenant allowed calls around the tenants that changed
 * @param tenants tenants with output on either side
 * @param effects the review by effect (flows on both sides), or null when not computed
 * @param outputCheck whether the new side's output/ matched its sources
 * @param scope which tenants and platform paths the change touches in Git; null when unknown
 * @param waves namespaces that change control plane (rollout waves moving) and control planes no
 *     longer used, with the operator checklists
 */
public record Review(
    String base,
    String head,
    List<ObjectChange> changes,
    List<Finding> findings,
    List<Deletion> deletions,
    List<CallEdge> callGraph,
    int tenants,
    Effects effects,
    OutputCheck outputCheck,
    ChangeScope scope,
    WaveChanges waves) {

  public Review {
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
    deletions = List.copyOf(deletions);
    callGraph = List.copyOf(callGraph);
    Objects.requireNonNull(outputCheck, "outputCheck");
    waves = waves == null ? new WaveChanges(List.of(), List.of()) : waves;
  }

  /** A review of two snapshots alone: output not checked against its sources, scope unknown, no wave moves. */
  public Review(String base, String head, List<ObjectChange> changes, List<Finding> findings,
      List<Deletion> deletions, List<CallEdge> callGraph, int tenants, Effects effects) {
    this(base, head, changes, findings, deletions, callGraph, tenants, effects, OutputCheck.NOT_CHECKED, null, null);
  }

  /** The same review, knowing whether output/ was current and which paths the change touches. */
  public Review with(OutputCheck check, ChangeScope changeScope) {
    return new Review(base, head, changes, findings, deletions, callGraph, tenants, effects, check, changeScope, waves);
  }

  /** True when anything differs (what {@code diff --exit-code} reports). */
  public boolean hasChanges() {
    return !changes.isEmpty() || findings.stream().anyMatch(f -> f.category() == Finding.Category.PLATFORM_CHANGED
        || f.category() == Finding.Category.OWNERS_CHANGED);
  }

  /** Deletions still waiting for an approval. */
  public List<Deletion> blockedDeletions() {
    return deletions.stream().filter(Deletion::blocked).toList();
  }
}
