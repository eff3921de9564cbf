package io.meshplate.review;

import io.meshplate.review.AccessRules.Access;
import io.meshplate.review.AccessRules.Grant;
import io.meshplate.review.Finding.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns two indexed sides into the findings a security reviewer reads first. */
final class Classifier {
  private final Side base;
  private final Side head;
  private final Map<String, String> owners;
  private final Effects effects;
  private final Findings findings = new Findings();

  /** @param effects the connectivity model on both sides; null to judge access by the policies' text */
  Classifier(Side base, Side head, Map<String, String> owners, Effects effects) {
    this.base = base;
    this.head = head;
    this.owners = owners;
    this.effects = effects;
  }

  List<Finding> classify(OutputSnapshot before, OutputSnapshot after, List<ObjectChange> changes, Effects computed) {
    protections();
    if (effects != null) {
      new FlowFindings(findings).add(effects);
    } else {
      access();
      if (computed != null && computed.unavailable() != null) {
        findings.note(Category.REACH_WARNING, null, "flows", "not compared: " + computed.unavailable());
      }
    }
    HostFindings hosts = new HostFindings(base, head, findings);
    hosts.hosts("Gateway", Category.EXPOSURE_ADDED, Category.EXPOSURE_REMOVED,
        "exposed through the tenant ingress gateway", "no longer exposed");
    hosts.hosts("ServiceEntry", Category.EGRESS_ADDED, Category.EGRESS_REMOVED,
        "external host now reachable", "external host no longer reachable");
    hosts.tls();
    owners(before, after);
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
        boolean stillProtects = Protections.of(id.key().kind(), now.object()) != null;
        String fields = ObjectDiff.diff(old.object(), now.object()).stream()
            .map(FieldChange::path).filter(p -> !stillProtects || Protections.touches(id.key().kind(), p))
            .collect(Collectors.joining(", "));
        if (fields.isEmpty()) {
          return; // the change leaves the protecting fields alone
        }
        String state = stillProtects ? ") altered" : ") no longer protects";
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
        access(Category.ACCESS_WIDENED, grant, "accepts " + grant.caller() + hosts(now) + ": " + operations(now));
      } else {
        compareAccess(grant, old, now);
      }
    });
    before.forEach((grant, old) -> {
      if (!after.containsKey(grant)) {
        access(Category.ACCESS_NARROWED, grant,
            "no longer accepts " + grant.caller() + hosts(old) + " (was " + operations(old) + ")");
      }
    });
  }

  private void compareAccess(Grant grant, Access old, Access now) {
    String more = delta(now, old);
    if (!more.isEmpty()) {
      access(Category.ACCESS_WIDENED, grant, "accepts " + grant.caller() + " also " + more);
    }
    String less = delta(old, now);
    if (!less.isEmpty()) {
      access(Category.ACCESS_NARROWED, grant, "accepts " + grant.caller() + " no longer " + less);
    }
  }

  private void access(Category category, Grant grant, String detail) {
    findings.add(category, grant.tenant(), grant.target(), detail, grant.overlay());
  }

  /**
   * What {@code a} allows beyond {@code b} ({@code for hosts x.example; on methods DELETE; paths
   * /v1/refunds}), or "" when nothing. Lists are comma-separated, so groups are separated by ";".
   */
  private static String delta(Access a, Access b) {
    SortedSet<String> hosts = minus(a.hosts(), b.hosts());
    SortedSet<String> methods = minus(a.methods(), b.methods());
    SortedSet<String> paths = minus(a.paths(), b.paths());
    List<String> parts = new ArrayList<>();
    if (!hosts.isEmpty()) {
      parts.add(hosts.contains(AccessRules.ANY) ? "for any host" : "for hosts " + listed(hosts, ""));
    }
    List<String> operations = new ArrayList<>();
    if (!methods.isEmpty()) {
      operations.add(methods.contains(AccessRules.ANY) ? "any method" : "methods " + listed(methods, ""));
    }
    if (!paths.isEmpty()) {
      operations.add(paths.contains(AccessRules.ANY) ? "any path" : "paths " + listed(paths, ""));
    }
    if (!operations.isEmpty()) {
      parts.add("on " + String.join("; ", operations));
    }
    return String.join("; ", parts);
  }

  private static SortedSet<String> minus(SortedSet<String> a, SortedSet<String> b) {
    if (b.contains(AccessRules.ANY)) {
      return new TreeSet<>();
    }
    SortedSet<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  /** {@code " for hosts shop.example"} when the rules name hosts, else "". */
  private static String hosts(Access access) {
    return access.hosts().contains(AccessRules.ANY) ? "" : " for hosts " + listed(access.hosts(), "");
  }

  /** {@code "GET, POST on /a, /b/*"}. */
  private static String operations(Access access) {
    return listed(access.methods(), "any method") + " on " + listed(access.paths(), "any path");
  }

  private static String listed(SortedSet<String> values, String any) {
    return values.contains(AccessRules.ANY) ? any : String.join(", ", values);
  }

  /**
   * A tenant's owners decide who approves its changes (CODEOWNERS): a change of them is reported
   * even though no rendered object changes. A new tenant's owners are named too.
   */
  private void owners(OutputSnapshot before, OutputSnapshot after) {
    after.owners().forEach((tenant, now) -> {
      List<String> old = before.owners().get(tenant);
      if (old == null && !before.owners().isEmpty()) {
        findings.note(Category.OWNERS_CHANGED, tenant, tenant, "owners " + owners(now) + " (new tenant)");
      } else if (old != null && !old.equals(now)) {
        findings.note(Category.OWNERS_CHANGED, tenant, tenant, "owners " + owners(old) + " -> " + owners(now));
      }
    });
  }

  private static String owners(List<String> owners) {
    return owners.isEmpty() ? "(none: the platform team approves)" : String.join(" ", owners);
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
