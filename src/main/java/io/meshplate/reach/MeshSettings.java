package io.meshplate.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mesh-wide settings read from the overlay's control-plane object: an OSSM 2
 * ServiceMeshControlPlane (https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/service_mesh/service-mesh-2-x)
 * or a Sail {@code Istio} with its revision tags (OSSM 3). Defaults are Istio's: mesh
 * outbound policy ALLOW_ANY, trust domain {@code cluster.local}, Services exported everywhere.
 *
 * @param rootNamespace policies there apply mesh-wide (AuthorizationPolicy, PeerAuthentication,
 *     and the default Sidecar of namespaces without one)
 * @param gatewaysScoped {@code PILOT_SCOPE_GATEWAY_TO_NAMESPACE}: a Gateway selects gateway pods
 *     of its own namespace only
 * @param managedNetworkPolicies OSSM 2 copies its own NetworkPolicies into member namespaces
 *     unless {@code spec.security.manageNetworkPolicy: false}; the model does not evaluate them
 * @param known whether exactly one control plane was found, or an OSSM 2 to 3 migration's two side
 *     by side that agree on the mesh-wide settings (else every mesh answer is unknown)
 * @param rootMtls the mesh-wide PeerAuthentication mode the control plane itself creates in its
 *     namespace, or null: OSSM 2 makes {@code <namespace>/default} STRICT while
 *     {@code spec.security.dataPlane.mtls} is true (maistra/istio-operator
 *     resources/helm/v2.5/mesh-config/templates/enable-mesh-mtls.yaml); it is not rendered as an object
 * @param beside during a migration from OSSM 2, the ServiceMeshControlPlane that still governs the
 *     namespaces without a revision label (these settings are then the Istio's); else null
 */
record MeshSettings(boolean known, boolean ossm2, String controlPlane, String controlPlaneNamespace,
    String rootNamespace, String trustDomain, String outboundMode, Ref outboundRef, boolean gatewaysScoped,
    List<String> serviceExportTo, boolean managedNetworkPolicies, Set<String> revisions,
    List<Selector> discoverySelectors, Ref ref, String rootMtls, Ref rootMtlsRef, MeshSettings beside) {

  MeshSettings(boolean known, boolean ossm2, String controlPlane, String controlPlaneNamespace, String rootNamespace,
      String trustDomain, String outboundMode, Ref outboundRef, boolean gatewaysScoped, List<String> serviceExportTo,
      boolean managedNetworkPolicies, Set<String> revisions, List<Selector> discoverySelectors, Ref ref,
      String rootMtls, Ref rootMtlsRef) {
    this(known, ossm2, controlPlane, controlPlaneNamespace, rootNamespace, trustDomain, outboundMode, outboundRef,
        gatewaysScoped, serviceExportTo, managedNetworkPolicies, revisions, discoverySelectors, ref, rootMtls,
        rootMtlsRef, null);
  }

  MeshSettings(boolean known, boolean ossm2, String controlPlane, String controlPlaneNamespace, String rootNamespace,
      String trustDomain, String outboundMode, Ref outboundRef, boolean gatewaysScoped, List<String> serviceExportTo,
      boolean managedNetworkPolicies, Set<String> revisions, List<Selector> discoverySelectors, Ref ref) {
    this(known, ossm2, controlPlane, controlPlaneNamespace, rootNamespace, trustDomain, outboundMode, outboundRef,
        gatewaysScoped, serviceExportTo, managedNetworkPolicies, revisions, discoverySelectors, ref, null, null);
  }

  static MeshSettings read(Facts platform) {
    List<Facts.Named> planes = platform.controlPlanes.stream()
        .filter(n -> !n.name().startsWith("IstioRevisionTag/")).toList();
    MeshSettings migrating = planes.size() == 2 ? sideBySide(platform, planes) : null;
    if (migrating != null) {
      return migrating;
    }
    if (planes.size() != 1) {
      return new MeshSettings(false, false, "", "istio-system", "istio-system", "cluster.local", "ALLOW_ANY", null,
          false, List.of("*"), false, Set.of(), List.of(), null);
    }
    return of(platform, planes.get(0));
  }

  /**
   * An OSSM 2 to 3 migration (openshift-service-mesh/sail-operator docs/ossm/ossm2-migration): a
   * Sail {@code Istio} beside the ServiceMeshControlPlane in the same namespace, sharing the root
   * namespace (so the SMCP's root PeerAuthentication applies to both). Read as one mesh only when
   * both agree on every mesh-wide setting the model reads; otherwise null (unknown).
   */
  private static MeshSettings sideBySide(Facts platform, List<Facts.Named> planes) {
    Facts.Named smcp = planes.stream().filter(n -> n.name().startsWith("ServiceMeshControlPlane/")).findFirst().orElse(null);
    Facts.Named istio = planes.stream().filter(n -> n.name().startsWith("Istio/")).findFirst().orElse(null);
    if (smcp == null || istio == null) {
      return null;
    }
    MeshSettings old = of(platform, smcp);
    MeshSettings now = of(platform, istio);
    boolean agree = old.controlPlaneNamespace.equals(now.controlPlaneNamespace) && old.rootNamespace.equals(now.rootNamespace)
        && old.trustDomain.equals(now.trustDomain) && old.outboundMode.equals(now.outboundMode)
        && old.gatewaysScoped == now.gatewaysScoped && old.serviceExportTo.equals(now.serviceExportTo)
        && !old.managedNetworkPolicies;
    if (!agree) {
      return null;
    }
    return new MeshSettings(true, false, now.controlPlane, now.controlPlaneNamespace, now.rootNamespace, now.trustDomain,
        now.outboundMode, now.outboundRef, now.gatewaysScoped, now.serviceExportTo, false, now.revisions,
        now.discoverySelectors, now.ref, old.rootMtls != null ? old.rootMtls : now.rootMtls,
        old.rootMtls != null ? old.rootMtlsRef : now.rootMtlsRef, old);
  }

  /**
   * Whether a proxy verifies an originated TLS server without a configured CA: Istio 1.21+ does,
   * the ServiceMeshControlPlane's Istio 1.20 does not (any proxy of it, during a migration too).
   */
  boolean verifiesWithoutCa() {
    return !ossm2 && beside == null;
  }

  private static MeshSettings of(Facts platform, Facts.Named plane) {
    Map<String, Object> spec = plane.spec();
    String name = plane.name().substring(plane.name().indexOf('/') + 1);
    if (plane.name().startsWith("ServiceMeshControlPlane/")) {
      Map<?, ?> security = Fields.map(spec, "security");
      String outbound = Fields.text(Fields.map(Fields.map(Fields.map(Fields.map(spec, "proxy"), "networking"),
          "trafficControl"), "outbound"), "policy");
      Map<?, ?> env = Fields.map(Fields.map(Fields.map(Fields.map(Fields.map(spec, "runtime"), "components"),
          "pilot"), "container"), "env");
      String trust = Fields.text(Fields.map(security, "trust"), "domain");
      boolean strict = "true".equals(Fields.text(Fields.map(security, "dataPlane"), "mtls"));
      return new MeshSettings(true, true, name, plane.namespace(), plane.namespace(),
          trust == null ? "cluster.local" : trust, outbound == null ? "ALLOW_ANY" : outbound,
          plane.ref().at("spec", "proxy", "networking", "trafficControl", "outbound", "policy"),
          "true".equals(Fields.text(env, "PILOT_SCOPE_GATEWAY_TO_NAMESPACE")), List.of("*"),
          !"false".equals(Fields.text(security, "manageNetworkPolicy")), Set.of(), List.of(), plane.ref(),
          strict ? "STRICT" : null, strict ? plane.ref().at("spec", "security", "dataPlane", "mtls") : null);
    }
    Map<?, ?> values = Fields.map(spec, "values");
    Map<?, ?> mesh = Fields.map(values, "meshConfig");
    String namespace = Fields.text(spec, "namespace") == null ? "istio-system" : Fields.text(spec, "namespace");
    String root = Fields.text(mesh, "rootNamespace") == null ? namespace : Fields.text(mesh, "rootNamespace");
    String outbound = Fields.text(Fields.map(mesh, "outboundTrafficPolicy"), "mode");
    String trust = Fields.text(mesh, "trustDomain");
    Map<?, ?> env = Fields.map(Fields.map(values, "pilot"), "env");
    Set<String> revisions = new TreeSet<>();
    String strategy = Fields.text(Fields.map(spec, "updateStrategy"), "type");
    String version = Fields.text(spec, "version");
    revisions.add("RevisionBased".equals(strategy) && version != null ? name + "-" + version.replace('.', '-') : name);
    platform.controlPlanes.stream().filter(n -> n.name().startsWith("IstioRevisionTag/"))
        .forEach(tag -> revisions.add(tag.name().substring(tag.name().indexOf('/') + 1)));
    List<Selector> discovery = new ArrayList<>();
    for (Object selector : Fields.list(mesh, "discoverySelectors")) {
      Selector s = Selector.read(selector);
      discovery.add(s == null ? Selector.ALL : s);
    }
    return new MeshSettings(true, false, name, namespace, root, trust == null ? "cluster.local" : trust,
        outbound == null ? "ALLOW_ANY" : outbound,
        plane.ref().at("spec", "values", "meshConfig", "outboundTrafficPolicy", "mode"),
        "true".equals(Fields.text(env, "PILOT_SCOPE_GATEWAY_TO_NAMESPACE")),
        Fields.has(mesh, "defaultServiceExportTo") ? Fields.strings(mesh, "defaultServiceExportTo") : List.of("*"),
        false, Set.copyOf(revisions), List.copyOf(discovery), plane.ref());
  }

  /**
   * Whether a namespace is in this mesh: on OSSM 2 through a ServiceMeshMember naming this
   * control plane; on OSSM 3 through an injection label naming one of its revisions or tags and,
   * when discovery selectors are set, a label they select.
   */
  Tri member(Labels namespaceLabels, List<Facts.Named> members) {
    if (!known) {
      return Tri.UNKNOWN;
    }
    // During a migration a namespace without a revision label still follows the
    // ServiceMeshControlPlane, unless it is told to ignore it (and then has no injector).
    if (beside != null && namespaceLabels.value("istio.io/rev") == null) {
      return "true".equals(namespaceLabels.value("maistra.io/ignore-namespace")) ? Tri.FALSE
          : beside.member(namespaceLabels, members);
    }
    if (ossm2) {
      for (Facts.Named member : members) {
        Map<?, ?> ref = Fields.map(member.spec(), "controlPlaneRef");
        if ("default".equals(member.name()) && controlPlane.equals(Fields.text(ref, "name"))
            && controlPlaneNamespace.equals(Fields.text(ref, "namespace"))) {
          return Tri.TRUE;
        }
      }
      return Tri.FALSE;
    }
    String rev = namespaceLabels.value("istio.io/rev");
    boolean injected = rev != null ? revisions.contains(rev)
        : "enabled".equals(namespaceLabels.value("istio-injection")) && revisions.contains("default");
    if (!injected) {
      return Tri.FALSE;
    }
    if (discoverySelectors.isEmpty()) {
      return Tri.TRUE;
    }
    Tri discovered = Tri.FALSE;
    for (Selector s : discoverySelectors) {
      discovered = discovered.or(s.matches(namespaceLabels));
    }
    return discovered;
  }
}
