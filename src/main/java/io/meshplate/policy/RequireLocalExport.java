package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.policy.PlacedObject.Fields;
import java.util.List;
import java.util.Set;

/**
 * ServiceEntry, VirtualService and DestinationRule in tenant folders carry
 * {@code exportTo: ["."]}: without it they are visible mesh-wide and one tenant's routing or TLS
 * settings would apply to every other tenant's traffic to that host.
 */
final class RequireLocalExport implements Invariant {
  private static final Set<String> KINDS = Set.of("ServiceEntry", "VirtualService", "DestinationRule");

  @Override
  public String rule() {
    return "INV-EXPORT-LOCAL";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    for (PlacedObject placed : folder.objects()) {
      if (placed.inTenantFolder() && placed.key().group().equals("networking.istio.io")
          && KINDS.contains(placed.key().kind())
          && !List.of(".").equals(Fields.list(placed.spec(), "exportTo"))) {
        problems.add(placed.problem(rule(), "exportTo must be exactly [\".\"]",
            "set spec.exportTo: [\".\"] so the object stays inside the tenant's namespace"));
      }
    }
  }
}
