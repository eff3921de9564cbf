package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.manifest.ObjectNames;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cross-tenant guardrails, checked on descriptors before anything is rendered (DESIGN §7): one
 * owner per namespace and per ingress host, ingress hosts inside the overlay's allowed domains
 * and never an overlay's ingress domain itself, no wildcard hosts, no egress to names that stay
 * inside the cluster, no reserved namespaces, tunables within the overlay's caps, every derived
 * name valid for the kind it names.
 *
 * <p>Every check is linear in the number of placements: conflicts are found through indexes,
 * never by comparing tenants pairwise. A problem that is the same in several overlays (a tenant
 * name too long for every namespace suffix, a host claimed by two tenants everywhere) is
 * reported once, listing the overlays.
 */
public final class Guardrails {
  private Guardrails() {}

  /** Every guardrail problem of these placements, sorted; empty when all hold. */
  public static List<Problem> check(List<Placement> placements) {
    return check(placements, null);
  }

  /**
   * As {@link #check(List)}, in a pull request: a conflict between two tenants (one host, one
   * namespace) is reported only at the tenant whose descriptor changed when the other's did not,
   * so the author of the change is the one asked to fix it.
   *
   * @param changedTenants tenants whose descriptor differs from the base revision (added or
   *     modified), or null when no base is known (every side of a conflict is reported)
   */
  public static List<Problem> check(List<Placement> placements, Set<String> changedTenants) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Placement> namespaceOwners = new HashMap<>();
    HostClaims hosts = new HostClaims();
    NameProblems names = new NameProblems();
    PerOverlay perOverlay = new PerOverlay();
    ClusterDns dns = ClusterDns.of(placements);
    Map<String, String> apexes = new TreeMap<>();
    placements.forEach(p -> apexes.putIfAbsent(p.rules().ingressDomain(), p.rules().overlay()));
    for (Placement placement : placements) {
      checkNamespace(placement, namespaceOwners, changedTenants, perOverlay, problems);
      checkIngress(placement, hosts, apexes, problems);
      checkEgress(placement, dns, perOverlay);
      checkTracing(placement, problems);
      checkNamespaceMetadata(placement, problems);
      checkNameCollisions(placement, problems);
      DerivedNames.of(placement).forEach(derived -> names.check(placement, derived));
    }
    problems.addAll(hosts.conflicts(changedTenants));
    problems.addAll(perOverlay.problems());
    problems.addAll(names.problems());
    return problems.stream().sorted().distinct().toList();
  }

  private static void checkNamespace(Placement placement, Map<String, Placement> owners,
      Set<String> changedTenants, PerOverlay perOverlay, List<Problem> problems) {
    Tenant tenant = placement.tenant();
    OverlayRules rules = placement.rules();
    String namespace = rules.namespaceOf(tenant.name());
    if (rules.reservedNamespaces().contains(namespace)
        || rules.reservedPrefixes().stream().anyMatch(namespace::startsWith)) {
      perOverlay.add(placement, "/metadata/name", "GUARD-RESERVED-NAMESPACE",
          "tenant '" + tenant.name() + "' would own a namespace reserved for the platform", "'" + namespace + "'",
          "choose another tenant name");
    }
    Placement previous = owners.putIfAbsent(rules.overlay() + "/" + namespace, placement);
    if (previous != null && !previous.tenant().name().equals(tenant.name())) {
      // In a pull request, the tenant that changed is asked to move; otherwise the later one.
      boolean blamePrevious = changedTenants != null && changedTenants.contains(previous.tenant().name())
          && !changedTenants.contains(tenant.name());
      Placement blamed = blamePrevious ? previous : placement;
      Placement other = blamePrevious ? placement : previous;
      perOverlay.add(blamed, "/metadata/name", "GUARD-NAMESPACE-OWNER",
          "namespace '" + namespace + "' is also the namespace of tenant '" + other.tenant().name() + "' ("
              + other.tenant().file() + ")",
          "each namespace has exactly one owner; choose another tenant name");
    }
  }

  private static void checkIngress(
      Placement placement, HostClaims claims, Map<String, String> apexes, List<Problem> problems) {
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
      String apexOf = apexes.get(fqdn);
      if (apexOf != null) {
        problems.add(at(tenant, pointer, "GUARD-INGRESS-APEX",
            "ingress host '" + Messages.escape(fqdn) + "' is the ingress domain of overlay '" + apexOf
                + "' itself, under which every tenant's hosts are placed; no tenant can own it",
            "use a host below it, such as the single label '" + tenant.name() + "' (placed under "
                + rules.ingressDomain() + ")"));
        continue;
      }
      if (rules.allowedIngressDomains().stream().noneMatch(d -> fqdn.endsWith("." + d))) {
        problems.add(at(tenant, pointer, "GUARD-INGRESS-DOMAIN",
            "ingress host '" + Messages.escape(fqdn) + "' is outside the domains allowed in overlay '"
                + rules.overlay() + "' (" + String.join(", ", rules.allowedIngressDomains()) + ")",
            "use a single label such as '" + fqdn.split("\\.", 2)[0]
                + "' (placed under " + rules.ingressDomain() + ") or a host inside an allowed domain"));
      }
      claims.claim(placement, pointer, fqdn);
    }
  }

  private static void checkEgress(Placement placement, ClusterDns dns, PerOverlay problems) {
    List<TenantSpec.EgressHost> egress = placement.effectiveSpec().egress();
    for (int i = 0; i < egress.size(); i++) {
      String host = egress.get(i).host();
      String at = pointer(placement, "/egress/" + i + "/host");
      if (host.contains("*")) {
        problems.add(placement, at, "GUARD-WILDCARD-HOST", "egress host '" + Messages.escape(host) + "' contains a wildcard",
            "list each external hostname explicitly");
      }
      dns.whyInternal(host, placement.rules()).ifPresent(why -> problems.add(placement, at,
          "GUARD-EGRESS-INTERNAL", "egress host '" + Messages.escape(host) + "' " + why,
          "a ServiceEntry for it would open a path REGISTRY_ONLY keeps closed; reach other tenants through"
              + " `calls`, egress is for hosts outside the cluster"));
    }
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
   * Templates name objects after hosts and callees (dots become dashes, see {@link
   * ObjectNames}), so different inputs can derive the same object name:
   * {@code a-b.example.com} and {@code a.b-example.com}, or egress host {@code payments.api}
   * and the callee {@code payments/api}. Refused here with a position instead of failing later
   * as a duplicate object that blames the templates.
   */
  private static void checkNameCollisions(Placement placement, List<Problem> problems) {
    TenantSpec spec = placement.effectiveSpec();
    Map<String, String> destinationRules = new HashMap<>();
    for (int i = 0; i < spec.calls().size(); i++) {
      TenantSpec.ServiceRef call = spec.calls().get(i);
      claimName(placement, destinationRules, ObjectNames.ofCallee(call.tenant(), call.service()),
          pointer(placement, "/calls/" + i), "call " + call.tenant() + "/" + call.service(), problems);
    }
    for (int i = 0; i < spec.egress().size(); i++) {
      // The port is part of what is claimed: the templates render one ServiceEntry per entry,
      // named after the host only, so one host on two ports would collide too.
      TenantSpec.EgressHost egress = spec.egress().get(i);
      claimName(placement, destinationRules, ObjectNames.ofHost(egress.host()),
          pointer(placement, "/egress/" + i + "/host"),
          "egress host " + egress.host() + ":" + egress.port(), problems);
    }
    Map<String, String> virtualServices = new HashMap<>();
    List<TenantSpec.IngressHost> hosts = spec.ingress().hosts();
    for (int i = 0; i < hosts.size(); i++) {
      String fqdn = placement.rules().fqdn(hosts.get(i).name());
      claimName(placement, virtualServices, ObjectNames.ofHost(fqdn),
          pointer(placement, "/ingress/hosts/" + i + "/name"), "ingress host " + fqdn, problems);
    }
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
  static String pointer(Placement placement, String specPointer) {
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

  static Problem at(Tenant tenant, String pointer, String rule, String message, String hint) {
    SourceMap.Position position = tenant.positions().value(pointer);
    return new Problem(tenant.file(), position.line(), position.column(), rule, message, hint);
  }
}
