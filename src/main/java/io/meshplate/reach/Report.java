package io.meshplate.reach;

import io.meshplate.Problem;
import java.util.List;

/**
 * What {@code meshplate reach} computed for the selected overlays.
 *
 * @param overlays the overlays evaluated, sorted
 * @param flows every evaluated flow (allowed, denied or unknown), sorted
 * @param errors flows nothing declares ({@code REACH-UNDECLARED}, {@code REACH-UNKNOWN})
 * @param warnings declared flows some layer blocks, and allows without the matching call
 * @param parties the ids of the parties of the overlays evaluated (tenants' services and gateways,
 *     the platform's, the internet; not the external hosts), sorted: what a query may name
 */
public record Report(List<String> overlays, List<Flow> flows, List<Problem> errors, List<Problem> warnings,
    List<String> parties) {
  public Report {
    overlays = List.copyOf(overlays);
    flows = List.copyOf(flows);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    parties = List.copyOf(parties);
  }

  /**
   * The flows between {@code from} and {@code to}: a party id ({@code payments/api},
   * {@code platform:router}, {@code internet}, {@code external:api.stripe.com}) or a tenant
   * ({@code payments}: its services and gateway); null matches anything.
   */
  public List<Flow> matching(String from, String to) {
    return flows.stream().filter(f -> matches(from, f.from()) && matches(to, f.to())).toList();
  }

  /** The same report, keeping only the flows between {@code from} and {@code to} (both null: this one). */
  public Report select(String from, String to) {
    if (from == null && to == null) {
      return this;
    }
    return new Report(overlays, matching(from, to), errors, warnings, parties);
  }

  /** Whether {@code query} (null: anything) names {@code party} or, as a tenant, one of its parties. */
  static boolean matches(String query, String party) {
    return query == null || party.equals(query) || party.startsWith(query + "/");
  }
}
