package io.meshplate.render;

import io.meshplate.overlay.OverlayLoader;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.manifest.RenderedTree;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayTemplatesTest {
  @TempDir Path root;

  @Test
  void overlayFileReplacesBaseTemplateWithSamePathForThatOverlayAndItsChildren() {
    Workspace ws = ProjectCopy.of(root);
    ProjectCopy.write(ws.overlays().resolve("prod/tenant/pod-monitor.yaml.ftl"),
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: replaced\n  namespace: ${namespace}\n");
    RenderedTree tree = Renderer.freemarker().render(ws, OverlayLoader.load(ws), TestTenants.load(ws), Set.of(), Set.of("ledger"));
    assertThat(name(tree, "prod/tenants/ledger/pod-monitor.yaml")).isEqualTo("replaced");
    assertThat(name(tree, "prod-eu/tenants/ledger/pod-monitor.yaml")).isEqualTo("replaced");
    assertThat(name(tree, "stage/tenants/ledger/pod-monitor.yaml")).isEqualTo("istio-proxies");
  }

  @Test
  void deleteMarkerRemovesBaseTemplateForThatOverlay() {
    Workspace ws = ProjectCopy.of(root);
    ProjectCopy.write(ws.overlays().resolve("dev/tenant/prometheus-rule.yaml.ftl.delete"), "");
    RenderedTree tree = Renderer.freemarker().render(ws, OverlayLoader.load(ws), TestTenants.load(ws), Set.of(), Set.of("ledger"));
    assertThat(tree.files()).doesNotContainKey("dev/tenants/ledger/prometheus-rule.yaml")
        .containsKey("prod/tenants/ledger/prometheus-rule.yaml");
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) tree.files().get("dev/tenants/ledger/kustomization.yaml")
        .objects().get(0).get("resources");
    assertThat(resources).doesNotContain("prometheus-rule.yaml").contains("sidecar.yaml");
  }

  @Test
  void overlayAddsNewTemplate() {
    Workspace ws = ProjectCopy.of(root);
    ProjectCopy.write(ws.overlays().resolve("stage/platform/extra.yaml.ftl"),
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: ${env.mesh.controlPlaneNamespace}\n");
    RenderedTree tree = Renderer.freemarker().render(ws, OverlayLoader.load(ws), TestTenants.load(ws), Set.of("stage", "prod"), Set.of());
    assertThat(tree.files()).containsKey("stage/platform/extra.yaml").doesNotContainKey("prod/platform/extra.yaml");
  }

  @Test
  void tenantRendersOnlyToItsEnvironmentsAndClusterOverlaysInheritThem() {
    Workspace ws = TestTenants.project();
    RenderedTree tree = Renderer.freemarker().render(ws, OverlayLoader.load(ws), TestTenants.load(ws), Set.of(), Set.of());
    assertThat(tree.files()).doesNotContainKey("dev/tenants/reporting/kustomization.yaml")
        .containsKey("stage/tenants/reporting/kustomization.yaml")
        .containsKey("prod-eu/tenants/reporting/kustomization.yaml")
        .containsKey("prod-eu/tenants/payments/kustomization.yaml");
  }

  @Test
  void environmentOverridesApplyAlongTheChainAndTracingIsCapped() {
    Workspace ws = TestTenants.project();
    RenderedTree tree = Renderer.freemarker().render(ws, OverlayLoader.load(ws), TestTenants.load(ws), Set.of(), Set.of());
    assertThat(sampling(tree, "prod/tenants/payments/telemetry.yaml")).isEqualByComparingTo("0.5");
    assertThat(sampling(tree, "prod-eu/tenants/payments/telemetry.yaml")).isEqualByComparingTo("0.5");
    assertThat(sampling(tree, "stage/tenants/payments/telemetry.yaml")).isEqualByComparingTo("10");
    assertThat(sampling(tree, "dev/tenants/identity/telemetry.yaml")).isEqualByComparingTo("100");
    assertThat(sampling(tree, "stage/tenants/identity/telemetry.yaml")).isEqualByComparingTo("2");
  }

  @Test
  void callerWhoDoesNotRenderToTheOverlayIsLeftOut() {
    Workspace ws = TestTenants.project();
    RenderedTree tree = Renderer.freemarker().render(ws, OverlayLoader.load(ws), TestTenants.load(ws), Set.of("dev", "stage"), Set.of());
    assertThat(tree.files().get("dev/tenants/ledger/authorization-policy.yaml").objects().toString())
        .contains("payments-dev/sa/api").doesNotContain("reporting-dev");
    assertThat(tree.files().get("stage/tenants/ledger/authorization-policy.yaml").objects().toString())
        .contains("reporting-stage/sa/exporter");
  }

  private static String name(RenderedTree tree, String path) {
    return (String) ((Map<?, ?>) tree.files().get(path).objects().get(0).get("metadata")).get("name");
  }

  @SuppressWarnings("unchecked")
  private static BigDecimal sampling(RenderedTree tree, String path) {
    Map<String, Object> spec = (Map<String, Object>) tree.files().get(path).objects().get(0).get("spec");
    Object value = ((List<Map<String, Object>>) spec.get("tracing")).get(0).get("randomSamplingPercentage");
    return new BigDecimal(value.toString());
  }
}
