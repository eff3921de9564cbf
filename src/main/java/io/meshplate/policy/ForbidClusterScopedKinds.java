package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.ClusterScopedKinds;
import java.util.List;

/**
 * Cluster-scoped kinds belong under {@code <overlay>/platform/} only: in a tenant folder they
 * would act on every tenant. The one exception is the tenant's own Namespace object, whose name
 * {@link RequireOwnedNamespace} checks. This holds regardless of the configured allow-list.
 */
final class ForbidClusterScopedKinds implements Invariant {

  @Override
  public String rule() {
    return "INV-CLUSTER-SCOPED";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    for (PlacedObject placed : folder.objects()) {
      if (placed.inTenantFolder() && !placed.is("", "Namespace") && ClusterScopedKinds.contains(placed.key())) {
        problems.add(placed.problem(rule(), "cluster-scoped kind " + placed.groupKind() + " in a tenant folder",
            "render cluster-scoped objects from a platform template into <overlay>/platform/"));
      }
    }
  }
}
