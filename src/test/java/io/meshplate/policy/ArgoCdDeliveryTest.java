package io.meshplate.policy;

import static io.meshplate.policy.Rendered.at;
import static io.meshplate.policy.Rendered.listAt;
import static io.meshplate.policy.Rendered.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ClusterScopedKinds;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD on a real hub: its objects reach only the Argo CD that reads them, every folder reaches
 * its own cluster through exactly one Application, projects are exactly as wide as what they
 * sync, tenant teams cannot expose or weaken anything, and nothing is deleted with an
 * Application. Evaluated on the rendered example project with Argo CD's own rules.
 */
class ArgoCdDeliveryTest {
  private static final String HUB_NAMESPACE = "openshift-gitops";
  private static final String PROD_EU = "https://api.prod-eu.acme.example:6443";
  private static Rendered project;

  @BeforeAll
  static void render() {
    project = Rendered.project();
  }

  @Test
  void theShippedOverlaysSatisfyEveryPostRenderInvariant() {
    assertThat(project.invariantProblems()).isEmpty();
  }

  @Test
  void argoCdObjectsLieOnlyInHubFoldersAndClusterOverlayBundlesHoldMeshObjectsOnly() {
    for (String folder : project.folders()) {
      for (Map<String, Object> object : project.in(folder)) {
        ObjectKey key = ObjectKey.of(object);
        if (Bundles.isHub(folder)) {
          assertThat(key.group()).as(folder + " " + key.display()).isEqualTo("argoproj.io");
          assertThat(key.namespace()).as(folder + " " + key.display()).isEqualTo(HUB_NAMESPACE);
        } else {
          assertThat(key.group()).as(folder + " " + key.display()).isNotEqualTo("argoproj.io");
        }
      }
    }
    assertThat(project.in("prod-eu/platform")).isNotEmpty();
    assertThat(project.in("prod-eu/tenants/payments")).isNotEmpty();
  }

  @Test
  void everyFolderIsSyncedByOneApplicationToTheClusterItBelongsTo() {
    Map<String, List<Deliveries.Delivery>> byFolder = project.deliveries().stream()
        .collect(Collectors.groupingBy(Deliveries.Delivery::folder));
    assertThat(byFolder.keySet()).containsExactlyInAnyOrderElementsOf(project.folders());
    byFolder.forEach((folder, deliveries) -> {
      assertThat(deliveries).as(folder).hasSize(1);
      Deliveries.Delivery delivery = deliveries.get(0);
      String overlayCluster = Bundles.overlayOf(folder).equals("prod-eu") ? PROD_EU : ArgoCdSite.IN_CLUSTER;
      if (Bundles.isHub(folder)) {
        assertThat(delivery.server()).as(folder).isEqualTo(ArgoCdSite.IN_CLUSTER);
        assertThat(delivery.namespace()).as(folder).isEqualTo(HUB_NAMESPACE);
      } else {
        assertThat(delivery.server()).as(folder).isEqualTo(overlayCluster);
      }
    });
    Deliveries.Delivery payments = byFolder.get("prod-eu/tenants/payments").get(0);
    assertThat(payments.name()).isEqualTo("mesh-policy-payments-prod-eu");
    assertThat(payments.project()).isEqualTo("mesh-policy-payments-prod-eu");
    assertThat(payments.namespace()).isEqualTo("payments-prod");
    assertThat(byFolder.get("prod-eu/tenants/payments/argocd").get(0).name()).isEqualTo("mesh-projects-payments-prod-eu");
  }

  @Test
  void anAppProjectRenderedIntoATenantsMeshFolderIsRefused() {
    Rendered broken = project.with("prod-eu/tenants/payments/namespace.yaml", objects -> objects.add(Map.of(
        "apiVersion", "argoproj.io/v1alpha1", "kind", "AppProject",
        "metadata", Map.of("name", "tenant-payments-prod-eu-2", "namespace", HUB_NAMESPACE),
        "spec", Map.of())));

    assertThat(broken.invariantProblems()).extracting(Problem::format)
        .anyMatch(p -> p.contains("INV-ARGOCD-HUB") && p.contains("AppProject/openshift-gitops/tenant-payments-prod-eu-2")
            && p.contains("synced to the overlay's cluster where no Argo CD reads it"));
  }

  @Test
  void aHubFolderSyncedToTheRemoteClusterIsRefused() {
    Rendered broken = project.with("prod-eu/platform/argocd/applications.yaml", objects -> objects.stream()
        .filter(o -> ObjectKey.of(o).name().equals("mesh-projects-prod-eu"))
        .forEach(o -> put(o, PROD_EU, "spec", "template", "spec", "destination", "server")));

    assertThat(broken.invariantProblems()).extracting(Problem::format)
        .anyMatch(p -> p.contains("INV-ARGOCD-HUB") && p.contains("mesh-projects-payments-prod-eu syncs prod-eu/tenants/payments/argocd to "
            + PROD_EU));
  }

  @Test
  void aMeshFolderSyncedToAnotherOverlaysClusterIsRefused() {
    Rendered broken = project.with("prod-eu/platform/argocd/applications.yaml", objects -> objects.stream()
        .filter(o -> ObjectKey.of(o).name().equals("mesh-platform-prod-eu"))
        .forEach(o -> put(o, ArgoCdSite.IN_CLUSTER, "spec", "destination", "server")));

    assertThat(broken.invariantProblems()).extracting(Problem::format)
        .anyMatch(p -> p.contains("INV-ARGOCD-HUB") && p.contains("not to the cluster of overlay prod-eu"));
  }

  @Test
  void aFolderNoApplicationSyncsIsRefused() {
    Rendered broken = project.with("prod-eu/platform/argocd/applications.yaml",
        objects -> objects.removeIf(o -> ObjectKey.of(o).name().equals("mesh-projects-prod-eu")));

    assertThat(broken.invariantProblems()).extracting(Problem::format).hasSize(7)
        .allMatch(p -> p.matches("output/prod-eu/tenants/[a-z]+/argocd/: INV-ARGOCD-HUB: no Application syncs this folder.*"));
  }

  @Test
  void aGeneratorMeshplateCannotEvaluateIsRefused() {
    Rendered broken = project.with("prod/platform/argocd/applications.yaml", objects -> objects.stream()
        .filter(o -> ObjectKey.of(o).name().equals("mesh-policy-prod"))
        .forEach(o -> put(o, List.of(Map.of("list", Map.of("elements", List.of()))), "spec", "generators")));

    assertThat(broken.invariantProblems()).extracting(Problem::format)
        .anyMatch(p -> p.contains("ApplicationSet/openshift-gitops/mesh-policy-prod: has a generator other than a git directory generator"));
  }

  @Test
  void addingATenantChangesNoFileOfAnotherTenantOrOfThePlatform(@TempDir Path root) {
    TestProject copy = TestProject.copyOf(root);
    Rendered before = Rendered.of(root);
    copy.write("tenants/shipping.yaml", """
        apiVersion: meshplate.io/v1alpha1
        kind: Tenant
        metadata: {name: shipping}
        spec:
          owners: ["@acme/shipping"]
          services:
            - name: api
              ports: [{name: http, port: 8080, protocol: HTTP}]
        """);
    Rendered after = Rendered.of(root);

    Set<String> changed = new TreeSet<>();
    for (RenderedFile file : after.tree().files().values()) {
      RenderedFile old = before.tree().files().get(file.path());
      if (old == null || !old.objects().equals(file.objects())) {
        changed.add(file.path());
      }
    }
    assertThat(changed).isNotEmpty().allMatch(path -> path.matches("[a-z-]+/tenants/shipping/.*"), "only shipping's folders");
  }

  @Test
  void meshFolderProjectsWhitelistExactlyTheKindsOfTheirFolderAndNeverTheArgoCdNamespace() {
    Map<String, Map<String, Object>> projects = projects();
    for (Deliveries.Delivery delivery : project.deliveries()) {
      AppProjectRules rules = new AppProjectRules((Map<?, ?>) projects.get(delivery.project()).get("spec"));
      Set<String> namespaced = new TreeSet<>();
      Set<String> cluster = new TreeSet<>();
      for (Map<String, Object> object : project.in(delivery.folder())) {
        ObjectKey key = ObjectKey.of(object);
        (ClusterScopedKinds.contains(key) ? cluster : namespaced).add(key.group() + "/" + key.kind()
            + (ClusterScopedKinds.contains(key) ? "/" + key.name() : ""));
        assertThat(rules.permitsKind(key, !ClusterScopedKinds.contains(key))).as(delivery.folder() + " " + key.display()).isTrue();
      }
      assertThat(rules.namespaceWhitelist).extracting(e -> e.group() + "/" + e.kind())
          .as(delivery.project()).containsExactlyInAnyOrderElementsOf(namespaced);
      assertThat(rules.clusterWhitelist).extracting(e -> e.group() + "/" + e.kind() + "/" + e.name())
          .as(delivery.project()).containsExactlyInAnyOrderElementsOf(cluster);
      assertThat(rules.sourceRepos).containsExactly("https://git.acme.example/platform/meshplate.git");
      if (!Bundles.isHub(delivery.folder())) {
        assertThat(rules.allowsNamespaceAnywhere(HUB_NAMESPACE)).as(delivery.project()).isFalse();
      }
    }
    AppProjectRules payments = new AppProjectRules((Map<?, ?>) projects.get("mesh-policy-payments-prod").get("spec"));
    assertThat(payments.permitsDestination(ArgoCdSite.IN_CLUSTER, "payments-prod")).isTrue();
    assertThat(payments.permitsDestination(ArgoCdSite.IN_CLUSTER, "ledger-prod")).isFalse();
    assertThat(payments.permitsKind(new ObjectKey("", "Namespace", "", "ledger-prod"), false)).isFalse();
  }

  @Test
  void aProjectWhitelistFollowsTheKindsTheTemplatesRender(@TempDir Path root) {
    TestProject copy = TestProject.copyOf(root);
    copy.write("templates/base/tenant/limit-range.yaml.ftl", """
        <#-- test: a kind the tenant templates did not render before -->
        ---
        apiVersion: v1
        kind: LimitRange
        metadata:
          name: tenant-limits
          namespace: ${namespace}
        spec:
          limits:
          - type: Container
            max:
              memory: 8Gi
        """);
    Rendered withLimits = Rendered.of(root);

    List<Object> whitelist = listAt(withLimits.object("prod/tenants/payments/argocd", "AppProject", "mesh-policy-payments-prod"),
        "spec", "namespaceResourceWhitelist");
    assertThat(whitelist).contains(Map.of("group", "", "kind", "LimitRange"));
    assertThat(listAt(project.object("prod/tenants/payments/argocd", "AppProject", "mesh-policy-payments-prod"),
        "spec", "namespaceResourceWhitelist")).doesNotContain(Map.of("group", "", "kind", "LimitRange"));
  }

  @Test
  void aProjectWhitelistingMoreThanItsFolderRendersIsRefused() {
    Rendered broken = project.with("prod/tenants/payments/argocd/projects.yaml", objects -> objects.stream()
        .filter(o -> ObjectKey.of(o).name().equals("mesh-policy-payments-prod"))
        .forEach(o -> listAt(o, "spec", "namespaceResourceWhitelist").add(Map.of("group", "route.openshift.io", "kind", "Route"))));

    assertThat(broken.invariantProblems()).extracting(Problem::format).singleElement().satisfies(p -> assertThat(p)
        .contains("INV-ARGOCD-PROJECT").contains("whitelists Route.route.openshift.io, which no folder it syncs renders"));
  }

  @Test
  void aMeshProjectThatMayWriteIntoTheArgoCdNamespaceIsRefused() {
    Rendered broken = project.with("prod/tenants/payments/argocd/projects.yaml", objects -> objects.stream()
        .filter(o -> ObjectKey.of(o).name().equals("mesh-policy-payments-prod"))
        .forEach(o -> listAt(o, "spec", "destinations").add(Map.of("server", ArgoCdSite.IN_CLUSTER, "namespace", "openshift-*"))));

    assertThat(broken.invariantProblems()).extracting(Problem::format).singleElement().satisfies(p -> assertThat(p)
        .contains("INV-ARGOCD-PROJECT").contains("write into the Argo CD namespace openshift-gitops"));
  }

  @Test
  void tenantTeamProjectRefusesExposureMeshAndNetworkKindsAndStaysInItsNamespace() {
    AppProjectRules team = new AppProjectRules((Map<?, ?>) projects().get("tenant-payments-prod").get("spec"));
    List<String> refused = List.of("route.openshift.io/Route", "networking.k8s.io/Ingress",
        "gateway.networking.k8s.io/Gateway", "gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/TLSRoute",
        "gateway.networking.x-k8s.io/XBackendTrafficPolicy", "networking.istio.io/Gateway",
        "networking.istio.io/VirtualService", "networking.istio.io/DestinationRule", "networking.istio.io/ServiceEntry",
        "networking.istio.io/Sidecar", "networking.istio.io/EnvoyFilter", "networking.istio.io/WorkloadEntry",
        "networking.istio.io/WorkloadGroup", "networking.istio.io/ProxyConfig", "security.istio.io/AuthorizationPolicy",
        "security.istio.io/PeerAuthentication", "security.istio.io/RequestAuthentication", "telemetry.istio.io/Telemetry",
        "extensions.istio.io/WasmPlugin", "maistra.io/ServiceMeshMember", "networking.k8s.io/NetworkPolicy",
        "/ResourceQuota", "/LimitRange", "rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/RoleBinding");
    for (String groupKind : refused) {
      String[] gk = groupKind.split("/");
      assertThat(team.permitsKind(new ObjectKey(gk[0], gk[1], "payments-prod", "x"), true)).as(groupKind).isFalse();
    }
    for (String groupKind : List.of("apps/Deployment", "/Service", "/ConfigMap", "/Secret", "monitoring.coreos.com/ServiceMonitor")) {
      String[] gk = groupKind.split("/");
      assertThat(team.permitsKind(new ObjectKey(gk[0], gk[1], "payments-prod", "x"), true)).as(groupKind).isTrue();
    }
    assertThat(team.permitsKind(new ObjectKey("", "Namespace", "", "payments-prod"), false)).isFalse();
    assertThat(team.permitsDestination(ArgoCdSite.IN_CLUSTER, "payments-prod")).isTrue();
    assertThat(team.permitsDestination(ArgoCdSite.IN_CLUSTER, "ledger-prod")).isFalse();
    assertThat(team.permitsDestination(ArgoCdSite.IN_CLUSTER, HUB_NAMESPACE)).isFalse();
    assertThat(team.permitsDestination(PROD_EU, "payments-prod")).isFalse();
  }

  @Test
  void resourceQuotaForbidsLoadBalancerAndNodePortServicesInEveryTenantNamespace() {
    for (String folder : project.folders()) {
      if (folder.contains("/tenants/") && !Bundles.isHub(folder)) {
        String namespace = folder.substring(folder.lastIndexOf('/') + 1) + suffix(folder);
        Map<String, Object> quota = project.object(folder, "ResourceQuota", "no-external-services");
        assertThat(at(quota, "metadata", "namespace")).isEqualTo(namespace);
        assertThat(mapAt(quota, "spec", "hard"))
            .containsEntry("services.loadbalancers", "0").containsEntry("services.nodeports", "0");
      }
    }
  }

  @Test
  void openShiftGitOpsMayWriteIntoTenantNamespacesOfItsOwnClusterOnly() {
    for (String overlay : List.of("dev", "stage", "prod")) {
      Map<String, Object> namespace = project.object(overlay + "/tenants/payments", "Namespace", "payments-" + overlay);
      assertThat(mapAt(namespace, "metadata", "labels")).as(overlay)
          .containsEntry("argocd.argoproj.io/managed-by", HUB_NAMESPACE);
    }
    Map<String, Object> remote = project.object("prod-eu/tenants/payments", "Namespace", "payments-prod");
    assertThat(mapAt(remote, "metadata", "labels")).doesNotContainKey("argocd.argoproj.io/managed-by");
    assertThat(at(project.object("prod-eu/platform", "RoleBinding", "argocd-mesh-user"), "subjects", 0))
        .isEqualTo(Map.of("kind", "ServiceAccount", "name", "argocd-manager", "namespace", "kube-system"));
    assertThat(at(project.object("prod/platform", "RoleBinding", "argocd-mesh-user"), "subjects", 0))
        .isEqualTo(Map.of("kind", "ServiceAccount", "name", "openshift-gitops-argocd-application-controller",
            "namespace", HUB_NAMESPACE));
  }

  @Test
  void namespacesAndTheControlPlaneSurviveAPrunedOrDeletedApplication() {
    Set<String> kept = Set.of("Namespace", "ServiceMeshControlPlane", "Istio", "IstioCNI", "IstioRevisionTag");
    int seen = 0;
    for (String folder : project.folders()) {
      for (Map<String, Object> object : project.in(folder)) {
        String kind = ObjectKey.of(object).kind();
        if (kept.contains(kind)) {
          seen++;
          String options = String.valueOf(at(object, "metadata", "annotations", "argocd.argoproj.io/sync-options"));
          assertThat(options.split(",")).as(folder + " " + kind).contains("Delete=false", "Prune=false");
        }
        if (kind.equals("ApplicationSet")) {
          assertThat(at(object, "spec", "syncPolicy", "preserveResourcesOnDeletion")).isEqualTo(true);
          assertThat(at(object, "spec", "template", "metadata", "finalizers")).isNull();
        }
        if (kind.equals("Application")) {
          assertThat(at(object, "metadata", "finalizers")).isNull();
        }
      }
    }
    assertThat(seen).isGreaterThan(27);
  }

  @Test
  void aNamespaceThatAPruneWouldDeleteIsRefused() {
    Rendered broken = project.with("prod/tenants/payments/namespace.yaml", objects -> objects.stream()
        .filter(o -> "Namespace".equals(o.get("kind")))
        .forEach(o -> put(o, "Prune=false", "metadata", "annotations", "argocd.argoproj.io/sync-options")));

    assertThat(broken.invariantProblems()).extracting(Problem::format).singleElement().satisfies(p -> assertThat(p)
        .contains("INV-PRESERVE").contains("Namespace/payments-prod: would be deleted with its Application"));
  }

  private static Map<String, Map<String, Object>> projects() {
    Map<String, Map<String, Object>> projects = new HashMap<>();
    for (String folder : project.folders()) {
      project.in(folder).stream().filter(o -> "AppProject".equals(o.get("kind")))
          .forEach(o -> projects.put(ObjectKey.of(o).name(), o));
    }
    return projects;
  }

  private static String suffix(String folder) {
    String overlay = Bundles.overlayOf(folder);
    return overlay.equals("prod-eu") ? "-prod" : "-" + overlay;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> object, Object value, String... path) {
    Map<String, Object> current = object;
    for (int i = 0; i < path.length - 1; i++) {
      current = (Map<String, Object>) current.computeIfAbsent(path[i], k -> new LinkedHashMap<>());
    }
    current.put(path[path.length - 1], value);
  }

}
