package io.meshplate.descriptor;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a tenant asks for. Every field maps to something the platform enforces; there is no
 * free-form policy field. Absent lists are empty, never null.
 *
 * @param owners review owners ({@code @org/team} or {@code @user}), used for CODEOWNERS
 * @param environments overlays this tenant renders to; empty means every overlay
 * @param services workloads in the tenant namespace and who may call them
 * @param calls in-mesh services of other tenants this tenant calls
 * @param egress external hosts this tenant calls
 * @param ingress hostnames this tenant exposes through its own ingress gateway
 * @param telemetry access log and tracing wishes (capped per environment)
 * @param namespaceMetadata labels and annotations for the tenant namespace (platform allow-list)
 * @param upgradeWave the wave of an overlay's rollout the tenant chooses to move with, or null
 *     (checked against each overlay's waves; the platform's own assignment wins)
 * @param environmentOverrides per-overlay patches of this spec (maps merge, lists replace)
 */
public record TenantSpec(
    List<String> owners,
    List<String> environments,
    List<Service> services,
    List<ServiceRef> calls,
    List<EgressHost> egress,
    Ingress ingress,
    Telemetry telemetry,
    NamespaceMetadata namespaceMetadata,
    String upgradeWave,
    Map<String, Map<String, Object>> environmentOverrides) {

  public TenantSpec {
    owners = copy(owners);
    environments = copy(environments);
    services = copy(services);
    calls = copy(calls);
    egress = copy(egress);
    ingress = ingress == null ? new Ingress(List.of()) : ingress;
    telemetry = telemetry == null ? new Telemetry(null, null) : telemetry;
    namespaceMetadata = namespaceMetadata == null ? new NamespaceMetadata(null, null) : namespaceMetadata;
    environmentOverrides =
        environmentOverrides == null ? Map.of() : Collections.unmodifiableMap(
            new TreeMap<>(environmentOverrides));
  }

  /** A spec without an upgrade wave. */
  public TenantSpec(List<String> owners, List<String> environments, List<Service> services,
      List<ServiceRef> calls, List<EgressHost> egress, Ingress ingress, Telemetry telemetry,
      NamespaceMetadata namespaceMetadata, Map<String, Map<String, Object>> environmentOverrides) {
    this(owners, environments, services, calls, egress, ingress, telemetry, namespaceMetadata, null, environmentOverrides);
  }

  /** A spec without namespace metadata (the fields every version of the schema had). */
  public TenantSpec(List<String> owners, List<String> environments, List<Service> services,
      List<ServiceRef> calls, List<EgressHost> egress, Ingress ingress, Telemetry telemetry,
      Map<String, Map<String, Object>> environmentOverrides) {
    this(owners, environments, services, calls, egress, ingress, telemetry, null, null, environmentOverrides);
  }

  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** A workload: meshplate renders its ServiceAccount (its mesh identity); the team deploys its Service. */
  public record Service(String name, List<Port> ports, List<AllowRule> allow) {
    public Service {
      ports = copy(ports);
      allow = copy(allow);
    }
  }

  /** @param protocol one of HTTP, HTTP2, GRPC, TCP, TLS (Istio port naming) */
  public record Port(String name, int port, String protocol) {}

  /**
   * One ALLOW rule: a source plus optional positive matches. Empty {@code ports} mean every port
   * of the service; empty {@code methods}/{@code paths} mean any.
   *
   * @param ports names of the service's ports the rule covers
   */
  public record AllowRule(Source from, List<String> ports, List<String> methods, List<String> paths) {
    public AllowRule {
      ports = copy(ports);
      methods = copy(methods);
      paths = copy(paths);
    }

    /** A rule covering every port of its service. */
    public AllowRule(Source from, List<String> methods, List<String> paths) {
      this(from, null, methods, paths);
    }
  }

  /** Either {@code tenant}+{@code service} (a mesh workload) or {@code ingress: true}. */
  public record Source(String tenant, String service, Boolean ingress) {
    public boolean isIngress() {
      return Boolean.TRUE.equals(ingress);
    }
  }

  /** A service of another (or the same) tenant. */
  public record ServiceRef(String tenant, String service) {}

  /**
   * An external host.
   *
   * @param tls {@code passthrough} (the app speaks TLS itself) or {@code originate} (the app
   *     speaks plain HTTP and the sidecar originates TLS, verifying the server certificate)
   */
  public record EgressHost(String host, int port, String tls) {}

  public record Ingress(List<IngressHost> hosts) {
    public Ingress {
      hosts = copy(hosts);
    }
  }

  /**
   * An exposed hostname.
   *
   * @param name a single DNS label (prefixed to the environment's ingress domain) or an FQDN
   *     inside one of the environment's allowed domains
   * @param service the tenant service that receives the traffic
   * @param port service port; defaults to the service's first port
   * @param paths path prefixes routed to the service; default {@code /}
   */
  public record IngressHost(String name, String service, Integer port, List<String> paths) {
    public IngressHost {
      paths = copy(paths);
    }
  }

  /**
   * @param accessLog {@code off}, {@code errors} or {@code all}
   * @param tracingPercent 0 to 100, capped by the environment
   */
  public record Telemetry(String accessLog, BigDecimal tracingPercent) {}

  /**
   * Labels and annotations a tenant asks for on its namespace, sorted by key. Which keys are
   * allowed is the platform's decision (guardrail {@code GUARD-NAMESPACE-LABEL}); labels the
   * platform sets itself always win.
   */
  public record NamespaceMetadata(Map<String, String> labels, Map<String, String> annotations) {
    public NamespaceMetadata {
      labels = sorted(labels);
      annotations = sorted(annotations);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
      return map == null ? Collections.emptySortedMap()
          : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
  }
}
