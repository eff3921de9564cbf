package io.meshplate.review;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who may call what, read from the ALLOW AuthorizationPolicies of one side. A rule without
 * {@code from} admits anyone: on a tenant's ingress gateway that is the traffic the router
 * forwards (it has no mesh identity), restricted by the rule's hosts. A rule without {@code to}
 * admits every method, path and host ({@link #ANY}).
 */
final class AccessRules {
  static final String ANY = "*";

  /** A caller admitted to a target in one overlay. */
  record Grant(String overlay, String tenant, String target, String caller, String callerTenant)
      implements Comparable<Grant> {
    @Override
    public int compareTo(Grant o) {
      return (overlay + "\0" + tenant + "\0" + target + "\0" + caller)
          .compareTo(o.overlay + "\0" + o.tenant + "\0" + o.target + "\0" + o.caller);
    }
  }

  /** What the caller may do: methods, paths and request hosts, {@link #ANY} meaning all. */
  record Access(SortedSet<String> methods, SortedSet<String> paths, SortedSet<String> hosts) {}

  /** The caller named for a rule without {@code from} on a tenant's ingress gateway. */
  static final String ROUTER = "router traffic";

  private AccessRules() {}

  static SortedMap<Grant, Access> of(Side side, Map<String, String> namespaceOwners) {
    SortedMap<Grant, Access> grants = new TreeMap<>();
    for (Side.Entry entry : side.objects.values()) {
      if (!entry.key().kind().equals("AuthorizationPolicy") || !isAllow(entry.object())) {
        continue;
      }
      String owner = entry.tenant() == null ? "platform" : entry.tenant();
      String target = target(owner, entry.object());
      boolean gateway = Nodes.map(entry.object(), "spec", "selector", "matchLabels").get("istio") != null;
      for (Object rule : Nodes.list(entry.object(), "spec", "rules")) {
        List<?> sources = Nodes.list(rule, "from");
        List<?> operations = Nodes.list(rule, "to");
        for (String[] caller : callers(sources, namespaceOwners, entry.overlay(), gateway)) {
          Grant grant = new Grant(entry.overlay(), entry.tenant(), target, caller[0], caller[1]);
          Access access = grants.computeIfAbsent(grant,
              g -> new Access(new TreeSet<>(), new TreeSet<>(), new TreeSet<>()));
          if (operations.isEmpty()) {
            access.methods().add(ANY);
            access.paths().add(ANY);
            access.hosts().add(ANY);
          }
          for (Object to : operations) {
            addAll(access.methods(), Nodes.list(to, "operation", "methods"));
            addAll(access.paths(), Nodes.list(to, "operation", "paths"));
            List<?> hosts = Nodes.list(to, "operation", "hosts");
            addAll(access.hosts(), hosts.stream().map(h -> withoutPort(String.valueOf(h))).toList());
          }
        }
      }
    }
    return grants;
  }

  static boolean isAllow(Map<String, Object> policy) {
    String action = Nodes.text(policy, "spec", "action");
    return action == null || action.equals("ALLOW");
  }

  /** {@code shop.example.com:*} and {@code shop.example.com:443} are requests for shop.example.com. */
  private static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
  }

  private static void addAll(SortedSet<String> into, List<?> values) {
    if (values.isEmpty()) {
      into.add(ANY);
    }
    values.forEach(v -> into.add(String.valueOf(v)));
  }

  private static String target(String owner, Map<String, Object> policy) {
    Map<?, ?> labels = Nodes.map(policy, "spec", "selector", "matchLabels");
    if (labels.get("app") != null) {
      return owner + "/" + labels.get("app");
    }
    if (labels.get("istio") != null) {
      return owner + " ingress gateway";
    }
    if (labels.isEmpty()) {
      return owner + " (all workloads)";
    }
    if (labels.size() == 1) {
      return owner + "/" + labels.values().iterator().next();
    }
    return owner + " " + new TreeMap<>(labels);
  }

  /**
   * The tenant owning a namespace: the one whose folder holds it, else the {@code <tenant>-<overlay>}
   * naming convention (a caller whose tenant has no output in this overlay).
   */
  private static String owner(String namespace, Map<String, String> namespaceOwners, String overlay) {
    String owner = namespaceOwners.get(namespace);
    if (owner == null && namespace.endsWith("-" + overlay) && namespace.length() > overlay.length() + 1) {
      owner = namespace.substring(0, namespace.length() - overlay.length() - 1);
    }
    return owner;
  }

  /** Each caller as {display, tenant or null}. */
  private static List<String[]> callers(List<?> sources, Map<String, String> namespaceOwners, String overlay,
      boolean gateway) {
    if (sources.isEmpty()) {
      return List.<String[]>of(new String[] {gateway ? ROUTER : "anyone (no source restriction)", null});
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (Object from : sources) {
      for (Object principal : Nodes.list(from, "source", "principals")) {
        String p = String.valueOf(principal);
        int ns = p.indexOf("/ns/");
        int sa = p.indexOf("/sa/");
        if (ns >= 0 && sa > ns) {
          String namespace = p.substring(ns + 4, sa);
          String account = p.substring(sa + 4);
          String tenant = owner(namespace, namespaceOwners, overlay);
          if (tenant != null && (account.equals(namespace + "-ingress") || account.equals(tenant + "-ingress"))) {
            out.put(tenant + " ingress gateway", tenant);
          } else {
            out.put(tenant == null ? namespace + "/" + account : tenant + "/" + account, tenant);
          }
        } else {
          out.put(p.equals(ANY) ? "any authenticated workload" : p, null);
        }
      }
      for (Object namespace : Nodes.list(from, "source", "namespaces")) {
        String tenant = owner(String.valueOf(namespace), namespaceOwners, overlay);
        out.put("any workload of " + (tenant == null ? namespace : tenant), tenant);
      }
      if (Nodes.list(from, "source", "principals").isEmpty()
          && Nodes.list(from, "source", "namespaces").isEmpty()) {
        out.put("any source (" + Nodes.map(from, "source").keySet() + ")", null);
      }
    }
    return out.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList();
  }
}
