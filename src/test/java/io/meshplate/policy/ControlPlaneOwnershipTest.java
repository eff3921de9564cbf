package io.meshplate.policy;

import static io.meshplate.policy.Rendered.at;
import static io.meshplate.policy.Rendered.listAt;
import static io.meshplate.policy.Rendered.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import io.meshplate.manifest.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mesh-wide defaults take effect and have one owner: on OSSM 3 istiod's discovery selectors see
 * the root namespace that holds them; on OSSM 2 the ServiceMeshControlPlane alone owns the
 * root PeerAuthentication it creates.
 */
class ControlPlaneOwnershipTest {
  private static Rendered project;

  @BeforeAll
  static void render() {
    project = Rendered.project();
  }

  @Test
  void devRootNamespaceDefaultsLieInNamespacesIstiodDiscovers() {
    Map<String, Object> istio = project.object("dev/platform", "Istio", "default");
    Map<String, Object> selector = mapAt(istio, "spec", "values", "meshConfig", "discoverySelectors", 0, "matchLabels");
    String root = String.valueOf(at(istio, "spec", "namespace"));
    String cni = String.valueOf(at(project.object("dev/platform", "IstioCNI", "default"), "spec", "namespace"));
    for (String namespace : List.of(root, cni)) {
      assertThat(mapAt(project.object("dev/platform", "Namespace", namespace), "metadata", "labels"))
          .as(namespace).containsAllEntriesOf(selector);
    }
    assertThat(project.in("dev/platform").stream().map(ObjectKey::of)
        .filter(k -> List.of("PeerAuthentication", "Sidecar", "Telemetry").contains(k.kind())))
        .hasSize(3).allSatisfy(k -> assertThat(k.namespace()).isEqualTo(root));
  }

  @Test
  void ossm2MeshWideMtlsIsOwnedByTheControlPlaneAlone() {
    for (String overlay : List.of("stage", "prod", "prod-eu")) {
      assertThat(project.in(overlay + "/platform").stream().map(ObjectKey::of))
          .as(overlay).noneMatch(k -> k.kind().equals("PeerAuthentication"));
      assertThat(at(project.object(overlay + "/platform", "ServiceMeshControlPlane", "basic"),
          "spec", "security", "dataPlane", "mtls")).isEqualTo(true);
    }
    Map<String, Object> devRoot = project.object("dev/platform", "PeerAuthentication", "default");
    assertThat(at(devRoot, "spec", "mtls", "mode")).isEqualTo("STRICT");
  }

  @Test
  void aSecondOwnerOfTheSmcpPeerAuthenticationIsRefused() {
    Rendered broken = project.with("prod/platform/mesh-sidecar.yaml", objects -> objects.add(Map.of(
        "apiVersion", "security.istio.io/v1beta1", "kind", "PeerAuthentication",
        "metadata", Map.of("name", "default", "namespace", "istio-system"),
        "spec", Map.of("mtls", Map.of("mode", "STRICT")))));

    assertThat(broken.invariantProblems()).extracting(Problem::format)
        .anyMatch(p -> p.contains("INV-MESH-MTLS-OWNER") && p.contains("is a second owner"));
  }

  @Test
  void anOssm3MeshWithoutRootStrictMtlsIsRefused() {
    Rendered broken = project.with("dev/platform/mesh-peer-authentication.yaml",
        objects -> mapAt(objects.get(0), "spec", "mtls").put("mode", "PERMISSIVE"));

    assertThat(broken.invariantProblems()).extracting(Problem::format).singleElement().satisfies(p -> assertThat(p)
        .contains("INV-MESH-MTLS-OWNER").contains("no selector-less STRICT PeerAuthentication in the root namespace istio-system"));
    assertThat(listAt(project.object("dev/platform", "Istio", "default"), "spec", "values", "meshConfig", "discoverySelectors"))
        .hasSize(1);
  }
}
