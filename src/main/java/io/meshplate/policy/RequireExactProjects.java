package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ClusterScopedKinds;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Argo CD project is exactly as wide as what it syncs. For each Application (generated
 * ones included) its project is rendered; allows the repository (no pattern) and the
 * destination; allows every object of the synced folder by kind, name (cluster-scoped) and
 * namespace, so the sync never fails half-way; whitelists namespaced kinds explicitly and lists
 * no kind and no cluster-scoped object that none of its folders renders, and no pattern; and,
 * when it syncs mesh folders, cannot write into the Argo CD namespace. A project in a tenant's
 * hub folder that no Application uses belongs to the tenant team: it allows no cluster-scoped
 * kind and only the tenant's own namespaces on the overlay's cluster. Checked over the whole render
 * from what folders keep ({@link KeptObjects}): a synced object a project refuses is reported once
 * per kind and namespace (cluster-scoped: per kind and name) of the folder, at its first object.
 */
final class RequireExactProjects implements TreeInvariant {
  @Override
  public String rule() {
    return "INV-ARGOCD-PROJECT";
  }

  @Override
  public void check(TreeView objects, List<Problem> problems) {
    Map<String, PlacedObject> projects = new HashMap<>();
    for (PlacedObject placed : objects.all) {
      if (placed.is("argoproj.io", "AppProject")) {
        projects.put(placed.key().name(), placed);
      }
    }
    Map<String, List<Deliveries.Delivery>> byProject = new LinkedHashMap<>();
    // A project's rules are read once: a project can sync the folders of every tenant.
    Map<String, AppProjectRules> rules = new HashMap<>();
    AppProjectRules.Lists kinds = new AppProjectRules.Lists();
    Set<String> managed = new TreeSet<>();
    for (Deliveries.Delivery delivery : objects.deliveries().all) {
      managed.add(delivery.by().file().overlay());
      PlacedObject project = projects.get(delivery.project());
      if (project == null) {
        problems.add(delivery.by().problem(rule(), "Application " + Messages.escape(delivery.name()) + " uses project '"
            + Messages.escape(delivery.project()) + "', which meshplate does not render", "render the project next to it"));
        continue;
      }
      byProject.computeIfAbsent(delivery.project(), p -> new ArrayList<>()).add(delivery);
      AppProjectRules projectRules = rules.computeIfAbsent(delivery.project(), p -> new AppProjectRules(project.spec(), kinds));
      checkDelivery(objects, delivery, project, projectRules, objects.synced(delivery.folder()), problems);
    }
    byProject.forEach((name, deliveries) ->
        checkExact(projects.get(name), rules.get(name), deliveries, objects, problems));
    for (PlacedObject project : projects.values()) {
      if (project.file().tenant() != null && managed.contains(project.file().overlay())
          && !byProject.containsKey(project.key().name())) {
        checkTeamProject(objects, project, kinds, problems);
      }
    }
  }

  private void checkDelivery(TreeView objects, Deliveries.Delivery delivery, PlacedObject project,
      AppProjectRules rules, List<PlacedObject> synced, List<Problem> problems) {
    String app = "Application " + Messages.escape(delivery.name());
    String hint = "the project must allow exactly what the folder it syncs holds";
    if (rules.sourceRepos.stream().anyMatch(Globs::isGlob) || !rules.sourceRepos.contains(delivery.repoURL())) {
      problems.add(project.problem(rule(), "sourceRepos must be exactly the repository of " + app
          + " (" + Messages.escape(delivery.repoURL()) + "), without patterns", hint));
    }
    if (!rules.permitsDestination(delivery.server(), delivery.namespace())) {
      problems.add(project.problem(rule(), "does not allow the destination of " + app + " ("
          + Messages.escape(delivery.server()) + " namespace '" + Messages.escape(delivery.namespace()) + "')", hint));
    }
    for (PlacedObject placed : synced) {
      boolean namespaced = !ClusterScopedKinds.contains(placed.key());
      String namespace = placed.key().namespace().isEmpty() ? delivery.namespace() : placed.key().namespace();
      if (!rules.permitsKind(placed.key(), namespaced)) {
        problems.add(placed.problem(rule(), "project " + Messages.escape(delivery.project()) + " of " + app
            + " does not allow " + (namespaced ? "kind " + placed.groupKind() : placed.groupKind() + " '"
                + Messages.escape(placed.key().name()) + "'") + ": Argo CD would refuse the sync", hint));
      } else if (namespaced && !rules.permitsDestination(delivery.server(), namespace)) {
        problems.add(placed.problem(rule(), "project " + Messages.escape(delivery.project()) + " of " + app
            + " does not allow namespace '" + Messages.escape(namespace) + "'", hint));
      }
    }
    String argoNamespace = objects.site(Bundles.overlayOf(delivery.folder())).namespace();
    if (!Bundles.isHub(delivery.folder()) && rules.allowsNamespaceAnywhere(argoNamespace)) {
      problems.add(project.problem(rule(), "lets " + app + ", which syncs " + Messages.escape(delivery.folder())
              + ", write into the Argo CD namespace " + Messages.escape(argoNamespace),
          "a project that syncs mesh folders lists only the namespaces they populate"));
    }
  }

  /** The project's whitelists list nothing its folders do not render, and no pattern. */
  private void checkExact(PlacedObject project, AppProjectRules rules, List<Deliveries.Delivery> deliveries,
      TreeView objects, List<Problem> problems) {
    // What the whitelists are matched against: kinds (cluster-scoped: kinds and names), each once.
    Set<ObjectKey> namespaced = new HashSet<>();
    Set<ObjectKey> cluster = new HashSet<>();
    for (Deliveries.Delivery delivery : deliveries) {
      for (PlacedObject placed : objects.synced(delivery.folder())) {
        ObjectKey key = placed.key();
        if (ClusterScopedKinds.contains(key)) {
          cluster.add(new ObjectKey(key.group(), key.kind(), "", key.name()));
        } else {
          namespaced.add(new ObjectKey(key.group(), key.kind(), "", ""));
        }
      }
    }
    String hint = "whitelist exactly the kinds meshplate renders into the folders the project syncs";
    if (rules.namespaceWhitelist == null) {
      problems.add(project.problem(rule(), "has no namespaceResourceWhitelist, so every namespaced kind passes", hint));
    } else {
      for (AppProjectRules.Entry entry : rules.namespaceWhitelist) {
        // Past the glob test an entry is literal: it matches a kind when it names it.
        if (entry.isGlob() || !namespaced.contains(new ObjectKey(entry.group(), entry.kind(), "", entry.name()))) {
          problems.add(project.problem(rule(), "whitelists " + Messages.escape(entry.display())
              + ", which no folder it syncs renders", hint));
        }
      }
    }
    for (AppProjectRules.Entry entry : rules.clusterWhitelist) {
      if (entry.isGlob() || entry.name().isEmpty()
          || !cluster.contains(new ObjectKey(entry.group(), entry.kind(), "", entry.name()))) {
        problems.add(project.problem(rule(), "whitelists cluster-scoped " + Messages.escape(entry.display())
            + ", which is not an object a folder it syncs renders", hint + ", cluster-scoped ones by name"));
      }
    }
  }

  /** A tenant team's own project: no cluster-scoped kind, only the tenant's namespaces on its cluster. */
  private void checkTeamProject(TreeView objects, PlacedObject project, AppProjectRules.Lists kinds,
      List<Problem> problems) {
    AppProjectRules rules = new AppProjectRules(project.spec(), kinds);
    String tenant = project.file().tenant();
    ArgoCdSite site = objects.site(project.file().overlay());
    String hint = "a tenant team's project may deploy only into the tenant's own namespaces";
    if (!rules.clusterWhitelist.isEmpty()) {
      problems.add(project.problem(rule(), "lets tenant " + Messages.escape(tenant) + "'s team create cluster-scoped objects", hint));
    }
    for (AppProjectRules.Destination d : rules.destinations) {
      if (Globs.isGlob(d.namespace()) || d.namespace().startsWith("!") || !objects.ownedBy(tenant).contains(d.namespace())
          || !site.clusterServer().equals(d.server()) || !d.name().isEmpty()) {
        problems.add(project.problem(rule(), "lets tenant " + Messages.escape(tenant) + "'s team deploy to "
            + Messages.escape(d.server().isEmpty() ? d.name() : d.server()) + " namespace '" + Messages.escape(d.namespace()) + "'", hint));
      }
    }
  }
}
