package io.meshplate.review;

import java.util.Comparator;
import java.util.List;

/**
 * One thing a reviewer must look at, aggregated over the overlays where it happens.
 *
 * @param tenant the tenant concerned, or null for platform-wide findings
 * @param subject what is affected ({@code payments/api}, a host, a policy)
 * @param detail what happened to it, one line
 * @param overlays the overlays (environments) where it happens, sorted
 */
public record Finding(Category category, String tenant, String subject, String detail, List<String> overlays)
    implements Comparable<Finding> {

  /** Categories in the order reports show them; weakened protections always come first. */
  public enum Category {
    WEAKENED_PROTECTION("Weakened protections"),
    UNDECLARED_FLOW("Flows no descriptor declares"),
    ACCESS_WIDENED("Access widened"),
    ACCESS_NARROWED("Access narrowed"),
    ACCESS_CHANGED("Access changed"),
    DEFENCE_CHANGED("Defence in depth changed (same requests pass)"),
    EXPOSURE_ADDED("Ingress hosts added"),
    EXPOSURE_REMOVED("Ingress hosts removed"),
    EGRESS_ADDED("Egress hosts added"),
    EGRESS_REMOVED("Egress hosts removed"),
    EGRESS_TLS_CHANGED("TLS origination changed"),
    OWNERS_CHANGED("Owners changed (who approves the tenant's changes)"),
    TENANT_ADDED("Tenants added"),
    TENANT_REMOVED("Tenants removed"),
    PLATFORM_CHANGED("Platform changes"),
    REACH_WARNING("Warnings (declared flows that do not work)");

    private final String title;

    Category(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::category)
          .thenComparing(f -> f.tenant() == null ? "" : f.tenant())
          .thenComparing(Finding::subject)
          .thenComparing(Finding::detail);

  public Finding {
    overlays = List.copyOf(overlays);
  }

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }
}
