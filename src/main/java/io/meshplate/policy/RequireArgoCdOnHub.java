package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.Bundles;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Argo CD objects reach only the Argo CD that reads them, and every folder reaches its cluster:
 * Applications, ApplicationSets and AppProjects lie only in hub folders ({@code .../argocd/}),
 * in the Argo CD namespace, and hub folders hold nothing else; an Application (or generated
 * Application) syncing a hub folder targets the cluster Argo CD runs in and its namespace, one
 * syncing a mesh folder targets the cluster of that folder's overlay ({@code argocd.clusterServer});
 * in an overlay whose Argo CD objects are rendered, every folder is synced by exactly one
 * Application; Argo CD object names are unique across overlays (they may share one hub).
 * Deliveries meshplate cannot evaluate are problems too.
 */
final class RequireArgoCdOnHub implements Invariant {
  @Override
  public String rule() {
    return Deliveries.RULE;
  }

  @Override
  public void check(RenderedObjects objects, List<Problem> problems) {
    Deliveries deliveries = objects.deliveries();
    problems.addAll(deliveries.unprovable);
    Map<String, PlacedObject> argoByName = new HashMap<>();
    for (PlacedObject placed : objects.all) {
      String folder = Bundles.folderOf(placed.file().path());
      boolean argo = placed.key().group().equals("argoproj.io");
      boolean hub = Bundles.isHub(folder);
      ArgoCdSite site = objects.site(placed.file().overlay());
      if (argo && !hub) {
        problems.add(placed.problem(rule(), "Argo CD object in " + Messages.escape(folder)
                + ", which is synced to the overlay's cluster where no Argo CD reads it",
            "render it from a template under " + Bundles.HUB + "/, which the hub applies into its own namespace"));
      } else if (!argo && hub) {
        problems.add(placed.problem(rule(), "only Argo CD objects belong in " + Messages.escape(folder)
            + ", which is applied on the hub, not on the overlay's cluster", "render it from a template outside " + Bundles.HUB + "/"));
      } else if (argo && !placed.inTenantFolder() && !placed.key().namespace().equals(site.namespace())) {
        // (in tenant folders INV-NAMESPACE-OWNED holds AppProjects to the Argo CD namespace)
        problems.add(placed.problem(rule(), "must lie in the Argo CD namespace " + Messages.escape(site.namespace()),
            "Argo CD reads Applications and projects only in its own namespace"));
      }
      if (argo) {
        String id = placed.key().kind() + "/" + placed.key().namespace() + "/" + placed.key().name();
        PlacedObject other = argoByName.putIfAbsent(id, placed);
        if (other != null && !other.file().overlay().equals(placed.file().overlay())) {
          problems.add(placed.problem(rule(), "has the name of an object of overlay "
              + Messages.escape(other.file().overlay()) + " (output/" + Messages.escape(other.file().path()) + ")",
              "overlays may share one hub: give Argo CD objects the overlay's name"));
        }
      }
    }
    SortedMap<String, List<String>> syncedBy = new TreeMap<>();
    SortedSet<String> managed = new TreeSet<>();
    for (Deliveries.Delivery delivery : deliveries.all) {
      syncedBy.computeIfAbsent(delivery.folder(), f -> new ArrayList<>()).add(delivery.name());
      managed.add(delivery.by().file().overlay());
      checkDestination(objects, delivery, problems);
    }
    for (String folder : deliveries.folders) {
      if (!managed.contains(Bundles.overlayOf(folder))) {
        continue; // the overlay's Argo CD objects are not part of this render
      }
      List<String> apps = syncedBy.getOrDefault(folder, List.of());
      if (apps.size() != 1) {
        problems.add(Problem.at("output/" + folder + "/", 0, 0, rule(), apps.isEmpty()
                ? "no Application syncs this folder, so it never reaches a cluster"
                : "is synced by " + apps.size() + " Applications (" + Messages.escape(String.join(", ", apps)) + ")")
            .withHint("each rendered folder is one Argo CD Application"));
      }
    }
  }

  private void checkDestination(RenderedObjects objects, Deliveries.Delivery delivery, List<Problem> problems) {
    ArgoCdSite site = objects.site(Bundles.overlayOf(delivery.folder()));
    String where = "Application " + Messages.escape(delivery.name()) + " syncs " + Messages.escape(delivery.folder());
    if (Bundles.isHub(delivery.folder())) {
      if (!ArgoCdSite.IN_CLUSTER.equals(delivery.server()) || !site.namespace().equals(delivery.namespace())) {
        problems.add(delivery.by().problem(rule(), where + " to " + Messages.escape(delivery.server()) + " namespace '"
                + Messages.escape(delivery.namespace()) + "'; its Argo CD objects are read only by the Argo CD that applies them",
            "destination: " + ArgoCdSite.IN_CLUSTER + ", namespace " + site.namespace()));
      }
    } else if (!site.clusterServer().equals(delivery.server())) {
      problems.add(delivery.by().problem(rule(), where + " to " + Messages.escape(delivery.server())
              + ", not to the cluster of overlay " + Messages.escape(Bundles.overlayOf(delivery.folder())),
          "destination.server: " + site.clusterServer() + " (argocd.clusterServer)"));
    }
  }
}
