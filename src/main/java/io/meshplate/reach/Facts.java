package io.meshplate.reach;

import io.meshplate.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts read from the objects of one output folder (a tenant's, or an overlay's platform
 * folder), or gathered for one namespace: every object that can open or close a connection, and
 * the objects the model does not understand. Objects are not kept, so a streaming render can drop
 * them after this.
 */
final class Facts {
  /**
   * Kinds that cannot open or close a connection between workloads, so they are skipped (RBAC,
   * telemetry and monitoring configuration, Argo CD and quota objects). RequestAuthentication
   * rejects only requests carrying an invalid token; a request without a token passes it
   * (https://istio.io/latest/docs/reference/config/security/request_authentication/), and rules on
   * request principals are unknown in the model.
   */
  static final Set<String> NO_EFFECT = Set.of(
      "Role.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io",
      "ClusterRole.rbac.authorization.k8s.io", "ClusterRoleBinding.rbac.authorization.k8s.io",
      "Telemetry.telemetry.istio.io", "PodMonitor.monitoring.coreos.com", "ServiceMonitor.monitoring.coreos.com",
      "PrometheusRule.monitoring.coreos.com", "AppProject.argoproj.io", "Application.argoproj.io",
      "ApplicationSet.argoproj.io", "ResourceQuota", "LimitRange", "PodDisruptionBudget.policy",
      "ValidatingAdmissionPolicy.admissionregistration.k8s.io",
      "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io",
      "RequestAuthentication.security.istio.io", "ConfigMap", "Secret", "IstioCNI.sailoperator.io",
      "Kustomization.kustomize.config.k8s.io");

  /** An object kind the model does not evaluate and that may change traffic. */
  record Opaque(Ref ref, String namespace, String kind) {}

  /** A namespace and its labels as rendered. */
  record NamespaceFact(Ref ref, String name, Map<String, String> labels) {}

  /** An object whose existence matters (ServiceAccount, ServiceMeshMember). */
  record Named(Ref ref, String namespace, String name, Map<String, Object> spec) {}

  final List<NamespaceFact> namespaces = new ArrayList<>();
  final List<Named> serviceAccounts = new ArrayList<>();
  final List<Named> members = new ArrayList<>();
  final List<Named> controlPlanes = new ArrayList<>();
  final List<NetworkPolicyFact> networkPolicies = new ArrayList<>();
  final List<AuthorizationFact> authorizations = new ArrayList<>();
  final List<PeerAuthenticationFact> peerAuthentications = new ArrayList<>();
  final List<SidecarFact> sidecars = new ArrayList<>();
  final List<ServiceEntryFact> serviceEntries = new ArrayList<>();
  final List<DestinationRuleFact> destinationRules = new ArrayList<>();
  final List<GatewayFact> gateways = new ArrayList<>();
  final List<VirtualServiceFact> virtualServices = new ArrayList<>();
  final List<ServiceFact> services = new ArrayList<>();
  final List<WorkloadFact> workloads = new ArrayList<>();
  final List<RouteFact> routes = new ArrayList<>();
  final List<Opaque> opaque = new ArrayList<>();

  /** The facts of {@code other} that live in {@code namespace}, added to these. */
  void addFrom(Facts other, String namespace) {
    other.networkPolicies.stream().filter(f -> namespace.equals(f.namespace())).forEach(networkPolicies::add);
    other.authorizations.stream().filter(f -> namespace.equals(f.namespace())).forEach(authorizations::add);
    other.peerAuthentications.stream().filter(f -> namespace.equals(f.namespace())).forEach(peerAuthentications::add);
    other.sidecars.stream().filter(f -> namespace.equals(f.namespace())).forEach(sidecars::add);
    other.serviceEntries.stream().filter(f -> namespace.equals(f.namespace())).forEach(serviceEntries::add);
    other.destinationRules.stream().filter(f -> namespace.equals(f.namespace())).forEach(destinationRules::add);
    other.gateways.stream().filter(f -> namespace.equals(f.namespace())).forEach(gateways::add);
    other.virtualServices.stream().filter(f -> namespace.equals(f.namespace())).forEach(virtualServices::add);
    other.services.stream().filter(f -> namespace.equals(f.namespace())).forEach(services::add);
    other.workloads.stream().filter(f -> namespace.equals(f.namespace())).forEach(workloads::add);
    other.routes.stream().filter(f -> namespace.equals(f.namespace())).forEach(routes::add);
    other.opaque.stream().filter(f -> namespace.equals(f.namespace())).forEach(opaque::add);
    other.members.stream().filter(f -> namespace.equals(f.namespace())).forEach(members::add);
    other.serviceAccounts.stream().filter(f -> namespace.equals(f.namespace())).forEach(serviceAccounts::add);
  }

  /** The namespaces these facts live in. */
  java.util.SortedSet<String> namespaces() {
    java.util.SortedSet<String> seen = new java.util.TreeSet<>();
    networkPolicies.forEach(f -> seen.add(f.namespace()));
    authorizations.forEach(f -> seen.add(f.namespace()));
    peerAuthentications.forEach(f -> seen.add(f.namespace()));
    sidecars.forEach(f -> seen.add(f.namespace()));
    serviceEntries.forEach(f -> seen.add(f.namespace()));
    destinationRules.forEach(f -> seen.add(f.namespace()));
    gateways.forEach(f -> seen.add(f.namespace()));
    virtualServices.forEach(f -> seen.add(f.namespace()));
    services.forEach(f -> seen.add(f.namespace()));
    workloads.forEach(f -> seen.add(f.namespace()));
    routes.forEach(f -> seen.add(f.namespace()));
    opaque.forEach(f -> seen.add(f.namespace()));
    members.forEach(f -> seen.add(f.namespace()));
    serviceAccounts.forEach(f -> seen.add(f.namespace()));
    return seen;
  }

  /** Whether a ServiceAccount of this name is among the facts. */
  boolean hasServiceAccount(String name) {
    return serviceAccounts.stream().anyMatch(n -> n.name().equals(name));
  }

  /**
   * Reads the objects of one file.
   *
   * @param path relative to {@code output/}
   */
  void read(String path, List<Map<String, Object>> objects) {
    for (int i = 0; i < objects.size(); i++) {
      read(path, i, objects.get(i));
    }
  }

  @SuppressWarnings("unchecked")
  private void read(String path, int document, Map<String, Object> object) {
    ObjectKey key = ObjectKey.of(object);
    String groupKind = key.group().isEmpty() ? key.kind() : key.kind() + "." + key.group();
    Ref ref = new Ref("output/" + path, document, "", key.display());
    String ns = key.namespace();
    String name = key.name();
    Map<String, Object> spec = object.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    switch (groupKind) {
      case "Namespace" -> namespaces.add(new NamespaceFact(ref, name, Fields.labels(object.get("metadata"), "labels")));
      case "ServiceAccount" -> serviceAccounts.add(new Named(ref, ns, name, spec));
      case "ServiceMeshMember.maistra.io" -> members.add(new Named(ref, ns, name, spec));
      case "ServiceMeshControlPlane.maistra.io", "Istio.sailoperator.io", "IstioRevisionTag.sailoperator.io" ->
          controlPlanes.add(new Named(ref, ns, key.kind() + "/" + name, spec));
      case "NetworkPolicy.networking.k8s.io" -> networkPolicies.add(NetworkPolicyFact.read(ref, ns, object));
      case "AuthorizationPolicy.security.istio.io" -> authorizations.add(AuthorizationFact.read(ref, ns, object));
      case "PeerAuthentication.security.istio.io" -> peerAuthentications.add(PeerAuthenticationFact.read(ref, ns, object));
      case "Sidecar.networking.istio.io" -> sidecars.add(SidecarFact.read(ref, ns, object));
      case "ServiceEntry.networking.istio.io" -> serviceEntries.add(ServiceEntryFact.read(ref, ns, object));
      case "DestinationRule.networking.istio.io" -> destinationRules.add(DestinationRuleFact.read(ref, ns, object));
      case "Gateway.networking.istio.io" -> gateways.add(GatewayFact.read(ref, ns, name, object));
      case "VirtualService.networking.istio.io" -> virtualServices.add(VirtualServiceFact.read(ref, ns, name, object));
      case "Service" -> services.add(ServiceFact.read(ref, ns, name, object));
      case "Deployment.apps" -> workloads.add(WorkloadFact.read(ref, ns, name, object));
      case "Route.route.openshift.io" -> routes.add(RouteFact.read(ref, ns, name, object));
      default -> {
        if (!NO_EFFECT.contains(groupKind)) {
          opaque.add(new Opaque(ref, ns, groupKind));
        }
      }
    }
  }
}
