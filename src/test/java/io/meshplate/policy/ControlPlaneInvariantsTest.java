package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control-plane invariants on the shipped stage overlay (mid-migration: the OSSM 3 Istio
 * beside the 2.6 ServiceMeshControlPlane, the canary wave moved), and each of them refusing a
 * tampered tree: exactly one control plane per namespace, discovery by every control plane, and
 * the side-by-side requirements of the migration guides.
 */
class ControlPlaneInvariantsTest {
  private static final List<String> RULES = List.of("INV-ONE-CONTROL-PLANE", "INV-MESH-DISCOVERY", "INV-MESH-SIDE-BY-SIDE");
  private static Rendered project;

  @BeforeAll
  static void render() {
    project = Rendered.project();
  }

  @Test
  void theShippedMigrationHoldsEveryControlPlaneInvariant() {
    assertThat(project.invariantProblems()).extracting(Problem::rule).doesNotContainAnyElementsOf(RULES);
    assertThat(project.object("stage/platform", "ServiceMeshControlPlane", "basic")).isNotNull();
    assertThat(project.object("stage/platform", "Istio", "default")).isNotNull();
  }

  @Test
  void aMovedNamespaceWithoutTheIgnoreLabelHasTwoInjectors() {
    assertThat(problems(project.with("stage/tenants/catalog/namespace.yaml",
        objects -> labels(objects.get(0)).remove("maistra.io/ignore-namespace"))))
        .containsExactly("output/stage/tenants/catalog/namespace.yaml: INV-ONE-CONTROL-PLANE: Namespace/catalog-stage: is injected by "
            + "revision canary and ServiceMeshControlPlane basic: both mutate its pods (label it maistra.io/ignore-namespace: \"true\" "
            + "when a revision injects it)");
  }

  @Test
  void aRevisionLabelNamingNoTagLeavesPodsWithoutSidecar() {
    assertThat(problems(project.with("stage/tenants/catalog/namespace.yaml",
        objects -> labels(objects.get(0)).put("istio.io/rev", "nightly"))))
        .anySatisfy(p -> assertThat(p).contains("Namespace/catalog-stage: istio.io/rev 'nightly' names no IstioRevisionTag or revision "
            + "the overlay renders (canary, default-v1-24-6, main): no sidecar is injected"))
        .anySatisfy(p -> assertThat(p).contains("Namespace/catalog-stage: no control plane injects its pods"));
  }

  @Test
  void aNamespaceLeftWithoutMembershipHasNoInjectorAndIsNotDiscovered() {
    assertThat(problems(project.with("stage/tenants/payments/namespace.yaml",
        objects -> objects.removeIf(o -> "ServiceMeshMember".equals(o.get("kind"))))))
        .contains("output/stage/tenants/payments/namespace.yaml: INV-MESH-DISCOVERY: Namespace/payments-stage: is no member of "
            + "ServiceMeshControlPlane basic: its istiod does not see the namespace's services (render its ServiceMeshMember while "
            + "the control plane runs)")
        .anySatisfy(p -> assertThat(p).contains("INV-ONE-CONTROL-PLANE: Namespace/payments-stage: no control plane injects its pods"));
  }

  @Test
  void aNamespaceTheIstioDoesNotSelectIsRefused() {
    assertThat(problems(project.with("stage/tenants/payments/namespace.yaml",
        objects -> labels(objects.get(0)).remove("istio-discovery"))))
        .containsExactly("output/stage/tenants/payments/namespace.yaml: INV-MESH-DISCOVERY: Namespace/payments-stage: matches none of "
            + "the discoverySelectors of Istio default: its istiod does not see the namespace's services (label it so a discovery "
            + "selector selects it)");
  }

  @Test
  void istioInjectionOnATenantNamespaceIsRefused() {
    assertThat(problems(project.with("stage/tenants/catalog/namespace.yaml",
        objects -> labels(objects.get(0)).put("istio-injection", "enabled"))))
        .containsExactly("output/stage/tenants/catalog/namespace.yaml: INV-ONE-CONTROL-PLANE: Namespace/catalog-stage: carries "
            + "istio-injection, which takes precedence over istio.io/rev (leave istio-injection off tenant namespaces)");
  }

  @Test
  void aDefaultTagBesideTheServiceMeshControlPlaneIsRefused() {
    Rendered broken = project.with("stage/platform/control-plane.yaml", objects -> {
      Map<String, Object> tag = new LinkedHashMap<>(Map.of("apiVersion", "sailoperator.io/v1", "kind", "IstioRevisionTag",
          "metadata", Map.of("name", "default", "annotations", Map.of("argocd.argoproj.io/sync-options", "Delete=false,Prune=false")),
          "spec", Map.of("targetRef", Map.of("kind", "Istio", "name", "default"))));
      objects.add(tag);
    });
    assertThat(problems(broken)).anySatisfy(p -> assertThat(p).contains("INV-ONE-CONTROL-PLANE: IstioRevisionTag/default: the default "
        + "tag's injector also takes pods labelled sidecar.istio.io/inject in namespaces without istio.io/rev"));
  }

  @Test
  void membersOfAServiceMeshControlPlaneTheOverlayNoLongerRunsAreRefused() {
    Rendered cleaned = project.with("stage/platform/control-plane.yaml",
        objects -> objects.removeIf(o -> "ServiceMeshControlPlane".equals(o.get("kind"))));
    assertThat(problems(cleaned)).anySatisfy(p -> assertThat(p).isEqualTo("output/stage/tenants/payments/namespace.yaml: "
        + "INV-ONE-CONTROL-PLANE: ServiceMeshMember/payments-stage/default: is a member of ServiceMeshControlPlane istio-system/basic, "
        + "which the overlay does not run (drop the membership, or keep the ServiceMeshControlPlane (rollout.from))"));
  }

  @Test
  void theIstioBesideTheServiceMeshControlPlaneSharesItsNamespaceTrustAndStrategy() {
    Rendered broken = project.with("stage/platform/control-plane.yaml", objects -> {
      for (Map<String, Object> o : objects) {
        if ("Istio".equals(o.get("kind"))) {
          Map<String, Object> spec = map(o, "spec");
          spec.put("namespace", "istio-system-3");
          spec.put("updateStrategy", new LinkedHashMap<>(Map.of("type", "InPlace")));
          map(map(spec, "values"), "meshConfig").put("trustDomain", "mesh3.local");
        }
        if ("ServiceMeshControlPlane".equals(o.get("kind"))) {
          map(map(map(o, "spec"), "addons"), "kiali").put("enabled", true);
        }
      }
    });
    assertThat(problems(broken).stream().filter(p -> p.contains("INV-MESH-SIDE-BY-SIDE")).toList()).containsExactly(
        "output/stage/platform/control-plane.yaml: INV-MESH-SIDE-BY-SIDE: Istio/default: has trust domain mesh3.local beside "
            + "ServiceMeshControlPlane basic with cluster.local: principals of the other side no longer match (use the same trust domain)",
        "output/stage/platform/control-plane.yaml: INV-MESH-SIDE-BY-SIDE: Istio/default: is not RevisionBased beside "
            + "ServiceMeshControlPlane basic: namespaces could not move one revision label at a time (set spec.updateStrategy.type: RevisionBased)",
        "output/stage/platform/control-plane.yaml: INV-MESH-SIDE-BY-SIDE: Istio/default: runs in istio-system-3 beside "
            + "ServiceMeshControlPlane basic in istio-system: its istiod would sign with another root certificate (set spec.namespace: istio-system)",
        "output/stage/platform/control-plane.yaml: INV-MESH-SIDE-BY-SIDE: ServiceMeshControlPlane/istio-system/basic: runs beside an OSSM 3 "
            + "Istio without addons.kiali.enabled: false (pre-migration checklist: OSSM 3 does not manage it) (set addons.kiali.enabled: false)");
  }

  private static List<String> problems(Rendered rendered) {
    return rendered.invariantProblems().stream().filter(p -> RULES.contains(p.rule())).map(Problem::format).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> namespace) {
    return (Map<String, Object>) map(namespace, "metadata").get("labels");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String field) {
    return (Map<String, Object>) parent.get(field);
  }
}
