package io.meshplate.reach;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Istio's authorization decision for requests reaching a workload
 * (https://istio.io/latest/docs/reference/config/security/authorization-policy/): CUSTOM policies
 * first (an external service decides: unknown here), then a matching DENY denies, then with no
 * ALLOW policy selecting the workload everything passes, else a request passes only when an ALLOW
 * rule matches. Policies of the workload's namespace apply when their selector matches; policies
 * of the root namespace apply in every namespace. {@code istio.io/dry-run} policies are logged,
 * not enforced (https://istio.io/latest/docs/tasks/security/authorization/authz-dry-run/).
 *
 * <p>On a TCP port (a Service port not declared HTTP, HTTP2 or gRPC) the HTTP-only fields
 * (methods, paths, hosts and their {@code not} forms) cannot be evaluated: an ALLOW rule using any
 * of them is dropped whole, a DENY rule ignores them and so matches more (istio/istio
 * {@code pilot/pkg/security/authz/model/model.go}, {@code checkError}).
 */
final class Authorizations {
  /** Who a request comes from: the mTLS peer identity, or nothing for plaintext. */
  record Identity(String principal, String namespace) {
    static final Identity NONE = new Identity(null, null);
  }

  private record Applying(AuthorizationFact policy, Tri selects) {}

  private final Mesh mesh;
  private final Memo<String, List<Applying>> applying = new Memo<>();

  Authorizations(Mesh mesh) {
    this.mesh = mesh;
  }

  /** Policies that may select the workload: its namespace's, and the root namespace's (once per workload). */
  private List<Applying> applying(Party workload) {
    return applying.get(workload.id(), id -> select(workload));
  }

  private List<Applying> select(Party workload) {
    List<Applying> out = new ArrayList<>();
    collect(mesh.scope(workload.namespace()).authorizations, workload, out);
    if (!mesh.settings.rootNamespace().equals(workload.namespace())) {
      collect(mesh.root().authorizations, workload, out);
    }
    return out;
  }

  private static void collect(List<AuthorizationFact> policies, Party workload, List<Applying> out) {
    for (AuthorizationFact p : policies) {
      Tri selects = p.selector() == null ? Tri.TRUE : p.selector().matches(workload.podLabels());
      if (!p.unknown().isEmpty()) {
        selects = selects.and(Tri.UNKNOWN);
      }
      if (selects != Tri.FALSE) {
        out.add(new Applying(p, selects));
      }
    }
  }

  /** Every pattern the policies selecting {@code workload} use: what the sample requests must tell apart. */
  void patterns(Party workload, Set<StringMatch> methods, Set<StringMatch> paths, Set<StringMatch> hosts) {
    for (Applying a : applying(workload)) {
      for (AuthorizationFact.Rule rule : a.policy().rules()) {
        for (AuthorizationFact.Operation op : rule.to()) {
          methods.addAll(op.methods());
          methods.addAll(op.notMethods());
          paths.addAll(op.paths());
          paths.addAll(op.notPaths());
          hosts.addAll(op.hosts());
          hosts.addAll(op.notHosts());
        }
      }
    }
  }

  /** Whether any ALLOW policy may select the workload, and the principals and namespaces its rules name (for candidates). */
  List<AuthorizationFact> allowPolicies(Party workload) {
    return applying(workload).stream().map(Applying::policy)
        .filter(p -> p.enforced() && "ALLOW".equals(p.action())).toList();
  }

  /**
   * The decision for each sample request of {@code space} from {@code identity} on {@code port}
   * of {@code workload}.
   *
   * @param layer {@link Layer#AUTHORIZATION}, or {@link Layer#GATEWAY_AUTHORIZATION} at a gateway
   */
  Check decide(Layer layer, Party workload, Identity identity, PortSpec port, ProbeSpace space) {
    List<Applying> policies = applying(workload);
    BitSet yes = new BitSet(space.size());
    BitSet maybe = new BitSet(space.size());
    Set<Ref> allowedBy = new LinkedHashSet<>();
    Set<Ref> deniedBy = new LinkedHashSet<>();
    // The policies only logged; their names are written only if the detail is asked for.
    List<AuthorizationFact> dryRun = new ArrayList<>();
    List<Ref> allowPolicies = new ArrayList<>();
    Tri allowExists = Tri.FALSE;
    for (Applying a : policies) {
      if (a.policy().enforced() && "ALLOW".equals(a.policy().action())) {
        allowExists = allowExists.or(a.selects());
        allowPolicies.add(a.policy().ref());
      }
    }
    // Each rule's match for every sample, computed rule by rule: what does not depend on the
    // request (the source, the conditions, the ports) is decided once per rule.
    Tri[][][] matches = new Tri[policies.size()][][];
    for (int k = 0; k < policies.size(); k++) {
      AuthorizationFact p = policies.get(k).policy();
      matches[k] = new Tri[p.rules().size()][];
      for (int r = 0; r < p.rules().size(); r++) {
        matches[k][r] = rule(p.rules().get(r), identity, port, space, !"ALLOW".equals(p.action()));
      }
    }
    for (int i = 0; i < space.size(); i++) {
      Tri custom = Tri.FALSE;
      Tri deny = Tri.FALSE;
      Tri allow = Tri.FALSE;
      for (int k = 0; k < policies.size(); k++) {
        Applying a = policies.get(k);
        AuthorizationFact p = a.policy();
        Tri matched = Tri.FALSE;
        Ref matchedRule = null;
        for (int r = 0; r < p.rules().size(); r++) {
          Tri m = matches[k][r][i];
          if (m != Tri.FALSE && matchedRule == null) {
            matchedRule = p.rules().get(r).ref();
          }
          matched = matched.or(m);
        }
        matched = matched.and(a.selects());
        if (!p.enforced()) {
          if (matched != Tri.FALSE) {
            dryRun.add(p);
          }
          continue;
        }
        switch (p.action()) {
          case "ALLOW" -> {
            allow = allow.or(matched);
            if (matched == Tri.TRUE) {
              allowedBy.add(matchedRule);
            }
          }
          case "DENY" -> {
            deny = deny.or(matched);
            if (matched != Tri.FALSE) {
              deniedBy.add(matchedRule);
            }
          }
          case "AUDIT" -> { }
          default -> {
            custom = custom.or(matched.and(Tri.UNKNOWN));
            if (matched != Tri.FALSE) {
              deniedBy.add(p.ref());
            }
          }
        }
      }
      Tri result = custom.not().and(deny.not()).and(allowExists.not().or(allow));
      if (result == Tri.TRUE) {
        yes.set(i);
      } else if (result == Tri.UNKNOWN) {
        maybe.set(i);
      }
    }
    List<Ref> refs = new ArrayList<>();
    if (!yes.isEmpty()) {
      refs.addAll(allowedBy);
      refs.addAll(deniedBy);
    } else if (!deniedBy.isEmpty()) {
      refs.addAll(deniedBy);
    } else {
      refs.addAll(allowPolicies);
    }
    Tri exists = allowExists;
    return Check.requests(layer, yes, maybe, () -> {
      String detail;
      if (!yes.isEmpty()) {
        detail = exists == Tri.FALSE ? "no ALLOW policy selects it: everything not denied passes"
            : "allowed by " + names(allowedBy);
        if (!deniedBy.isEmpty()) {
          detail += "; some requests denied by " + names(deniedBy);
        }
      } else if (!deniedBy.isEmpty()) {
        detail = "denied by " + names(deniedBy);
      } else if (!maybe.isEmpty()) {
        detail = "depends on fields the model does not evaluate";
      } else {
        detail = "no ALLOW rule matches" + (identity.principal() == null ? " (no mTLS identity)" : "")
            + (port.http() ? "" : " (TCP port: rules with HTTP-only fields never match)")
            + "; ALLOW policies selecting it: " + names(allowPolicies);
      }
      if (dryRun.isEmpty()) {
        return detail;
      }
      Set<String> logged = new LinkedHashSet<>();
      dryRun.forEach(p -> logged.add(p.ref().shortObject() + " (dry-run " + p.action() + ")"));
      return detail + "; logged, not enforced: " + String.join(", ", logged);
    }, refs);
  }

  private static String names(Iterable<Ref> refs) {
    Set<String> names = new LinkedHashSet<>();
    for (Ref r : refs) {
      String pointer = r.pointer();
      names.add(r.shortObject() + (pointer.startsWith("/spec/rules/")
          ? " rules[" + pointer.substring("/spec/rules/".length()).split("/")[0] + "]" : ""));
    }
    return String.join(", ", names);
  }

  /**
   * Whether a rule matches each sample request of {@code space}: a source, an operation and every
   * condition must match (absent lists match anything).
   */
  private static Tri[] rule(AuthorizationFact.Rule rule, Identity id, PortSpec port, ProbeSpace space,
      boolean denyLike) {
    Tri[] out = new Tri[space.size()];
    if (!port.http() && !denyLike && usesHttpFields(rule)) {
      Arrays.fill(out, Tri.FALSE); // dropped on the TCP filter chain
      return out;
    }
    Tri from = rule.from().isEmpty() ? Tri.TRUE : Tri.FALSE;
    for (AuthorizationFact.Source s : rule.from()) {
      from = from.or(source(s, id));
    }
    Tri when = rule.conditions().isEmpty() ? Tri.TRUE : Tri.UNKNOWN;
    Tri fixed = from.and(when);
    if (fixed == Tri.FALSE || rule.to().isEmpty()) {
      Arrays.fill(out, fixed);
      return out;
    }
    List<AuthorizationFact.Operation> operations = rule.to();
    Tri[] onPort = new Tri[operations.size()];
    for (int j = 0; j < onPort.length; j++) {
      onPort[j] = onPort(operations.get(j), port);
    }
    for (int i = 0; i < out.length; i++) {
      Tri to = Tri.FALSE;
      for (int j = 0; j < onPort.length; j++) {
        if (onPort[j] != Tri.FALSE) {
          to = to.or(port.http() ? onPort[j].and(request(operations.get(j), space.probes.get(i))) : onPort[j]);
        }
      }
      out[i] = fixed.and(to);
    }
    return out;
  }

  private static boolean usesHttpFields(AuthorizationFact.Rule rule) {
    for (AuthorizationFact.Operation op : rule.to()) {
      if (op.usesHttpFields()) {
        return true;
      }
    }
    return false;
  }

  private static Tri source(AuthorizationFact.Source s, Identity id) {
    Tri result = s.unevaluated().isEmpty() ? Tri.TRUE : Tri.UNKNOWN;
    if (!s.principals().isEmpty()) {
      result = result.and(StringMatch.any(s.principals(), id.principal()));
    }
    if (!s.notPrincipals().isEmpty()) {
      result = result.and(StringMatch.any(s.notPrincipals(), id.principal()).not());
    }
    if (!s.namespaces().isEmpty()) {
      result = result.and(StringMatch.any(s.namespaces(), id.namespace()));
    }
    if (!s.notNamespaces().isEmpty()) {
      result = result.and(StringMatch.any(s.notNamespaces(), id.namespace()).not());
    }
    return result;
  }

  /** An operation's fields that hold for every request on the port: the ports, and any field not evaluated. */
  private static Tri onPort(AuthorizationFact.Operation op, PortSpec port) {
    Tri result = op.unknown().isEmpty() ? Tri.TRUE : Tri.UNKNOWN;
    if (!op.ports().isEmpty()) {
      result = result.and(ports(op.ports(), port.port()));
    }
    if (!op.notPorts().isEmpty()) {
      result = result.and(ports(op.notPorts(), port.port()).not());
    }
    return result;
  }

  /**
   * An operation's HTTP-only fields for one request. Only asked on an HTTP port: on a TCP port
   * only DENY-like rules keep them, and those count them as matched.
   */
  private static Tri request(AuthorizationFact.Operation op, ProbeSpace.Probe probe) {
    Tri result = Tri.TRUE;
    if (!op.methods().isEmpty()) {
      result = result.and(StringMatch.any(op.methods(), probe.method()));
    }
    if (!op.notMethods().isEmpty()) {
      result = result.and(StringMatch.any(op.notMethods(), probe.method()).not());
    }
    if (!op.paths().isEmpty()) {
      result = result.and(StringMatch.any(op.paths(), probe.path()));
    }
    if (!op.notPaths().isEmpty()) {
      result = result.and(StringMatch.any(op.notPaths(), probe.path()).not());
    }
    if (!op.hosts().isEmpty()) {
      result = result.and(StringMatch.any(op.hosts(), probe.host()));
    }
    if (!op.notHosts().isEmpty()) {
      result = result.and(StringMatch.any(op.notHosts(), probe.host()).not());
    }
    return result;
  }

  /** Ports are written as strings of digits ("8080"); anything else is not understood. */
  private static Tri ports(List<String> ports, int port) {
    Tri result = Tri.FALSE;
    for (String p : ports) {
      try {
        result = result.or(Tri.of(Integer.parseInt(p.trim()) == port));
      } catch (NumberFormatException e) {
        result = result.or(Tri.UNKNOWN);
      }
    }
    return result;
  }
}
