package io.meshplate.reach;

import io.meshplate.Problem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /**
   * Locates every object the flows cite (its file's line) ahead, on every core, for a writer that
   * then goes through the flows in order on one (see {@link Locator#locateAll}): locating one
   * object at a time as the writer met them took a third of the time of a JSON report of 1,000
   * tenants, and twice that in collections.
   */
  void locate() {
    Map<Locator, Set<Ref>> pending = new ConcurrentHashMap<>();
    flows.parallelStream().forEach(f -> {
      for (Step s : f.steps()) {
        if (s.objects() instanceof Located located) {
          located.pending(pending);
        }
      }
    });
    pending.forEach(Locator::locateAll);
  }

  /** Whether {@code query} (null: anything) names {@code party} or, as a tenant, one of its parties. */
  static boolean matches(String query, String party) {
    return query == null || party.equals(query) || party.startsWith(query + "/");
  }
}
