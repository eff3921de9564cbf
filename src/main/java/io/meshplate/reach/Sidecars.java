package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The caller side of the mesh: which Sidecar configures a caller's proxy, whether it can route
 * to a host, and what happens otherwise (https://istio.io/latest/docs/reference/config/networking/sidecar/).
 * A workload-selector Sidecar beats the namespace's selector-less one, which beats the root
 * namespace's; with none, every host exported to the namespace is reachable. A host the proxy
 * cannot route to goes nowhere under REGISTRY_ONLY and straight to the original address (no mTLS)
 * under ALLOW_ANY.
 */
final class Sidecars {
  /** How a caller's proxy handles traffic to a host: the check, and whether it is routed as mesh traffic. */
  record Route(Check check, boolean routed) {}

  private final Mesh mesh;

  Sidecars(Mesh mesh) {
    this.mesh = mesh;
  }

  private final Memo<String, List<SidecarFact>> applying = new Memo<>();

  /** The Sidecars that apply to {@code caller} (empty: none; more than one: undefined). */
  List<SidecarFact> sidecarsOf(Party caller) {
    return applying.get(caller.id(), id -> select(caller));
  }

  private List<SidecarFact> select(Party caller) {
    List<SidecarFact> selected = new ArrayList<>();
    List<SidecarFact> namespaceWide = new ArrayList<>();
    for (SidecarFact s : mesh.scope(caller.namespace()).sidecars) {
      if (s.selector() == null) {
        namespaceWide.add(s);
      } else if (s.selector().matches(caller.podLabels()) != Tri.FALSE) {
        selected.add(s);
      }
    }
    if (!selected.isEmpty()) {
      return selected;
    }
    if (!namespaceWide.isEmpty()) {
      return namespaceWide;
    }
    return mesh.root().sidecars.stream().filter(s -> s.selector() == null).toList();
  }

  /**
   * Whether {@code caller}'s proxy routes to {@code host} (defined in {@code hostNamespace},
   * exported there per {@code exportTo}) on {@code port}.
   *
   * @param defined the registry has the host and exports it to the caller's namespace
   * @param definedBy the object defining it (a ServiceEntry), for citations; may be null
   */
  Route route(Party caller, String host, String hostNamespace, int port, boolean defined, Ref definedBy) {
    if (caller.kind() == Party.Kind.GATEWAY) {
      return new Route(Check.skip(Layer.SIDECAR, "a Sidecar does not apply to gateways"), true);
    }
    if (caller.mesh() == Tri.FALSE) {
      return new Route(Check.skip(Layer.SIDECAR, caller.id() + " runs no proxy of this mesh"), false);
    }
    List<SidecarFact> sidecars = sidecarsOf(caller);
    if (caller.mesh() == Tri.UNKNOWN || sidecars.size() > 1) {
      List<Ref> refs = sidecars.stream().map(SidecarFact::ref).toList();
      return new Route(Check.unknown(Layer.SIDECAR, caller.mesh() == Tri.UNKNOWN
          ? "whether " + caller.namespace() + " is in the mesh is not known"
          : "more than one Sidecar applies (undefined in Istio)", refs), false);
    }
    SidecarFact sidecar = sidecars.isEmpty() ? null : sidecars.get(0);
    if (sidecar != null && !sidecar.unknown().isEmpty()) {
      return new Route(Check.unknown(Layer.SIDECAR, "Sidecar fields not evaluated: " + sidecar.unknown(),
          List.of(sidecar.ref())), false);
    }
    Ref listed = sidecar == null || sidecar.egress() == null ? null : listed(sidecar, caller, hostNamespace, host, port);
    boolean visible = sidecar == null || sidecar.egress() == null || listed != null;
    if (visible && defined) {
      List<Ref> refs = new ArrayList<>();
      if (listed != null) {
        refs.add(listed);
      }
      if (definedBy != null) {
        refs.add(definedBy);
      }
      return new Route(Check.pass(Layer.SIDECAR, () -> "routed by the mesh" + (listed != null
          ? " (" + listed.shortObject() + " lists it)" : ""), refs), true);
    }
    // Only a call the mesh does not route names the outbound policy (most calls are routed).
    String mode = sidecar != null && sidecar.outboundMode() != null ? sidecar.outboundMode() : mesh.settings.outboundMode();
    Ref modeRef = sidecar != null && sidecar.outboundMode() != null ? sidecar.ref().at("spec", "outboundTrafficPolicy")
        : mesh.settings.outboundRef();
    // Built only when a report prints it: most calls a Sidecar does not route are denied candidates no one reads about.
    Supplier<String> why = () -> !defined ? host + " is not in the registry of " + caller.namespace()
        : (sidecar == null ? "" : sidecar.ref().shortObject() + " does not list " + hostNamespace + "/" + host);
    List<Ref> refs = new ArrayList<>();
    if (sidecar != null) {
      refs.add(sidecar.ref());
    }
    if ("REGISTRY_ONLY".equals(mode)) {
      if (modeRef != null) {
        refs.add(modeRef);
      }
      return new Route(Check.deny(Layer.SIDECAR, () -> why.get() + "; REGISTRY_ONLY sends it nowhere", refs), false);
    }
    if (modeRef != null) {
      refs.add(modeRef);
    }
    return new Route(Check.pass(Layer.SIDECAR, () -> why.get() + "; ALLOW_ANY passes it through without mTLS", refs), false);
  }

  /**
   * Whether {@code caller}'s proxy has a cluster for a platform Service its own Envoy talks to
   * (the tracing collector): istiod pushes a proxy the clusters of the hosts its Sidecar imports
   * only, whatever the outbound traffic policy, so spans to a collector the Sidecar does not
   * import are dropped ("cluster ... is not configured", https://github.com/istio/istio/issues/53701).
   */
  Check imports(Party caller, String host, String hostNamespace, int port) {
    if (caller.kind() == Party.Kind.GATEWAY || caller.mesh() == Tri.FALSE) {
      return Check.skip(Layer.SIDECAR, caller.kind() == Party.Kind.GATEWAY ? "a Sidecar does not apply to gateways"
          : caller.id() + " runs no proxy of this mesh");
    }
    List<SidecarFact> sidecars = sidecarsOf(caller);
    if (caller.mesh() == Tri.UNKNOWN || sidecars.size() > 1) {
      return Check.unknown(Layer.SIDECAR, caller.mesh() == Tri.UNKNOWN
          ? "whether " + caller.namespace() + " is in the mesh is not known"
          : "more than one Sidecar applies (undefined in Istio)", sidecars.stream().map(SidecarFact::ref).toList());
    }
    SidecarFact sidecar = sidecars.isEmpty() ? null : sidecars.get(0);
    if (sidecar != null && !sidecar.unknown().isEmpty()) {
      return Check.unknown(Layer.SIDECAR, "Sidecar fields not evaluated: " + sidecar.unknown(), List.of(sidecar.ref()));
    }
    if (sidecar == null || sidecar.egress() == null) {
      return Check.pass(Layer.SIDECAR, "no Sidecar scopes the proxy: it has a cluster for " + host, List.of());
    }
    Ref listed = listed(sidecar, caller, hostNamespace, host, port);
    return listed != null
        ? Check.pass(Layer.SIDECAR, () -> "the proxy has a cluster for " + host + " (" + listed.shortObject() + " imports it)",
            List.of(listed))
        : Check.deny(Layer.SIDECAR, sidecar.ref().shortObject() + " does not import " + hostNamespace + "/" + host
            + ": the proxy has no cluster to send to", List.of(sidecar.ref()));
  }

  /** The egress host entry of {@code sidecar} that imports {@code host} on {@code port}, or null. */
  private static Ref listed(SidecarFact sidecar, Party caller, String hostNamespace, String host, int port) {
    SidecarFact.Listener listener = listener(sidecar, port);
    if (listener != null) {
      for (int i = 0; i < listener.hosts().size(); i++) {
        if (Hosts.sidecarAdmits(listener.hosts().get(i), caller.namespace(), hostNamespace, host)) {
          return listener.ref().at("hosts", i);
        }
      }
    }
    return null;
  }

  private static SidecarFact.Listener listener(SidecarFact sidecar, int port) {
    SidecarFact.Listener catchAll = null;
    for (SidecarFact.Listener l : sidecar.egress()) {
      if (l.port() != null && l.port() == port) {
        return l;
      }
      if (l.port() == null && catchAll == null) {
        catchAll = l;
      }
    }
    return catchAll;
  }
}
