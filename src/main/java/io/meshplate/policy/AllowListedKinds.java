package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Set;

/** Only kinds on the platform's allow-list may appear in tenant folders. */
final class AllowListedKinds implements Invariant {
  private final Set<String> allowed;

  AllowListedKinds(Set<String> allowed) {
    this.allowed = allowed;
  }

  @Override
  public String rule() {
    return "INV-KIND-ALLOWED";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    for (PlacedObject placed : folder.objects()) {
      if (placed.inTenantFolder() && !allowed.contains(placed.groupKind())) {
        problems.add(placed.problem(rule(), "kind " + Messages.escape(placed.groupKind())
                + " is not on the allow-list for tenant folders",
            "render it from a platform template, or add it to the tenant kind allow-list if tenants may own it"));
      }
    }
  }
}
