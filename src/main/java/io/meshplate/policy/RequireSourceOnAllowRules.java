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
 */
final class RequireSourceOnAllowRules implements Invariant {
  private static final List<String> POSITIVE =
      List.of("principals", "namespaces", "requestPrincipals", "ipBlocks", "remoteIpBlocks");

  @Override
  public String rule() {
    return "INV-ALLOW-SOURCE";
  }

  @Override
  public void check(RenderedObjects objects, List<Problem> problems) {
    for (PlacedObject placed : objects.all) {
      if (!placed.inTenantFolder() || !placed.is("security.istio.io", "AuthorizationPolicy")) {
        continue;
      }
      Object action = placed.spec().get("action");
      if (action != null && !"ALLOW".equals(action)) {
        continue;
      }
      List<?> rules = Fields.list(placed.spec(), "rules");
      for (int i = 0; i < rules.size(); i++) {
        String why = whyOpen(rules.get(i));
        if (why != null) {
          problems.add(placed.problem(rule(), "ALLOW rule " + i + " " + why,
              "allow only named callers: from.source.principals of the calling service accounts"));
        }
      }
    }
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
