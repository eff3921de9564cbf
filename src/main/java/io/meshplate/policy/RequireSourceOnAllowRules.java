package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.policy.PlacedObject.Fields;
import java.util.List;
import java.util.Map;

/**
 * Every rule of an ALLOW AuthorizationPolicy in a tenant folder names who may call: a
 * {@code from} with a source that matches positively (principals, namespaces, request
 * principals or IP blocks). A rule without one allows everybody, and a source made only of
 * {@code not…} fields allows everybody except a few. A bare {@code *} is refused as well.
 *
 * <p>One exception: a tenant's own ingress gateway receives traffic from the cluster router,
 * which has no mesh identity, so its policy cannot name callers. A rule without {@code from}
 * is accepted on a policy selecting a gateway workload ({@code istio} selector label) when every
 * {@code to} restricts the request to explicit host names (no wildcard): the gateway then only
 * serves the hosts the tenant owns.
 */
final class RequireSourceOnAllowRules implements Invariant {
  private static final List<String> POSITIVE =
      List.of("principals", "namespaces", "requestPrincipals", "ipBlocks", "remoteIpBlocks");

  @Override
  public String rule() {
    return "INV-ALLOW-SOURCE";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    for (PlacedObject placed : folder.objects()) {
      if (!placed.inTenantFolder() || !placed.is("security.istio.io", "AuthorizationPolicy")) {
        continue;
      }
      Object action = placed.spec().get("action");
      if (action != null && !"ALLOW".equals(action)) {
        continue;
      }
      List<?> rules = Fields.list(placed.spec(), "rules");
      boolean gateway = Fields.map(Fields.map(placed.spec(), "selector"), "matchLabels").containsKey("istio");
      for (int i = 0; i < rules.size(); i++) {
        if (gateway && onlyNamedHosts(rules.get(i))) {
          continue;
        }
        String why = whyOpen(rules.get(i));
        if (why != null) {
          problems.add(placed.problem(rule(), "ALLOW rule " + i + " " + why,
              "allow only named callers: from.source.principals of the calling service accounts"));
        }
      }
    }
  }

  /** A source-less gateway rule whose every operation names explicit hosts. */
  private static boolean onlyNamedHosts(Object rule) {
    if (!Fields.list(rule, "from").isEmpty()) {
      return false;
    }
    List<?> to = Fields.list(rule, "to");
    if (to.isEmpty()) {
      return false;
    }
    for (Object entry : to) {
      List<?> hosts = Fields.list(Fields.map(entry, "operation"), "hosts");
      if (hosts.isEmpty() || hosts.stream().anyMatch(h -> String.valueOf(h).startsWith("*"))) {
        return false;
      }
    }
    return true;
  }

  private static String whyOpen(Object rule) {
    List<?> from = Fields.list(rule, "from");
    if (from.isEmpty()) {
      return "has no from, so it allows every caller";
    }
    for (Object entry : from) {
      Map<?, ?> source = Fields.map(entry, "source");
      boolean positive = false;
      for (String field : POSITIVE) {
        List<?> values = Fields.list(source, field);
        if (values.contains("*")) {
          return "allows any " + field + " with '*'";
        }
        positive |= !values.isEmpty();
      }
      if (!positive) {
        return "has a from without a positive source (principals, namespaces, requestPrincipals or ipBlocks)";
      }
    }
    return null;
  }
}
