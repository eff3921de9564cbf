package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;

/**
 * The mTLS mode a sidecar enforces on an inbound port: a workload PeerAuthentication (selector)
 * beats the namespace one, which beats the root namespace one (selector-less only; on OSSM 2 the
 * one the control plane creates from {@code security.dataPlane.mtls}, see {@link MeshSettings}); UNSET or an
 * absent mode inherits; with none the mode is PERMISSIVE; {@code portLevelMtls} counts only on a
 * workload policy (https://istio.io/latest/docs/reference/config/security/peer_authentication/).
 */
final class PeerAuthentications {
  private final Mesh mesh;

  PeerAuthentications(Mesh mesh) {
    this.mesh = mesh;
  }

  /** The answer, and whether the callee's proxy sees the caller's identity (mTLS not disabled there). */
  record Accepted(Check check, boolean identity) {}

  /** Whether {@code callee} accepts the connection on {@code port}, given whether it is mTLS. */
  Accepted accepts(Party callee, int port, boolean mtls) {
    Check check = check(callee, port, mtls);
    return new Accepted(check, mtls && !check.detail().startsWith(DISABLED));
  }

  private static final String DISABLED = "mTLS disabled";

  private Check check(Party callee, int port, boolean mtls) {
    List<Ref> refs = new ArrayList<>();
    String mode = null;
    List<PeerAuthenticationFact> workload = new ArrayList<>();
    PeerAuthenticationFact namespaceWide = null;
    for (PeerAuthenticationFact p : mesh.scope(callee.namespace()).peerAuthentications) {
      if (!p.unknown().isEmpty()) {
        return Check.unknown(Layer.MTLS, "PeerAuthentication fields not evaluated: " + p.unknown(), List.of(p.ref()));
      }
      if (p.selector() == null) {
        namespaceWide = p;
      } else {
        Tri selects = p.selector().matches(callee.podLabels());
        if (selects == Tri.UNKNOWN) {
          return Check.unknown(Layer.MTLS, "whether " + p.ref().shortObject() + " selects " + callee.id()
              + " depends on pod labels the model does not know", List.of(p.ref()));
        }
        if (selects == Tri.TRUE) {
          workload.add(p);
        }
      }
    }
    if (workload.size() > 1) {
      return Check.unknown(Layer.MTLS, "several workload PeerAuthentications select " + callee.id(),
          workload.stream().map(PeerAuthenticationFact::ref).toList());
    }
    if (!workload.isEmpty()) {
      PeerAuthenticationFact p = workload.get(0);
      mode = p.portModes().containsKey(port) ? p.portModes().get(port) : p.mode();
      refs.add(p.ref());
    }
    if (inherits(mode) && namespaceWide != null) {
      mode = namespaceWide.mode();
      refs.add(namespaceWide.ref());
    }
    if (inherits(mode)) {
      for (PeerAuthenticationFact p : mesh.root().peerAuthentications) {
        if (p.selector() == null) {
          mode = p.mode();
          refs.add(p.ref());
        }
      }
    }
    if (inherits(mode) && mesh.settings.rootMtls() != null) {
      mode = mesh.settings.rootMtls();
      refs.add(mesh.settings.rootMtlsRef());
    }
    String effective = inherits(mode) ? "PERMISSIVE" : mode;
    if (!mtls && "STRICT".equals(effective)) {
      return Check.deny(Layer.MTLS, "STRICT mTLS refuses plaintext", refs);
    }
    if (mtls && "DISABLE".equals(effective)) {
      return Check.pass(Layer.MTLS, DISABLED + ": the connection carries no identity", refs);
    }
    return Check.pass(Layer.MTLS, () -> effective + (mtls ? " accepts mTLS" : " accepts plaintext"), refs);
  }

  private static boolean inherits(String mode) {
    return mode == null || "UNSET".equals(mode);
  }
}
