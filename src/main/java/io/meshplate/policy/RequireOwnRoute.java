package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.policy.PlacedObject.Fields;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenShift Route is how a host becomes reachable from outside the cluster, so one in a tenant
 * folder must expose exactly what the tenant's descriptor claims, through the tenant's own
 * gateway: its host is one of the tenant's ingress hosts in that overlay, it targets the gateway
 * Service of its own namespace ({@code <namespace>-ingress}) and nothing else, the router passes
 * TLS through to the gateway (which holds the host's certificate and the AuthorizationPolicy),
 * plain HTTP is never forwarded, and it claims no wildcard. Its namespace is checked by
 * {@code INV-NAMESPACE-OWNED}.
 */
final class RequireOwnRoute implements Invariant {
  @Override
  public String rule() {
    return "INV-ROUTE";
  }

  @Override
  public void check(RenderedObjects objects, List<Problem> problems) {
    for (PlacedObject placed : objects.all) {
      if (!placed.inTenantFolder() || !placed.is("route.openshift.io", "Route")) {
        continue;
      }
      Map<?, ?> spec = placed.spec();
      String tenant = placed.file().tenant();
      Set<String> hosts = objects.ingressHosts(placed.file().overlay(), tenant);
      String host = Fields.text(spec, "host");
      if (host == null || !hosts.contains(host)) {
        problems.add(placed.problem(rule(), "host " + quote(host) + " is not an ingress host of tenant "
                + Messages.escape(tenant) + " in this overlay",
            "a Route may only expose a host the tenant's descriptor lists under ingress.hosts"));
      }
      String gateway = placed.key().namespace() + "-ingress";
      Map<?, ?> to = Fields.map(spec, "to");
      if (!"Service".equals(Fields.text(to, "kind")) || !gateway.equals(Fields.text(to, "name"))
          || Fields.has(spec, "alternateBackends")) {
        problems.add(placed.problem(rule(), "must send traffic only to the Service " + Messages.escape(gateway)
                + ", the tenant's own ingress gateway",
            "set spec.to to {kind: Service, name: " + Messages.escape(gateway) + "} and no alternateBackends"));
      }
      Map<?, ?> tls = Fields.map(spec, "tls");
      String insecure = Fields.text(tls, "insecureEdgeTerminationPolicy");
      if (!"passthrough".equals(Fields.text(tls, "termination")) || "Allow".equals(insecure)) {
        problems.add(placed.problem(rule(), "must pass TLS through to the gateway and never forward plain HTTP",
            "set spec.tls.termination: passthrough and insecureEdgeTerminationPolicy None or Redirect"));
      }
      String wildcard = Fields.text(spec, "wildcardPolicy");
      if ((wildcard != null && !"None".equals(wildcard)) || Fields.has(spec, "subdomain")) {
        problems.add(placed.problem(rule(), "must not claim a wildcard or subdomain",
            "set spec.wildcardPolicy: None and leave spec.subdomain out"));
      }
    }
  }

  private static String quote(String host) {
    return host == null ? "(none)" : "'" + Messages.escape(host) + "'";
  }
}
