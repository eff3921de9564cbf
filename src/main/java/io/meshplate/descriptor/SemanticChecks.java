package io.meshplate.descriptor;

import io.meshplate.yaml.SourceMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The rules a schema cannot express: names checked in Java, uniqueness within a tenant,
 * references to other tenants and services, and environments that exist. Runs on the raw
 * tree of every file (valid or not) and looks only at nodes of the expected type, so one run
 * reports schema and semantic problems together.
 */
final class SemanticChecks {
  private static final Set<String> L4_PROTOCOLS = Set.of("TCP", "TLS");

  private final ReferenceIndex index;
  private final PlatformConfig platform;

  SemanticChecks(ReferenceIndex index, PlatformConfig platform) {
    this.index = index;
    this.platform = platform;
  }

  /** All findings for one descriptor; {@code fileStem} is its file name without {@code .yaml}. */
  List<Finding> check(String fileStem, Object descriptor) {
    List<Finding> findings = new ArrayList<>();
    String name = Nodes.string(Nodes.at(descriptor, "/metadata/name"));
    if (name != null) {
      tenantName(name, "/metadata/name", findings);
      if (!name.equals(fileStem)) {
        findings.add(Finding.atValue("/metadata/name", "NAME-FILE-MISMATCH",
            "`metadata.name` is " + Hints.quote(name) + " but the file is " + Hints.quote(fileStem + ".yaml"),
            fileMismatchHint(name, fileStem)));
      }
    }
    Map<String, Object> spec = Nodes.map(Nodes.at(descriptor, "/spec"));
    annotationValues(spec, findings);
    checkSpec(fileStem, spec, "/spec", findings);
    EnvironmentChecks.check(spec, platform, findings);
    return findings;
  }

  /**
   * Checks one spec (as written, or merged with an environment override) found at {@code at}.
   * Kept separate so overrides can run exactly the same rules on the merged result.
   */
  void checkSpec(String tenant, Map<String, Object> spec, String at, List<Finding> findings) {
    Map<String, Map<String, Object>> services = services(spec, at + "/services", findings);
    Own own = new Own(tenant, new TreeSet<>(services.keySet()));
    List<Object> list = Nodes.list(spec.get("services"));
    for (int i = 0; i < list.size(); i++) {
      allowRules(Nodes.map(list.get(i)), SourceMap.child(at + "/services", i) + "/allow", own, findings);
    }
    calls(own, spec, at, findings);
    egress(spec, at + "/egress", findings);
    ingress(spec, at + "/ingress/hosts", services, findings);
  }

  /** A tenant name: DNS-1123 label, unambiguous in YAML 1.1, not reserved. Also used by {@code new}. */
  void tenantName(String name, String at, List<Finding> findings) {
    if (label(name, at, "tenant name", this::isFreeTenantName, findings)) {
      unambiguous(name, at, findings);
      NameRules.reserved(name, platform).ifPresent(v -> findings.add(Finding.atValue(at, "NAME-RESERVED",
          "tenant name " + Hints.quote(name) + " " + v.message(), v.hint())));
    }
  }

  private boolean isFreeTenantName(String name) {
    return NameRules.reserved(name, platform).isEmpty();
  }

  /** Only a fix that is itself valid: renaming the file to an invalid stem is never proposed. */
  private String fileMismatchHint(String name, String fileStem) {
    boolean stemValid = NameRules.dnsLabel(fileStem).isEmpty() && NameRules.unambiguous(fileStem).isEmpty()
        && isFreeTenantName(fileStem);
    boolean nameValid = NameRules.dnsLabel(name).isEmpty() && NameRules.unambiguous(name).isEmpty()
        && isFreeTenantName(name);
    if (stemValid && nameValid) {
      return "the name must equal the file name: rename the file to " + Hints.quote(name + ".yaml")
          + " or set `name: " + fileStem + "`";
    }
    if (nameValid) {
      return "the name must equal the file name: rename the file to " + Hints.quote(name + ".yaml");
    }
    return stemValid ? "the name must equal the file name: set `name: " + fileStem + "`"
        : "the name must equal the file name, and both must be valid tenant names";
  }

  /** Namespace annotation values are free text: any printable Unicode (see {@link FreeText}). */
  private static void annotationValues(Map<String, Object> spec, List<Finding> findings) {
    String at = "/spec/namespaceMetadata/annotations";
    Nodes.map(Nodes.map(spec.get("namespaceMetadata")).get("annotations")).forEach((key, value) -> {
      if (value instanceof String text) {
        FreeText.whyRefused(text).ifPresent(why -> findings.add(Finding.atValue(SourceMap.child(at, key),
            "TEXT-CHARACTER", "annotation " + Hints.quote(key) + " " + why,
            "remove it; annotation values may hold any printable text in any language")));
      }
    });
  }

  private Map<String, Map<String, Object>> services(
      Map<String, Object> spec, String at, List<Finding> findings) {
    Map<String, Map<String, Object>> byName = new HashMap<>();
    Map<String, Integer> firstIndex = new HashMap<>();
    List<Object> list = Nodes.list(spec.get("services"));
    for (int i = 0; i < list.size(); i++) {
      String itemAt = SourceMap.child(at, i);
      Map<String, Object> service = Nodes.map(list.get(i));
      String name = Nodes.string(service.get("name"));
      if (name != null && serviceName(name, itemAt + "/name", findings)) {
        unambiguous(name, itemAt + "/name", findings);
        Integer first = firstIndex.putIfAbsent(name, i);
        if (first != null) {
          findings.add(Finding.atValue(itemAt + "/name", "SERVICE-DUPLICATE",
              "service " + Hints.quote(name) + " is declared twice (first as services[" + first + "])",
              "merge the two entries"));
        } else {
          byName.put(name, service);
        }
      }
      ports(service, itemAt + "/ports", findings);
    }
    return byName;
  }

  private void ports(Map<String, Object> service, String at, List<Finding> findings) {
    Map<String, Integer> names = new HashMap<>();
    Map<Long, Integer> numbers = new HashMap<>();
    List<Object> ports = Nodes.list(service.get("ports"));
    for (int i = 0; i < ports.size(); i++) {
      Map<String, Object> port = Nodes.map(ports.get(i));
      String portAt = SourceMap.child(at, i);
      String name = Nodes.string(port.get("name"));
      if (name != null) {
        Optional<NameRules.Violation> bad = NameRules.portName(name);
        bad.ifPresent(v -> findings.add(Finding.atValue(portAt + "/name", "PORT-NAME",
            "port name " + Hints.quote(name) + " " + v.message(), v.hint())));
        Integer first = names.putIfAbsent(name, i);
        if (bad.isEmpty() && first != null) {
          findings.add(Finding.atValue(portAt + "/name", "PORT-DUPLICATE",
              "port name " + Hints.quote(name) + " is used twice (first as ports[" + first + "])",
              "give each port its own name"));
        }
      }
      wholeNumber(port.get("port"), portAt + "/port", findings);
      Long number = Nodes.integer(port.get("port"));
      reservedPort(number, portAt + "/port", "a service port", findings);
      Integer first = number == null ? null : numbers.putIfAbsent(number, i);
      if (first != null) {
        findings.add(Finding.atValue(portAt + "/port", "PORT-DUPLICATE",
            "port " + number + " is declared twice (first as ports[" + first + "])",
            "list each port number once"));
      }
    }
  }

  /** The tenant being checked and its services (from the spec as written or as merged). */
  private record Own(String tenant, SortedSet<String> services) {}

  private void allowRules(Map<String, Object> service, String at, Own own, List<Finding> findings) {
    Map<String, String> protocols = new LinkedHashMap<>();
    for (Object port : Nodes.list(service.get("ports"))) {
      String name = Nodes.string(Nodes.map(port).get("name"));
      if (name != null) {
        protocols.putIfAbsent(name, Nodes.string(Nodes.map(port).get("protocol")));
      }
    }
    List<Object> rules = Nodes.list(service.get("allow"));
    for (int i = 0; i < rules.size(); i++) {
      String ruleAt = SourceMap.child(at, i);
      Map<String, Object> rule = Nodes.map(rules.get(i));
      Map<String, Object> from = Nodes.map(rule.get("from"));
      if (from.containsKey("tenant")) {
        reference(Nodes.string(from.get("tenant")), Nodes.string(from.get("service")), ruleAt + "/from",
            own, findings);
      }
      List<String> covered = coveredPorts(rule, ruleAt, protocols, findings);
      List<String> l4 = covered.stream().filter(p -> isL4(protocols.get(p))).toList();
      if (l4.isEmpty()) {
        continue;
      }
      List<String> httpPorts = protocols.keySet().stream().filter(p -> !isL4(protocols.get(p))).toList();
      for (String l7 : List.of("methods", "paths")) {
        if (rule.containsKey(l7)) {
          findings.add(Finding.atKey(ruleAt + "/" + l7, "ALLOW-L7-ON-TCP",
              "`" + l7 + "` cannot apply to " + describe(l4, protocols)
                  + ": Istio never matches HTTP fields on TCP or TLS traffic, so this rule would admit nothing there",
              l7Hint(l7, l4, httpPorts, rule.containsKey("ports"))));
        }
      }
    }
  }

  private static String l7Hint(String field, List<String> l4, List<String> httpPorts, boolean namesPorts) {
    if (httpPorts.isEmpty()) {
      return "remove `" + field + "`, or declare the port as HTTP, HTTP2 or GRPC";
    }
    String quoted = String.join(", ", l4.stream().map(Hints::quote).toList());
    return (namesPorts ? "take " + quoted + " out of `ports`"
        : "limit the rule to HTTP ports with `ports: [" + String.join(", ", httpPorts) + "]`")
        + "; a second rule without `" + field + "` can cover the other ports";
  }

  /**
   * The port names a rule covers: its {@code ports}, each checked against the service's ports,
   * or every port of the service when it names none.
   */
  private static List<String> coveredPorts(Map<String, Object> rule, String ruleAt, Map<String, String> protocols,
      List<Finding> findings) {
    if (!rule.containsKey("ports")) {
      return List.copyOf(protocols.keySet());
    }
    List<String> covered = new ArrayList<>();
    List<Object> names = Nodes.list(rule.get("ports"));
    for (int j = 0; j < names.size(); j++) {
      String name = Nodes.string(names.get(j));
      if (name == null) {
        continue;
      }
      if (protocols.containsKey(name)) {
        covered.add(name);
      } else {
        findings.add(Finding.atValue(SourceMap.child(ruleAt + "/ports", j), "ALLOW-UNKNOWN-PORT",
            "the service has no port named " + Hints.quote(name),
            Hints.suggest(name, new TreeSet<>(protocols.keySet()), "its ports are")));
      }
    }
    return covered;
  }

  private static String describe(List<String> ports, Map<String, String> protocols) {
    List<String> each = ports.stream().map(p -> Hints.quote(p) + " (" + protocols.get(p) + ")").toList();
    return (each.size() == 1 ? "port " : "ports ") + String.join(", ", each);
  }

  /** Null-safe: {@code Set.of(..).contains(null)} throws, and a port may lack its protocol. */
  private static boolean isL4(String protocol) {
    return protocol != null && L4_PROTOCOLS.contains(protocol);
  }

  private void calls(Own own, Map<String, Object> spec, String at, List<Finding> findings) {
    Map<String, Integer> seen = new HashMap<>();
    List<Object> calls = Nodes.list(spec.get("calls"));
    for (int i = 0; i < calls.size(); i++) {
      String callAt = SourceMap.child(at + "/calls", i);
      Map<String, Object> call = Nodes.map(calls.get(i));
      String target = Nodes.string(call.get("tenant"));
      String service = Nodes.string(call.get("service"));
      reference(target, service, callAt, own, findings);
      Integer first = target == null || service == null ? null : seen.putIfAbsent(target + "/" + service, i);
      if (first != null) {
        findings.add(Finding.atValue(callAt, "CALLS-DUPLICATE",
            "service " + Hints.quote(target + "/" + service) + " is listed twice (first as calls[" + first + "])",
            "remove the repeated entry"));
      }
    }
  }

  /** A {tenant, service} reference at {@code at}; the own tenant's services come from {@code own}. */
  private void reference(String tenant, String service, String at, Own own, List<Finding> findings) {
    if (tenant == null || !label(tenant, at + "/tenant", "tenant name", findings)) {
      return;
    }
    if (!index.hasTenant(tenant) && !tenant.equals(own.tenant())) {
      findings.add(Finding.atValue(at + "/tenant", "REF-UNKNOWN-TENANT",
          "tenant " + Hints.quote(tenant) + " does not exist",
          Hints.didYouMean(tenant, index.tenants()).orElse("tenants are the files in tenants/")));
      return;
    }
    if (service == null || !label(service, at + "/service", "service name", findings)
        || !(tenant.equals(own.tenant()) || index.servicesKnown(tenant))) {
      return;
    }
    SortedSet<String> services = tenant.equals(own.tenant()) ? own.services() : index.services(tenant);
    if (!services.contains(service)) {
      findings.add(Finding.atValue(at + "/service", "REF-UNKNOWN-SERVICE",
          "tenant " + Hints.quote(tenant) + " has no service " + Hints.quote(service),
          Hints.suggest(service, services, "its services are")));
    }
  }

  private void egress(Map<String, Object> spec, String at, List<Finding> findings) {
    Map<String, Integer> seen = new HashMap<>();
    List<Object> hosts = Nodes.list(spec.get("egress"));
    for (int i = 0; i < hosts.size(); i++) {
      String hostAt = SourceMap.child(at, i);
      Map<String, Object> entry = Nodes.map(hosts.get(i));
      wholeNumber(entry.get("port"), hostAt + "/port", findings);
      String host = Nodes.string(entry.get("host"));
      if (host == null) {
        continue;
      }
      HostNames.check(host, true).ifPresent(v -> findings.add(Finding.atValue(hostAt + "/host",
          "EGRESS-HOST", "egress host " + Hints.quote(host) + " " + v.message(), v.hint())));
      Integer first = seen.putIfAbsent(host + ":" + entry.get("port"), i);
      if (first != null) {
        findings.add(Finding.atValue(hostAt, "EGRESS-DUPLICATE",
            "host " + Hints.quote(host) + " and port " + entry.get("port") + " are listed twice (first as egress["
                + first + "])", "remove the repeated entry"));
      }
    }
  }

  private void ingress(Map<String, Object> spec, String at,
      Map<String, Map<String, Object>> services, List<Finding> findings) {
    Map<String, Integer> seen = new HashMap<>();
    List<Object> hosts = Nodes.list(Nodes.map(spec.get("ingress")).get("hosts"));
    for (int i = 0; i < hosts.size(); i++) {
      String hostAt = SourceMap.child(at, i);
      Map<String, Object> host = Nodes.map(hosts.get(i));
      String name = Nodes.string(host.get("name"));
      if (name != null) {
        HostNames.check(name, false).ifPresent(v -> findings.add(Finding.atValue(hostAt + "/name",
            "INGRESS-HOST", "ingress host " + Hints.quote(name) + " " + v.message(), v.hint())));
        Integer first = seen.putIfAbsent(name, i);
        if (first != null) {
          findings.add(Finding.atValue(hostAt + "/name", "INGRESS-DUPLICATE-HOST",
              "host " + Hints.quote(name) + " is listed twice (first as hosts[" + first + "])",
              "route several paths of one host in one entry"));
        }
      }
      wholeNumber(host.get("port"), hostAt + "/port", findings);
      String service = Nodes.string(host.get("service"));
      if (service == null || !label(service, hostAt + "/service", "service name", findings)) {
        continue;
      }
      Map<String, Object> target = services.get(service);
      if (target == null) {
        findings.add(Finding.atValue(hostAt + "/service", "INGRESS-UNKNOWN-SERVICE",
            "this tenant has no service " + Hints.quote(service),
            Hints.suggest(service, services.keySet(), "its services are")));
        continue;
      }
      Long port = Nodes.integer(host.get("port"));
      reservedPort(port, hostAt + "/port", "an ingress target port", findings);
      if (port != null && Nodes.list(target.get("ports")).stream()
          .noneMatch(p -> port.equals(Nodes.integer(Nodes.map(p).get("port"))))) {
        findings.add(Finding.atValue(hostAt + "/port", "INGRESS-UNKNOWN-PORT",
            "service " + Hints.quote(service) + " has no port " + port,
            "use one of the service's ports or omit `port` for its first port"));
      }
    }
  }

  /**
   * JSON Schema counts {@code 443.0} as an integer; the typed model (and Kubernetes) do not,
   * so a port written with a decimal point is refused here.
   */
  private static void wholeNumber(Object node, String at, List<Finding> findings) {
    if (node instanceof BigDecimal number) {
      findings.add(Finding.atValue(at, "SCHEMA-TYPE",
          "`" + Hints.field(at) + "` must be an integer, found the number `" + number.toPlainString() + "`",
          "write it without a decimal point"));
    }
  }

  /** Istio's own ports (see {@link IstioPorts}) can be neither a service port nor an ingress target. */
  private static void reservedPort(Long port, String at, String what, List<Finding> findings) {
    IstioPorts.use(port).ifPresent(use -> findings.add(Finding.atValue(at, "PORT-RESERVED",
        "port " + port + " cannot be " + what + ": it is " + use + " (Istio reserves it in every meshed pod)",
        "use another port, e.g. 8080; Istio's ports are listed at " + IstioPorts.SOURCE)));
  }

  private static boolean label(String value, String at, String what, List<Finding> findings) {
    return label(value, at, what, name -> true, findings);
  }

  /**
   * A DNS-1123 label; when it is not, the hint offers the nearest name that passes every rule of
   * the field ({@code alsoValid}), never a fix that would be refused in turn.
   */
  private static boolean label(String value, String at, String what,
      Predicate<String> alsoValid, List<Finding> findings) {
    Optional<NameRules.Violation> bad = NameRules.dnsLabel(value);
    bad.ifPresent(v -> findings.add(Finding.atValue(at, "NAME-DNS1123",
        what + " " + Hints.quote(value) + " is not a DNS-1123 label: it " + v.message(),
        withExample(v.hint(), NameRules.nearestValid(value, alsoValid)))));
    return bad.isEmpty();
  }

  /**
   * A service name names the tenant's Kubernetes Service (its mesh host is
   * {@code <service>.<namespace>.svc.cluster.local}) and its ServiceAccount, so it must be a
   * DNS-1035 label: a DNS-1123 label starting with a letter.
   */
  private static boolean serviceName(String value, String at, List<Finding> findings) {
    Predicate<String> startsWithLetter = n -> NameRules.dns1035Label(n).isEmpty();
    if (!label(value, at, "service name", startsWithLetter, findings)) {
      return false;
    }
    // Still a usable reference when only the first character is wrong: callers and ingress
    // hosts naming it are not reported as naming an unknown service on top.
    NameRules.dns1035Label(value).ifPresent(v -> findings.add(Finding.atValue(at, "NAME-DNS1035",
        "service name " + Hints.quote(value) + " " + v.message(), v.hint())));
    return true;
  }

  private static String withExample(String hint, Optional<String> example) {
    return example.map(e -> hint + ", e.g. " + Hints.quote(e)).orElse(hint);
  }

  private static void unambiguous(String value, String at, List<Finding> findings) {
    NameRules.unambiguous(value).ifPresent(v -> findings.add(Finding.atValue(at, "NAME-AMBIGUOUS",
        Hints.quote(value) + " " + v.message(), v.hint())));
  }
}
