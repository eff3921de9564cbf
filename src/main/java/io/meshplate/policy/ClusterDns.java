package io.meshplate.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which egress hosts do not leave the cluster. A ServiceEntry for such a name would give this
 * tenant's sidecars a route to an in-cluster service (another tenant's, the API server's) or to
 * a node-local endpoint (the pod itself, the cloud's metadata service) that REGISTRY_ONLY is
 * there to close.
 *
 * <p>"Resolves inside the cluster" is meant exactly as a pod's resolver does it. Kubernetes
 * writes {@code search <ns>.svc.cluster.local svc.cluster.local cluster.local} and
 * {@code ndots:5} into every pod's resolv.conf, so a name with fewer than five dots is first
 * tried with each search domain appended
 * (https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/):
 * <ul>
 *   <li>{@code api} becomes {@code api.<ns>.svc.cluster.local}, a service of the pod's own
 *       namespace (refused by the descriptor rules: egress hosts are fully qualified);
 *   <li>{@code kubernetes.default} becomes {@code kubernetes.default.svc.cluster.local}: a
 *       service {@code <name>} in namespace {@code <namespace>}; {@code pod.svc.namespace} is a
 *       pod of a headless service; so a name whose last label is a namespace of the cluster is
 *       in-cluster. The namespaces known here are every tenant's namespace in the overlay, the
 *       reserved namespaces and every name under a reserved prefix ({@code kube-},
 *       {@code openshift-}, ...);
 *   <li>{@code x.svc} and {@code 10-1-2-3.ns.pod} become {@code ….cluster.local} names;
 *       {@code *.cluster.local}, {@code *.local} (mDNS) and loopback names never leave the node.
 * </ul>
 * Beyond DNS, the platform's deny-list ({@code guardrails.egressDeniedHosts}) names metadata
 * endpoints ({@code metadata.google.internal}) and wildcard-DNS services that answer any name
 * with the address written in it ({@code 169.254.169.254.nip.io}); a name embedding a loopback,
 * link-local, private or shared address is refused whichever service resolves it.
 */
public final class ClusterDns {
  /** Suffixes the cluster resolver or the node answers itself (Kubernetes DNS, mDNS, loopback). */
  static final List<String> INTERNAL_SUFFIXES =
      List.of(".svc", ".pod", ".cluster.local", ".local", ".localhost", ".localdomain");

  /** Built in when {@code guardrails.egressDeniedHosts} is absent (an explicit {@code []} turns it off). */
  public static final List<String> DEFAULT_DENIED_HOSTS = List.of(
      "metadata.google.internal", "instance-data.ec2.internal",
      "*.nip.io", "*.sslip.io", "*.xip.io", "*.traefik.me", "*.localtest.me", "*.lvh.me", "*.vcap.me",
      "*.localho.st");

  private static final Pattern DOTTED = Pattern.compile("(?:^|\\.)(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?=\\.|$)");
  private static final Pattern DASHED = Pattern.compile("(?:^|[.-])(\\d{1,3})-(\\d{1,3})-(\\d{1,3})-(\\d{1,3})(?=[.-]|$)");
  private static final Pattern HEX = Pattern.compile("(?:^|[.-])([0-9a-f]{8})(?=\\.|$)");

  private final Map<String, Set<String>> namespacesByOverlay;

  private ClusterDns(Map<String, Set<String>> namespacesByOverlay) {
    this.namespacesByOverlay = namespacesByOverlay;
  }

  /**
   * The namespaces of each overlay's cluster that meshplate knows: every tenant's namespace
   * there (whether or not the tenant renders to it) and the reserved namespaces.
   */
  static ClusterDns of(List<Placement> placements) {
    Set<String> tenants = new TreeSet<>();
    placements.forEach(p -> tenants.add(p.tenant().name()));
    Map<String, Set<String>> namespaces = new HashMap<>();
    for (Placement placement : placements) {
      OverlayRules rules = placement.rules();
      namespaces.computeIfAbsent(rules.overlay(), o -> {
        Set<String> all = new TreeSet<>(rules.reservedNamespaces());
        tenants.forEach(t -> all.add(rules.namespaceOf(t)));
        return all;
      });
    }
    return new ClusterDns(namespaces);
  }

  /** Why {@code host} does not leave the cluster in this overlay, or empty when it is external. */
  Optional<String> whyInternal(String host, OverlayRules rules) {
    String name = host.toLowerCase(Locale.ROOT);
    String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    if (first.startsWith("localhost") || name.equals("ip6-localhost") || name.equals("ip6-loopback")) {
      return Optional.of("is a loopback name: it resolves to the pod itself, where the sidecar's admin port listens");
    }
    for (String suffix : INTERNAL_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return Optional.of("ends in `" + suffix + "`, which only the cluster's DNS or the node answers");
      }
    }
    int dot = name.lastIndexOf('.');
    String last = dot < 0 ? name : name.substring(dot + 1);
    boolean namespace = namespacesByOverlay.getOrDefault(rules.overlay(), Set.of()).contains(last)
        || rules.reservedPrefixes().stream().anyMatch(last::startsWith);
    if (dot > 0 && namespace) {
      String service = name.substring(0, dot);
      return Optional.of("resolves inside the cluster: pods look it up as `" + name + ".svc.cluster.local`"
          + " first (their DNS search path is `<ns>.svc.cluster.local svc.cluster.local cluster.local`), which is "
          + (service.contains(".") ? "a pod of service" : "service") + " `" + service.substring(service.lastIndexOf('.') + 1)
          + "` in namespace `" + last + "`");
    }
    for (String denied : rules.egressDeniedHosts()) {
      String entry = denied.toLowerCase(Locale.ROOT);
      boolean match = entry.startsWith("*.") ? name.endsWith(entry.substring(1)) || name.equals(entry.substring(2))
          : name.equals(entry);
      if (match) {
        return Optional.of("is on the platform's deny-list of internal and metadata hosts (`" + denied
            + "` in guardrails.egressDeniedHosts)");
      }
    }
    return embeddedAddress(name).map(address -> "embeds the address " + address
        + "; wildcard DNS services (nip.io, sslip.io and others) resolve such a name to the address in it");
  }

  /** An internal IPv4 address written into a name (dotted, dashed or as 8 hex digits), described. */
  private static Optional<String> embeddedAddress(String name) {
    for (Pattern pattern : List.of(DOTTED, DASHED)) {
      Matcher m = pattern.matcher(name);
      while (m.find()) {
        int[] octets = new int[4];
        boolean valid = true;
        for (int i = 0; i < 4; i++) {
          octets[i] = Integer.parseInt(m.group(i + 1));
          valid &= octets[i] <= 255;
        }
        Optional<String> internal = valid ? internalRange(octets) : Optional.empty();
        if (internal.isPresent()) {
          return internal;
        }
      }
    }
    Matcher hex = HEX.matcher(name);
    while (hex.find()) {
      long value = Long.parseLong(hex.group(1), 16);
      int[] octets = {(int) (value >> 24) & 0xff, (int) (value >> 16) & 0xff, (int) (value >> 8) & 0xff, (int) value & 0xff};
      Optional<String> internal = internalRange(octets);
      if (internal.isPresent()) {
        return internal.map(described -> described + " (written as hex " + hex.group(1) + ")");
      }
    }
    return Optional.empty();
  }

  /** The address and its range when it is not a public unicast address (RFC 6890 special ranges). */
  private static Optional<String> internalRange(int[] o) {
    String address = o[0] + "." + o[1] + "." + o[2] + "." + o[3];
    String range;
    if (o[0] == 169 && o[1] == 254) {
      range = "link-local: cloud metadata services answer on 169.254.169.254";
    } else if (o[0] == 127) {
      range = "loopback";
    } else if (o[0] == 0) {
      range = "this host";
    } else if (o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168)) {
      range = "private: the cluster's pod and service networks use such ranges";
    } else if (o[0] == 100 && o[1] >= 64 && o[1] <= 127) {
      range = "shared address space, used by some clouds' metadata services";
    } else {
      return Optional.empty();
    }
    return Optional.of(address + " (" + range + ")");
  }
}
