package io.meshplate.reach;

import java.util.List;

/**
 * The TLS a caller's proxy uses toward a host, from the DestinationRule that applies: the
 * caller's namespace first, then the host's namespace, then the root namespace, each only if
 * exported to the caller (https://istio.io/latest/docs/ops/best-practices/traffic-management/#cross-namespace-configuration).
 * In the mesh, no rule (auto mTLS) or ISTIO_MUTUAL means mTLS and DISABLE plaintext. To an
 * external host, SIMPLE originates TLS; it verifies the server when it names a CA and the SANs to
 * expect, and on Istio 1.21+ (OSSM 3) also without them (VERIFY_CERTIFICATE_AT_CLIENT, policy
 * catalogue §3.9).
 */
final class ClientTls {
  /** What goes on the wire, and the check to report. */
  record Tls(Check check, boolean mtls, String wire) {}

  private final Mesh mesh;

  ClientTls(Mesh mesh) {
    this.mesh = mesh;
  }

  DestinationRuleFact ruleFor(String callerNamespace, String host, String hostNamespace) {
    for (String ns : new String[] {callerNamespace, hostNamespace, mesh.settings.rootNamespace()}) {
      if (ns == null) {
        continue;
      }
      for (DestinationRuleFact rule : mesh.scope(ns).destinationRules) {
        List<String> exportTo = rule.exportTo() == null ? List.of("*") : rule.exportTo();
        if (rule.host() != null && Hosts.covers(rule.host(), ns, host)
            && (ns.equals(callerNamespace) || Hosts.exported(exportTo, ns, callerNamespace))) {
          return rule;
        }
      }
    }
    return null;
  }

  /** TLS from a mesh caller to an in-mesh callee. */
  Tls inMesh(Party caller, Party callee, int port, String host) {
    DestinationRuleFact rule = ruleFor(caller.namespace(), host, callee.namespace());
    if (rule == null) {
      return new Tls(Check.pass(Layer.TLS, "auto mTLS (no DestinationRule)", List.of()), true, "mTLS");
    }
    if (!rule.unknown().isEmpty()) {
      return new Tls(Check.unknown(Layer.TLS, "DestinationRule fields not evaluated: " + rule.unknown(),
          List.of(rule.ref())), false, "unknown");
    }
    DestinationRuleFact.Tls tls = rule.tlsFor(port);
    String mode = tls == null ? null : tls.mode();
    List<Ref> refs = List.of(tls == null ? rule.ref() : tls.ref());
    if (mode == null || "ISTIO_MUTUAL".equals(mode)) {
      return new Tls(Check.pass(Layer.TLS, () -> "mTLS (" + rule.ref().shortObject() + ")", refs), true, "mTLS");
    }
    if ("DISABLE".equals(mode)) {
      return new Tls(Check.pass(Layer.TLS, "plaintext: " + rule.ref().shortObject() + " disables TLS", refs),
          false, "plaintext");
    }
    return new Tls(Check.unknown(Layer.TLS, mode + " TLS toward an in-mesh host is not evaluated", refs), false,
        "unknown");
  }

  /**
   * TLS toward an external host on a ServiceEntry port: the application's own TLS on a TLS port,
   * or the proxy's origination on an HTTP port.
   */
  Tls external(Party caller, ServiceEntryFact entry, ServiceEntryFact.Port port, String host) {
    if (!port.isHttp()) {
      return new Tls(Check.pass(Layer.TLS, "the application's own TLS (" + port.protocol() + " port)",
          List.of(port.ref())), false, "application TLS");
    }
    DestinationRuleFact rule = ruleFor(caller.namespace(), host, entry.namespace());
    DestinationRuleFact.Tls tls = rule == null ? null : rule.tlsFor(port.number());
    if (tls == null || !("SIMPLE".equals(tls.mode()) || "MUTUAL".equals(tls.mode()))) {
      List<Ref> refs = rule == null ? List.of(port.ref()) : List.of(port.ref(), rule.ref());
      return new Tls(Check.pass(Layer.TLS, "plaintext HTTP to " + host + ":" + port.wirePort()
          + " (no DestinationRule originates TLS)", refs), false, "plaintext");
    }
    boolean verified = !tls.insecureSkipVerify() && (tls.verifiesServer() || mesh.settings.verifiesWithoutCa());
    String wire = verified ? "TLS originated, server verified" : "TLS originated, server not verified";
    return new Tls(Check.pass(Layer.TLS, () -> wire + " (" + rule.ref().shortObject() + ")", List.of(tls.ref())), false, wire);
  }
}
