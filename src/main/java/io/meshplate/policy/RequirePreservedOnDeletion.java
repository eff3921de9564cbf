package io.meshplate.policy;

import io.meshplate.Problem;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Namespaces and the control plane outlive their Argo CD Application: they carry the sync
 * options {@code Delete=false} (kept when the Application is deleted) and {@code Prune=false}
 * (kept when they leave the folder; argo-cd docs/user-guide/sync-options.md); every
 * ApplicationSet preserves the resources of the Applications it deletes
 * ({@code syncPolicy.preserveResourcesOnDeletion}); and no Application, generated or not,
 * carries the resources finalizer that would cascade its deletion to the cluster
 * (argo-cd docs/operator-manual/applicationset/Application-Deletion.md). Removing a tenant or
 * a bundle then leaves workloads running and their namespaces for the owners to drain.
 */
final class RequirePreservedOnDeletion implements Invariant {
  static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  private static final Set<String> KEPT = Set.of("Namespace", "ServiceMeshControlPlane.maistra.io",
      "ServiceMeshMemberRoll.maistra.io", "Istio.sailoperator.io", "IstioRevision.sailoperator.io",
      "IstioRevisionTag.sailoperator.io", "IstioCNI.sailoperator.io", "ZTunnel.sailoperator.io");
  private static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";

  @Override
  public String rule() {
    return "INV-PRESERVE";
  }

  @Override
  public void check(RenderedObjects objects, List<Problem> problems) {
    for (PlacedObject placed : objects.all) {
      if (KEPT.contains(placed.groupKind())) {
        String options = PlacedObject.Fields.text(PlacedObject.Fields.map(placed.object().get("metadata"), "annotations"), SYNC_OPTIONS);
        List<String> set = options == null ? List.of() : List.of(options.replace(" ", "").split(","));
        if (!set.contains("Delete=false") || !set.contains("Prune=false")) {
          problems.add(placed.problem(rule(), "would be deleted with its Application or when it leaves the folder",
              "annotate it " + SYNC_OPTIONS + ": Delete=false,Prune=false"));
        }
      }
      if (placed.is("argoproj.io", "ApplicationSet")) {
        Object preserve = PlacedObject.Fields.map(placed.spec(), "syncPolicy").get("preserveResourcesOnDeletion");
        if (!Boolean.TRUE.equals(preserve)) {
          problems.add(placed.problem(rule(), "deletes the resources of every Application it deletes (a tenant removed, the set deleted)",
              "set spec.syncPolicy.preserveResourcesOnDeletion: true"));
        }
        checkFinalizers(placed, PlacedObject.Fields.map(PlacedObject.Fields.map(placed.spec(), "template"), "metadata"), problems);
      }
      if (placed.is("argoproj.io", "Application")) {
        checkFinalizers(placed, PlacedObject.Fields.map(placed.object(), "metadata"), problems);
      }
    }
  }

  private void checkFinalizers(PlacedObject placed, Map<?, ?> metadata, List<Problem> problems) {
    for (Object finalizer : PlacedObject.Fields.list(metadata, "finalizers")) {
      if (String.valueOf(finalizer).startsWith(FINALIZER)) {
        problems.add(placed.problem(rule(), "carries " + FINALIZER + ": deleting the Application deletes what it synced",
            "leave the finalizer off; removing an Application must leave the cluster as it is"));
      }
    }
  }
}
