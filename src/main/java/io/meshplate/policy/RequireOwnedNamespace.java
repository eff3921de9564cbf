package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.ClusterScopedKinds;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;

/**
 * Every namespaced object in a tenant folder lies in a namespace that tenant owns, and a
 * Namespace object there names one of them. Kinds the platform places in a fixed namespace
 * (the tenant's Argo CD AppProject in the Argo CD namespace) must be in exactly that namespace.
 */
final class RequireOwnedNamespace implements Invariant {
  private final Map<String, String> fixedNamespaces;

  RequireOwnedNamespace(Map<String, String> fixedNamespaces) {
    this.fixedNamespaces = fixedNamespaces;
  }

  @Override
  public String rule() {
    return "INV-NAMESPACE-OWNED";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    for (PlacedObject placed : folder.objects()) {
      if (!placed.inTenantFolder()) {
        continue;
      }
      String tenant = placed.file().tenant();
      String namespace = placed.key().namespace();
      String fixed = fixedNamespaces.get(placed.groupKind());
      if (placed.is("", "Namespace")) {
        if (!folder.owned().contains(placed.key().name())) {
          problems.add(placed.problem(rule(), "namespace is not owned by tenant " + Messages.escape(tenant),
              "a tenant may only create the namespaces its descriptor declares"));
        }
      } else if (ClusterScopedKinds.contains(placed.key())) {
        continue; // reported by INV-CLUSTER-SCOPED
      } else if (fixed != null) {
        if (!fixed.equals(namespace)) {
          problems.add(placed.problem(rule(), "must lie in the platform namespace " + Messages.escape(fixed)
              + ", not '" + Messages.escape(namespace) + "'", "set metadata.namespace to " + fixed));
        }
      } else if (namespace.isEmpty()) {
        problems.add(placed.problem(rule(), "has no metadata.namespace",
            "set metadata.namespace explicitly; a missing one lands in whatever namespace the sync uses"));
      } else if (!folder.owned().contains(namespace)) {
        problems.add(placed.problem(rule(), "lies in namespace '" + Messages.escape(namespace)
            + "' which tenant " + Messages.escape(tenant) + " does not own",
            "a tenant's objects may only target its own namespaces"));
      }
    }
  }
}
