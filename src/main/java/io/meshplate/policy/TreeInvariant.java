package io.meshplate.policy;

import io.meshplate.Problem;
import java.util.List;

/**
 * An invariant over the whole render, checked once every folder is done, from what each folder
 * kept ({@link KeptObjects}): Argo CD deliveries and projects, which span folders and overlays
 * (several overlays may share one hub), and the mesh's telemetry, which tenant folders configure
 * against the control plane of the platform folder. Register it in {@link Invariants}.
 */
interface TreeInvariant {
  /** The stable rule id, {@code INV-…}. */
  String rule();

  void check(TreeView tree, List<Problem> problems);
}
