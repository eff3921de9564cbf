package io.meshplate.review;

import io.meshplate.review.Finding.Category;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Exposure and egress findings: ingress hosts, external hosts, and TLS towards them. */
final class HostFindings {
  private final Side base;
  private final Side head;
  private final Findings findings;

  HostFindings(Side base, Side head, Findings findings) {
    this.base = base;
    this.head = head;
    this.findings = findings;
  }

  /**
   * Host sets per overlay and tenant: ingress (Gateway servers, gateway-bound VirtualServices,
   * Routes) or egress.
   */
  void hosts(String kind, Category added, Category removed, String addedText, String removedText) {
    SortedMap<String, SortedSet<String>> before = hostsOf(base, kind);
    SortedMap<String, SortedSet<String>> after = hostsOf(head, kind);
    compareSets(after, before, added, addedText);
    compareSets(before, after, removed, removedText);
  }

  private void compareSets(SortedMap<String, SortedSet<String>> a, SortedMap<String, SortedSet<String>> b,
      Category category, String detail) {
    a.forEach((where, hosts) -> {
      SortedSet<String> other = b.getOrDefault(where, new TreeSet<>());
      String[] parts = where.split("\0", -1);
      String tenant = parts[1].isEmpty() ? null : parts[1];
      for (String host : hosts) {
        if (!other.contains(host)) {
          findings.add(category, tenant, host, detail, parts[0]);
        }
      }
    });
  }

  private static SortedMap<String, SortedSet<String>> hostsOf(Side side, String kind) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    for (Side.Entry e : side.objects.values()) {
      String where = e.overlay() + "\0" + (e.tenant() == null ? "" : e.tenant());
      if (kind.equals("Gateway") && e.key().kind().equals("Gateway")) {
        for (Object server : Nodes.list(e.object(), "spec", "servers")) {
          for (Object host : Nodes.list(server, "hosts")) {
            String h = String.valueOf(host);
            out.computeIfAbsent(where, w -> new TreeSet<>()).add(h.substring(h.indexOf('/') + 1));
          }
        }
      } else if (kind.equals("Gateway") && e.key().kind().equals("VirtualService")) {
        List<?> gateways = Nodes.list(e.object(), "spec", "gateways");
        if (gateways.stream().anyMatch(g -> !"mesh".equals(g))) {
          Nodes.list(e.object(), "spec", "hosts")
              .forEach(h -> out.computeIfAbsent(where, w -> new TreeSet<>()).add(String.valueOf(h)));
        }
      } else if (kind.equals("Gateway") && e.key().kind().equals("Route")
          && Nodes.text(e.object(), "spec", "host") != null) {
        // what the router exposes
        out.computeIfAbsent(where, w -> new TreeSet<>()).add(Nodes.text(e.object(), "spec", "host"));
      } else if (kind.equals("ServiceEntry") && e.key().kind().equals("ServiceEntry")) {
        Nodes.list(e.object(), "spec", "hosts")
            .forEach(h -> out.computeIfAbsent(where, w -> new TreeSet<>()).add(String.valueOf(h)));
      }
    }
    return out;
  }

  /**
   * TLS settings per DestinationRule host, compared as one readable signature. Only hosts some
   * ServiceEntry names on either side count: in-mesh destinations use mesh mTLS, and their rules
   * come and go with the calls already reported as access.
   */
  void tls() {
    SortedSet<String> external = new TreeSet<>();
    hostsOf(base, "ServiceEntry").values().forEach(external::addAll);
    hostsOf(head, "ServiceEntry").values().forEach(external::addAll);
    SortedMap<String, String> before = tlsOf(base);
    SortedMap<String, String> after = tlsOf(head);
    before.keySet().removeIf(k -> !external.contains(k.substring(k.lastIndexOf('\0') + 1)));
    after.keySet().removeIf(k -> !external.contains(k.substring(k.lastIndexOf('\0') + 1)));
    SortedSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      String old = before.getOrDefault(key, "none");
      String now = after.getOrDefault(key, "none");
      if (!old.equals(now)) {
        String[] parts = key.split("\0", -1);
        findings.add(Category.EGRESS_TLS_CHANGED, parts[1].isEmpty() ? null : parts[1], parts[2],
            old + " -> " + now, parts[0]);
      }
    }
  }

  private static SortedMap<String, String> tlsOf(Side side) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Side.Entry e : side.objects.values()) {
      if (!e.key().kind().equals("DestinationRule")) {
        continue;
      }
      StringBuilder sig = new StringBuilder();
      Object policy = Nodes.at(e.object(), "spec", "trafficPolicy");
      appendTls(sig, "", Nodes.at(policy, "tls"));
      for (Object port : Nodes.list(policy, "portLevelSettings")) {
        appendTls(sig, "port " + Nodes.text(port, "port", "number") + " ", Nodes.at(port, "tls"));
      }
      if (sig.length() > 0) {
        String where = e.overlay() + "\0" + (e.tenant() == null ? "" : e.tenant()) + "\0"
            + Nodes.text(e.object(), "spec", "host");
        out.merge(where, sig.toString(), (a, b) -> a + "; " + b);
      }
    }
    return out;
  }

  private static void appendTls(StringBuilder sig, String prefix, Object tls) {
    if (!(tls instanceof Map<?, ?> m) || m.isEmpty()) {
      return;
    }
    sig.append(sig.length() == 0 ? "" : "; ").append(prefix).append(m.get("mode"));
    new TreeMap<String, Object>(m.entrySet().stream()
            .filter(x -> !"mode".equals(x.getKey()))
            .collect(Collectors.toMap(x -> String.valueOf(x.getKey()), Map.Entry::getValue)))
        .forEach((k, v) -> sig.append(' ').append(k).append('=').append(v));
  }
}
