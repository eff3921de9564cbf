package io.meshplate.review;

import io.meshplate.review.AccessRules.Access;
import io.meshplate.review.AccessRules.Grant;
import io.meshplate.review.Finding.Category;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns two indexed sides into the findings a security reviewer reads first. */
final class Classifier {
  private final Side base;
  private final Side head;
  private final Map<String, String> owners;
  private final Findings findings = new Findings();

  Classifier(Side base, Side head, Map<String, String> owners) {
    this.base = base;
    this.head = head;
    this.owners = owners;
  }

  List<Finding> classify(OutputSnapshot before, OutputSnapshot after, List<ObjectChange> changes) {
    protections();
    access();
    hosts("Gateway", Category.EXPOSURE_ADDED, Category.EXPOSURE_REMOVED,
        "exposed through the tenant ingress gateway", "no longer exposed");
    hosts("ServiceEntry", Category.EGRESS_ADDED, Category.EGRESS_REMOVED,
        "external host now reachable", "external host no longer reachable");
    tls();
    tenants();
    platform(before, after, changes);
    return findings.sorted();
  }

  private void protections() {
    base.objects.forEach((id, old) -> {
      String what = Protections.of(id.key().kind(), old.object());
      if (what == null) {
        return;
      }
      Side.Entry now = head.objects.get(id);
      String subject = id.key().kind() + "/" + id.key().name();
      if (now == null) {
        if (old.tenant() != null && !head.hasTenant(id.overlay(), old.tenant())) {
          return; // the whole tenant goes: reported as a removed tenant and by the deletion guard
        }
        findings.add(Category.WEAKENED_PROTECTION, old.tenant(), subject, "(" + what + ") removed", id.overlay());
      } else if (!Objects.equals(old.object(), now.object())) {
        String fields = ObjectDiff.diff(old.object(), now.object()).stream()
            .map(FieldChange::path).collect(Collectors.joining(", "));
        String state = Protections.of(id.key().kind(), now.object()) == null ? ") no longer protects" : ") altered";
        findings.add(Category.WEAKENED_PROTECTION, old.tenant(), subject, "(" + what + state + ": " + fields,
            id.overlay());
      }
    });
  }

  /**
   * DENY policies other than deny-all: removing one lets through what it stopped, so a removal
   * or any edit is reported as widening (an edit may narrow too; the reviewer decides).
   */
  private void denyRules() {
    base.objects.forEach((id, old) -> {
      if (!isPlainDeny(old)) {
        return;
      }
      Side.Entry now = head.objects.get(id);
      String subject = "AuthorizationPolicy/" + id.key().name();
      if (now == null) {
        if (old.tenant() == null || head.hasTenant(id.overlay(), old.tenant())) {
          findings.add(Category.ACCESS_WIDENED, old.tenant(), subject, "DENY policy removed", id.overlay());
        }
      } else if (!Objects.equals(old.object(), now.object())) {
        String fields = ObjectDiff.diff(old.object(), now.object()).stream()
            .map(FieldChange::path).collect(Collectors.joining(", "));
        findings.add(Category.ACCESS_WIDENED, old.tenant(), subject, "DENY policy changed: " + fields, id.overlay());
      }
    });
    head.objects.forEach((id, now) -> {
      if (isPlainDeny(now) && !base.objects.containsKey(id)) {
        findings.add(Category.ACCESS_NARROWED, now.tenant(), "AuthorizationPolicy/" + id.key().name(),
            "DENY policy added", id.overlay());
      }
    });
  }

  private static boolean isPlainDeny(Side.Entry entry) {
    return entry.key().kind().equals("AuthorizationPolicy")
        && "DENY".equals(Nodes.text(entry.object(), "spec", "action"))
        && Protections.of("AuthorizationPolicy", entry.object()) == null;
  }

  private void access() {
    denyRules();
    SortedMap<Grant, Access> before = AccessRules.of(base, owners);
    SortedMap<Grant, Access> after = AccessRules.of(head, owners);
    after.forEach((grant, now) -> {
      Access old = before.get(grant);
      if (old == null) {
        access(Category.ACCESS_WIDENED, grant, "accepts " + grant.caller() + ": " + describe(now));
      } else {
        compareAccess(grant, old, now);
      }
    });
    before.forEach((grant, old) -> {
      if (!after.containsKey(grant)) {
        access(Category.ACCESS_NARROWED, grant, "no longer accepts " + grant.caller() + " (was " + describe(old) + ")");
      }
    });
  }

  private void compareAccess(Grant grant, Access old, Access now) {
    String more = delta(now, old);
    if (!more.isEmpty()) {
      access(Category.ACCESS_WIDENED, grant, "accepts " + grant.caller() + " also on " + more);
    }
    String less = delta(old, now);
    if (!less.isEmpty()) {
      access(Category.ACCESS_NARROWED, grant, "accepts " + grant.caller() + " no longer on " + less);
    }
  }

  private void access(Category category, Grant grant, String detail) {
    findings.add(category, grant.tenant(), grant.target(), detail, grant.overlay());
  }

  /** What {@code a} allows beyond {@code b}, or "" when nothing. */
  private static String delta(Access a, Access b) {
    SortedSet<String> methods = minus(a.methods(), b.methods());
    SortedSet<String> paths = minus(a.paths(), b.paths());
    if (methods.isEmpty() && paths.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    if (!methods.isEmpty()) {
      sb.append(methods.contains(AccessRules.ANY) ? "any method" : "methods " + listed(methods, ""));
    }
    if (!paths.isEmpty()) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(paths.contains(AccessRules.ANY) ? "any path" : "paths " + listed(paths, ""));
    }
    return sb.toString();
  }

  private static SortedSet<String> minus(SortedSet<String> a, SortedSet<String> b) {
    if (b.contains(AccessRules.ANY)) {
      return new TreeSet<>();
    }
    SortedSet<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  static String describe(Access access) {
    return listed(access.methods(), "any method") + " on " + listed(access.paths(), "any path");
  }

  private static String listed(SortedSet<String> values, String any) {
    return values.contains(AccessRules.ANY) ? any : String.join(" ", values);
  }

  /** Host sets per overlay and tenant: ingress (Gateway servers, gateway-bound VirtualServices) or egress. */
  private void hosts(String kind, Category added, Category removed, String addedText, String removedText) {
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
      } else if (kind.equals("ServiceEntry") && e.key().kind().equals("ServiceEntry")) {
        Nodes.list(e.object(), "spec", "hosts")
            .forEach(h -> out.computeIfAbsent(where, w -> new TreeSet<>()).add(String.valueOf(h)));
      }
    }
    return out;
  }

  /** TLS settings per DestinationRule host, compared as one readable signature. */
  private void tls() {
    SortedMap<String, String> before = tlsOf(base);
    SortedMap<String, String> after = tlsOf(head);
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

  private void tenants() {
    SortedSet<String> overlays = new TreeSet<>(base.tenants.keySet());
    overlays.addAll(head.tenants.keySet());
    for (String overlay : overlays) {
      for (String t : head.tenants.getOrDefault(overlay, new TreeSet<>())) {
        if (!base.hasTenant(overlay, t)) {
          findings.add(Category.TENANT_ADDED, t, t, "new tenant", overlay);
        }
      }
      for (String t : base.tenants.getOrDefault(overlay, new TreeSet<>())) {
        if (!head.hasTenant(overlay, t)) {
          findings.add(Category.TENANT_REMOVED, t, t, "tenant removed with all its objects", overlay);
        }
      }
    }
  }

  private void platform(OutputSnapshot before, OutputSnapshot after, List<ObjectChange> changes) {
    SortedSet<String> touched = new TreeSet<>();
    SortedSet<String> overlays = new TreeSet<>();
    for (ObjectChange change : changes) {
      overlays.add(change.overlay());
      if (change.tenant() != null) {
        touched.add(change.tenant());
      } else {
        findings.add(Category.PLATFORM_CHANGED, null, change.key().kind() + "/" + change.key().name(),
            "platform object " + change.type().name().toLowerCase(Locale.ROOT), change.overlay());
      }
    }
    SortedSet<String> all = base.allTenants();
    all.addAll(head.allTenants());
    String reach = String.format(Locale.ROOT, "output of %d of %d tenants changed", touched.size(), all.size());
    SortedSet<String> paths = new TreeSet<>(before.templates().keySet());
    paths.addAll(after.templates().keySet());
    for (String path : paths) {
      String old = before.templates().get(path);
      String now = after.templates().get(path);
      if (!Objects.equals(old, now)) {
        String what = old == null ? "added" : now == null ? "deleted" : "modified";
        findings.note(Category.PLATFORM_CHANGED, null, path, what + "; " + reach);
        overlays.forEach(o -> findings.add(Category.PLATFORM_CHANGED, null, path, what + "; " + reach, o));
      }
    }
  }
}
