package io.meshplate.reach;

import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ObjectKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/**
 * The facts read from the objects of one output folder (a tenant's, or an overlay's platform
 * folder), or gathered for one namespace: every object that can open or close a connection, and
 * the objects the model does not understand. Objects are not kept, so a streaming render can drop
 * them after this.
 */
public final class Facts {
  /**
   * Kinds that cannot open or close a connection between the parties the model knows, so they are
   * skipped: RBAC, telemetry and monitoring configuration, Argo CD, quota and disruption budgets.
   * RequestAuthentication rejects only requests carrying an invalid token; a request without a
   * token passes it (https://istio.io/latest/docs/reference/config/security/request_authentication/),
   * and rules on request principals are unknown in the model. A ValidatingAdmissionPolicy only
   * refuses pods (the platform's keeps uninjected pods out of tenant namespaces, which the model
   * assumes anyway). A Kiali CR makes the Kiali operator run a view-only console in the control
   * plane namespace: it reads Thanos and the API server, its pods carry none of the labels the
   * tenant and mesh policies select (tenant services, gateways, istiod, the tracing collector), and
   * it changes no mesh or network policy (platform/kiali.yaml.ftl). Argo CD objects deliver the
   * output folders the model reads (each Application one folder to its cluster: INV-ARGOCD-HUB).
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
      "Kiali.kiali.io",
      "Kustomization.kustomize.config.k8s.io");

  /**
   * An object the model does not evaluate and that may change traffic.
   *
   * @param why what keeps the model from evaluating it
   */
  record Opaque(Ref ref, String namespace, String kind, String why) {}

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

  Facts() {}

  /**
   * The facts of one output folder's files.
   *
   * @param files path relative to {@code output/} to the file's objects; the files directly in the
   *     folder and in its hub sub-folder, {@code kustomization.yaml} left out
   */
  public static Facts of(Map<String, List<Map<String, Object>>> files) {
    Facts facts = new Facts();
    files.forEach(facts::read);
    facts.trim();
    return facts;
  }

  /** Each list sized to fit: the facts of every folder of an overlay are held while it is judged. */
  private void trim() {
    for (List<?> list : List.of(namespaces, serviceAccounts, members, controlPlanes, networkPolicies, authorizations,
        peerAuthentications, sidecars, serviceEntries, destinationRules, gateways, virtualServices, services, workloads,
        routes, opaque)) {
      ((ArrayList<?>) list).trimToSize();
    }
  }

  /**
   * These facts as bytes, for a cache ({@link #decode}).
   *
   * @param strings numbers each string, the same number for equal strings; kept by the caller
   */
  public byte[] encode(ToIntFunction<String> strings) {
    return FactsCodec.encode(this, strings);
  }

  /**
   * Facts {@link #encode}d by this build.
   *
   * @param strings the string of each number the encoding used (null when unknown)
   * @param parts the parts already decoded from encodings whose strings {@code strings} numbers;
   *     the facts share them
   * @throws IOException the bytes are damaged or were written by another build
   */
  public static Facts decode(byte[] bytes, IntFunction<String> strings, FactParts parts) throws IOException {
    return FactsCodec.decode(bytes, strings, parts);
  }

  /** An encoding with each string number {@code n} replaced by {@code renumber(n)} (see {@link FactsCodec#renumber}). */
  public static byte[] renumber(byte[] bytes, IntUnaryOperator renumber) throws IOException {
    return FactsCodec.renumber(bytes, renumber);
  }

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
  SortedSet<String> namespaces() {
    SortedSet<String> seen = new TreeSet<>();
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
   * Reads the objects of one file. A file of a hub folder ({@code .../argocd/}) holds Argo CD
   * objects, which the hub applies where Argo CD runs, not mesh policy of the overlay's cluster:
   * anything else found there is unmodelled (it may land in this cluster when the hub is this
   * cluster), never read as policy and never ignored.
   *
   * @param path relative to {@code output/}
   */
  void read(String path, List<Map<String, Object>> objects) {
    boolean hub = Bundles.isHub(Bundles.folderOf(path));
    String file = "output/" + path; // one string for every fact of the file: a run keeps an overlay's facts
    for (int i = 0; i < objects.size(); i++) {
      read(file, i, objects.get(i), hub);
    }
  }

  @SuppressWarnings("unchecked")
  private void read(String file, int document, Map<String, Object> object, boolean hub) {
    ObjectKey key = ObjectKey.of(object);
    String groupKind = key.groupKind();
    String ns = key.namespace();
    String name = key.name();
    if (hub) {
      if (!NO_EFFECT.contains(groupKind)) {
        opaque.add(new Opaque(new Ref(file, document, "", key.display()), ns, groupKind,
            "lies in a hub folder, which holds Argo CD objects only: the hub applies it where Argo CD runs, which may be"
                + " this cluster"));
      }
      return;
    }
    Ref ref = new Ref(file, document, "", key.display());
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
          opaque.add(new Opaque(ref, ns, groupKind, "is a kind the reach model does not evaluate (" + groupKind + ")"));
        }
      }
    }
  }
}
