package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cross-tenant guardrails, checked on descriptors before anything is rendered (DESIGN §7): one
 * owner per namespace and per ingress host, ingress hosts inside the overlay's allowed domains,
 * no wildcard hosts, no reserved namespaces, tunables within the overlay's caps, derived names
 * within Kubernetes limits.
 *
 * <p>Every check is linear in the number of placements: conflicts are found through indexes,
 * never by comparing tenants pairwise.
 */
public final class Guardrails {
  /** Kubernetes limit for a DNS-1123 label (namespace, object names). */
  static final int MAX_LABEL = 63;
  /** Kubernetes limit for a DNS-1123 subdomain (host names). */
  static final int MAX_SUBDOMAIN = 253;
  /** Suffix of the per-tenant ingress gateway's objects (after the namespace); must fit a label. */
  static final String GATEWAY_SUFFIX = "-ingress";
  /** Suffix of the TLS secret named after each ingress host (the gateway's credentialName). */
  static final String TLS_SECRET_SUFFIX = "-tls";

  private Guardrails() {}

  /** Every guardrail problem of these placements, sorted; empty when all hold. */
  public static List<Problem> check(List<Placement> placements) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Placement> namespaceOwners = new HashMap<>();
    Map<String, HostClaim> hostOwners = new TreeMap<>();
    for (Placement placement : placements) {
      checkNamespace(placement, namespaceOwners, problems);
      checkIngress(placement, hostOwners, problems);
      checkEgress(placement, problems);
      checkTracing(placement, problems);
      checkNamespaceMetadata(placement, problems);
      checkDerivedNames(placement, problems);
    }
    return problems.stream().sorted().distinct().toList();
  }

  private static void checkNamespace(
      Placement placement, Map<String, Placement> owners, List<Problem> problems) {
    Tenant tenant = placement.tenant();
    OverlayRules rules = placement.rules();
    String namespace = rules.namespaceOf(tenant.name());
    if (rules.reservedNamespaces().contains(namespace)
        || rules.reservedPrefixes().stream().anyMatch(namespace::startsWith)) {
      problems.add(at(tenant, "/metadata/name", "GUARD-RESERVED-NAMESPACE",
          "tenant '" + tenant.name() + "' would own namespace '" + namespace + "' in overlay '"
              + rules.overlay() + "', which is reserved for the platform",
          "choose another tenant name"));
    }
    if (namespace.length() > MAX_LABEL) {
      problems.add(at(tenant, "/metadata/name", "GUARD-NAME-LENGTH",
          "namespace '" + namespace + "' in overlay '" + rules.overlay() + "' is "
              + namespace.length() + " characters, the limit is " + MAX_LABEL,
          "shorten the tenant name to at most "
              + (MAX_LABEL - rules.namespaceSuffix().length()) + " characters"));
    }
    // The gateway's Service, Deployment and its pod label value are named <namespace>-ingress
    // (ModelBuilder); a Service name and a label value are DNS labels of at most 63 characters.
    String gateway = namespace + GATEWAY_SUFFIX;
    if (!placement.effectiveSpec().ingress().hosts().isEmpty() && gateway.length() > MAX_LABEL) {
      problems.add(at(tenant, "/metadata/name", "GUARD-NAME-LENGTH",
          "ingress gateway name '" + gateway + "' in overlay '" + rules.overlay() + "' is "
              + gateway.length() + " characters, the limit is " + MAX_LABEL,
          "shorten the tenant name to at most "
              + (MAX_LABEL - GATEWAY_SUFFIX.length() - rules.namespaceSuffix().length())
              + " characters"));
    }
    Placement previous = owners.putIfAbsent(rules.overlay() + "/" + namespace, placement);
    if (previous != null && !previous.tenant().name().equals(tenant.name())) {
      problems.add(at(tenant, "/metadata/name", "GUARD-NAMESPACE-OWNER",
          "namespace '" + namespace + "' in overlay '" + rules.overlay()
              + "' is already owned by tenant '" + previous.tenant().name() + "' ("
              + previous.tenant().file() + ")",
          "each namespace has exactly one owner; choose another tenant name"));
    }
  }

  private record HostClaim(Placement placement, String pointer) {}

  private static void checkIngress(
      Placement placement, Map<String, HostClaim> owners, List<Problem> problems) {
    Tenant tenant = placement.tenant();
    OverlayRules rules = placement.rules();
    List<TenantSpec.IngressHost> hosts = placement.effectiveSpec().ingress().hosts();
    for (int i = 0; i < hosts.size(); i++) {
      String name = hosts.get(i).name();
      String pointer = pointer(placement, "/ingress/hosts/" + i + "/name");
      if (name.contains("*")) {
        problems.add(at(tenant, pointer, "GUARD-WILDCARD-HOST",
            "ingress host '" + Messages.escape(name) + "' contains a wildcard",
            "list each hostname explicitly"));
        continue;
      }
      String fqdn = rules.fqdn(name);
      if (fqdn.length() > MAX_SUBDOMAIN) {
        problems.add(at(tenant, pointer, "GUARD-NAME-LENGTH",
            "ingress host '" + Messages.escape(fqdn) + "' is longer than " + MAX_SUBDOMAIN
                + " characters", "use a shorter hostname"));
      } else if (fqdn.length() + TLS_SECRET_SUFFIX.length() > MAX_SUBDOMAIN) {
        problems.add(at(tenant, pointer, "GUARD-NAME-LENGTH",
            "the TLS secret name derived from ingress host '" + Messages.escape(fqdn) + "' would be "
                + (fqdn.length() + TLS_SECRET_SUFFIX.length()) + " characters, the limit is " + MAX_SUBDOMAIN,
            "use a hostname of at most " + (MAX_SUBDOMAIN - TLS_SECRET_SUFFIX.length()) + " characters"));
      }
      if (rules.allowedIngressDomains().stream().noneMatch(d -> fqdn.endsWith("." + d))) {
        problems.add(at(tenant, pointer, "GUARD-INGRESS-DOMAIN",
            "ingress host '" + Messages.escape(fqdn) + "' is outside the domains allowed in overlay '"
                + rules.overlay() + "' (" + String.join(", ", rules.allowedIngressDomains()) + ")",
            "use a single label such as '" + fqdn.split("\\.", 2)[0]
                + "' (placed under " + rules.ingressDomain() + ") or a host inside an allowed domain"));
      }
      HostClaim previous = owners.putIfAbsent(fqdn, new HostClaim(placement, pointer));
      if (previous != null && !previous.placement().tenant().name().equals(tenant.name())) {
        // Reported at both claims: which one is new is not known here (file order is not
        // history), and the reviewer of either file must see the conflict at its own line.
        HostClaim current = new HostClaim(placement, pointer);
        problems.add(hostConflict(current, previous, fqdn));
        problems.add(hostConflict(previous, current, fqdn));
      }
    }
  }

  private static Problem hostConflict(HostClaim claim, HostClaim other, String fqdn) {
    Tenant tenant = claim.placement().tenant();
    Tenant owner = other.placement().tenant();
    SourceMap.Position ownerAt = owner.positions().value(other.pointer());
    return at(tenant, claim.pointer(), "GUARD-INGRESS-HOST-OWNER",
        "ingress host '" + Messages.escape(fqdn) + "' is also claimed by tenant '"
            + owner.name() + "' (" + owner.file() + ":" + ownerAt.line() + ", owners "
            + String.join(" ", owner.spec().owners()) + "); this tenant's owners: "
            + String.join(" ", tenant.spec().owners()),
        "each hostname has exactly one owner; pick another name or agree on a transfer");
  }

  private static void checkEgress(Placement placement, List<Problem> problems) {
    List<TenantSpec.EgressHost> egress = placement.effectiveSpec().egress();
    for (int i = 0; i < egress.size(); i++) {
      String host = egress.get(i).host();
      if (host.contains("*")) {
        problems.add(at(placement.tenant(), pointer(placement, "/egress/" + i + "/host"),
            "GUARD-WILDCARD-HOST", "egress host '" + Messages.escape(host) + "' contains a wildcard",
            "list each external hostname explicitly"));
      }
      if (isClusterInternal(host)) {
        problems.add(at(placement.tenant(), pointer(placement, "/egress/" + i + "/host"),
            "GUARD-EGRESS-INTERNAL", "egress host '" + Messages.escape(host)
                + "' is a cluster-internal name; a ServiceEntry for it would redefine an in-cluster"
                + " service (another tenant's or the API server) for this tenant's sidecars",
            "reach other tenants through `calls`; egress is for hosts outside the cluster"));
      }
    }
  }

  /** Suffixes of names that resolve inside the cluster (Kubernetes DNS, mDNS, loopback). */
  static final List<String> INTERNAL_SUFFIXES = List.of(".svc", ".cluster.local", ".local", ".localhost");

  private static boolean isClusterInternal(String host) {
    return host.equals("localhost") || INTERNAL_SUFFIXES.stream().anyMatch(host::endsWith);
  }

  private static void checkTracing(Placement placement, List<Problem> problems) {
    var percent = placement.effectiveSpec().telemetry().tracingPercent();
    var cap = placement.rules().tracingCap();
    if (percent != null && cap != null && percent.compareTo(cap) > 0) {
      problems.add(at(placement.tenant(), pointer(placement, "/telemetry/tracingPercent"),
          "GUARD-TRACING-CAP",
          "tracingPercent " + percent.toPlainString() + " exceeds the cap of "
              + cap.toPlainString() + " in overlay '" + placement.rules().overlay() + "'",
          "set at most " + cap.toPlainString() + ", e.g. with environmentOverrides."
              + placement.rules().overlay() + ".telemetry.tracingPercent"));
    }
  }

  /**
   * Templates name objects after hosts and callees (dots become dashes, see {@code
   * ModelBuilder.resourceName}), so different inputs can derive the same object name:
   * {@code a-b.example.com} and {@code a.b-example.com}, or egress host {@code payments.api}
   * and the callee {@code payments/api}. Refused here with a position instead of failing later
   * as a duplicate object that blames the templates.
   */
  private static void checkDerivedNames(Placement placement, List<Problem> problems) {
    TenantSpec spec = placement.effectiveSpec();
    Map<String, String> destinationRules = new HashMap<>();
    for (int i = 0; i < spec.calls().size(); i++) {
      TenantSpec.ServiceRef call = spec.calls().get(i);
      claimName(placement, destinationRules, call.tenant() + "-" + call.service(),
          pointer(placement, "/calls/" + i), "call " + call.tenant() + "/" + call.service(), problems);
    }
    for (int i = 0; i < spec.egress().size(); i++) {
      // The port is part of what is claimed: the templates render one ServiceEntry per entry,
      // named after the host only, so one host on two ports would collide too.
      TenantSpec.EgressHost egress = spec.egress().get(i);
      claimName(placement, destinationRules, derivedName(egress.host()),
          pointer(placement, "/egress/" + i + "/host"),
          "egress host " + egress.host() + ":" + egress.port(), problems);
    }
    Map<String, String> virtualServices = new HashMap<>();
    List<TenantSpec.IngressHost> hosts = spec.ingress().hosts();
    for (int i = 0; i < hosts.size(); i++) {
      String fqdn = placement.rules().fqdn(hosts.get(i).name());
      claimName(placement, virtualServices, derivedName(fqdn),
          pointer(placement, "/ingress/hosts/" + i + "/name"), "ingress host " + fqdn, problems);
    }
  }

  /** The object name templates derive from a host name. */
  static String derivedName(String host) {
    return host.replace('.', '-');
  }

  private static void claimName(Placement placement, Map<String, String> claims, String name,
      String pointer, String what, List<Problem> problems) {
    String previous = claims.putIfAbsent(name, what);
    if (previous != null && !previous.equals(what)) {
      problems.add(at(placement.tenant(), pointer, "GUARD-NAME-COLLISION",
          Messages.escape(what) + " and " + Messages.escape(previous) + " both become the object name '"
              + Messages.escape(name) + "' in overlay '" + placement.rules().overlay() + "'",
          "object names replace dots by dashes; rename one of them (one egress host on several"
              + " ports is not supported: list it once)"));
    }
  }

  private static void checkNamespaceMetadata(Placement placement, List<Problem> problems) {
    TenantSpec.NamespaceMetadata wanted = placement.effectiveSpec().namespaceMetadata();
    NamespaceMetadataRules rules = placement.rules().namespaceMetadata();
    wanted.labels().keySet().forEach(key -> rules.whyLabelRefused(key).ifPresent(why ->
        problems.add(metadataProblem(placement, "labels", "label", key, why))));
    wanted.annotations().keySet().forEach(key -> rules.whyAnnotationRefused(key).ifPresent(why ->
        problems.add(metadataProblem(placement, "annotations", "annotation", key, why))));
  }

  private static Problem metadataProblem(
      Placement placement, String field, String what, String key, String why) {
    Tenant tenant = placement.tenant();
    String pointer = SourceMap.child("/spec/namespaceMetadata/" + field, key);
    SourceMap.Position position = tenant.positions().key(pointer);
    List<String> allowList = field.equals("labels")
        ? placement.rules().namespaceMetadata().labelAllowList()
        : placement.rules().namespaceMetadata().annotationAllowList();
    return new Problem(tenant.file(), position.line(), position.column(), "GUARD-NAMESPACE-LABEL",
        "namespace " + what + " '" + Messages.escape(key) + "' " + why + " (overlay '"
            + placement.rules().overlay() + "')",
        allowList.isEmpty() ? "this overlay allows no tenant namespace " + what + "s"
            : "allowed " + what + " keys: " + String.join(", ", allowList)
                + " (an entry ending in '/' allows every key with that prefix)");
  }

  /**
   * Where a value of the effective spec was written: in the most specific environment override
   * of the chain that sets it, else in the spec itself.
   */
  private static String pointer(Placement placement, String specPointer) {
    Tenant tenant = placement.tenant();
    List<String> chain = placement.rules().chain();
    for (int i = chain.size() - 1; i >= 0; i--) {
      String candidate = SourceMap.child("/spec/environmentOverrides", chain.get(i)) + specPointer;
      if (tenant.positions().contains(candidate)) {
        return candidate;
      }
    }
    return "/spec" + specPointer;
  }

  private static Problem at(Tenant tenant, String pointer, String rule, String message, String hint) {
    SourceMap.Position position = tenant.positions().value(pointer);
    return new Problem(tenant.file(), position.line(), position.column(), rule, message, hint);
  }
}
