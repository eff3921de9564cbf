package io.meshplate.policy;

import static io.meshplate.policy.Rendered.at;
import static io.meshplate.policy.Rendered.listAt;
import static io.meshplate.policy.Rendered.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics and traces exist on a real cluster: Istio request metrics reach user-workload
 * monitoring on OSSM 2 (add-on off), application metrics come along through the merged
 * endpoint, Kiali reads them from the Thanos Querier, and spans go to a declared OpenTelemetry
 * collector the proxies may reach, sampled as each tenant asks.
 */
class MeshObservabilityTest {
  private static final String COLLECTOR = "otel-collector.istio-system.svc.cluster.local";
  private static Rendered project;

  @BeforeAll
  static void render() {
    project = Rendered.project();
  }

  @Test
  void ossm2MeshProducesIstioRequestMetricsForUserWorkloadMonitoring() {
    for (String overlay : List.of("stage", "prod", "prod-eu")) {
      Map<String, Object> smcp = project.object(overlay + "/platform", "ServiceMeshControlPlane", "basic");
      assertThat(at(smcp, "spec", "addons", "prometheus", "enabled")).isEqualTo(false);
      assertThat(at(smcp, "spec", "addons", "prometheus", "scrape")).as("merged endpoint").isEqualTo(true);
      assertThat(listAt(smcp, "spec", "meshConfig", "extensionProviders"))
          .contains(Map.of("name", "prometheus", "prometheus", Map.of()));
      Map<String, Object> root = project.object(overlay + "/platform", "Telemetry", "mesh-default");
      assertThat(at(root, "metadata", "namespace")).isEqualTo("istio-system");
      assertThat(at(root, "spec", "selector")).isNull();
      assertThat(listAt(root, "spec", "metrics")).containsExactly(Map.of("providers", List.of(Map.of("name", "prometheus"))));
    }
  }

  @Test
  void aMeshWhoseRootTelemetryEnablesNoMetricsIsRefused() {
    Rendered broken = project.with("prod/platform/mesh-telemetry.yaml",
        objects -> mapAt(objects.get(0), "spec").remove("metrics"));

    assertThat(broken.invariantProblems()).extracting(Problem::format).singleElement().satisfies(p -> assertThat(p)
        .contains("INV-MESH-TELEMETRY").contains("no istio_requests_total is produced"));
  }

  @Test
  void tenantPodMonitorScrapesTheMergedEndpointSoApplicationMetricsComeToo() {
    Map<String, Object> monitor = project.object("prod/tenants/payments", "PodMonitor", "istio-proxies");
    Map<String, Object> endpoint = mapAt(monitor, "spec", "podMetricsEndpoints", 0);
    assertThat(endpoint).containsEntry("path", "/stats/prometheus").doesNotContainKey("port");
    List<Object> relabelings = listAt(endpoint, "relabelings");
    assertThat(relabelings).anySatisfy(r -> assertThat(mapAt(r)).containsEntry("action", "keep")
        .containsEntry("regex", "istio-proxy"));
    assertThat(relabelings).filteredOn(r -> "__address__".equals(((Map<?, ?>) r).get("targetLabel"))).hasSize(2)
        .allSatisfy(r -> assertThat(listAt(r, "sourceLabels"))
            .containsExactly("__meta_kubernetes_pod_annotation_prometheus_io_port", "__meta_kubernetes_pod_ip"));
    Map<String, Object> fromMonitoring = project.object("prod/tenants/payments", "NetworkPolicy", "allow-from-monitoring");
    assertThat(listAt(fromMonitoring, "spec", "ingress", 0, "ports")).containsExactly(Map.of("protocol", "TCP", "port", 15020L));
  }

  @Test
  void kialiReadsTheMeshMetricsFromTheThanosQuerierOnBothTargets() {
    for (String overlay : List.of("dev", "stage", "prod", "prod-eu")) {
      Map<String, Object> kiali = project.object(overlay + "/platform", "Kiali", "kiali-user-workload-monitoring");
      assertThat(mapAt(kiali, "spec", "external_services", "prometheus"))
          .containsEntry("url", "https://thanos-querier.openshift-monitoring.svc.cluster.local:9091")
          .containsEntry("auth", Map.of("type", "bearer", "use_kiali_token", true))
          .containsEntry("query_scope", Map.of("mesh_id", "istio-system"));
      assertThat(at(kiali, "spec", "deployment", "view_only_mode")).isEqualTo(true);
      Map<String, Object> binding = project.object(overlay + "/platform", "ClusterRoleBinding", "kiali-monitoring-view-istio-system");
      assertThat(at(binding, "roleRef", "name")).isEqualTo("cluster-monitoring-view");
      assertThat(at(binding, "subjects", 0, "name")).isEqualTo("kiali-service-account");
    }
    Map<String, Object> smcp = project.object("prod/platform", "ServiceMeshControlPlane", "basic");
    assertThat(mapAt(smcp, "spec", "addons", "kiali")).isEqualTo(Map.of("enabled", true, "name", "kiali-user-workload-monitoring"));
    assertThat(at(project.object("prod/platform", "Kiali", "kiali-user-workload-monitoring"),
        "spec", "external_services", "istio", "config_map_name")).as("what the SMCP operator patches in").isEqualTo("istio-basic");
  }

  @Test
  void bothTargetsDeclareTheCollectorAsTracerAndEveryTelemetrySamplesForIt() {
    Map<String, Object> otel = Map.of("name", "otel", "opentelemetry", Map.of("service", COLLECTOR, "port", 4317L));
    assertThat(listAt(project.object("prod/platform", "ServiceMeshControlPlane", "basic"), "spec", "meshConfig",
        "extensionProviders")).contains(otel);
    assertThat(listAt(project.object("dev/platform", "Istio", "default"), "spec", "values", "meshConfig",
        "extensionProviders")).contains(otel);
    for (String folder : project.folders()) {
      project.in(folder).stream().filter(o -> "Telemetry".equals(o.get("kind"))).forEach(telemetry ->
          assertThat(listAt(telemetry, "spec", "tracing", 0, "providers")).as(folder)
              .containsExactly(Map.of("name", "otel")));
    }
  }

  @Test
  void tenantTracingPercentChangesWhatIsSampledAndTheCollectorIsReachable(@TempDir Path root) {
    assertThat(at(project.object("stage/tenants/payments", "Telemetry", "namespace-default"),
        "spec", "tracing", 0, "randomSamplingPercentage")).hasToString("10");
    TestProject copy = TestProject.copyOf(root);
    copy.edit("tenants/payments.yaml", "tracingPercent: 10", "tracingPercent: 3.5");
    Rendered changed = Rendered.of(root);

    for (String overlay : List.of("dev", "stage")) {
      Map<String, Object> tracing = mapAt(changed.object(overlay + "/tenants/payments", "Telemetry", "namespace-default"),
          "spec", "tracing", 0);
      assertThat(tracing.get("providers")).isEqualTo(List.of(Map.of("name", "otel")));
      assertThat(tracing.get("randomSamplingPercentage")).hasToString("3.5");
      Map<String, Object> egress = changed.object(overlay + "/tenants/payments", "NetworkPolicy", "allow-egress-tracing");
      assertThat(mapAt(egress, "spec", "egress", 0, "to", 0)).isEqualTo(Map.of(
          "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "istio-system")),
          "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "otel-collector"))));
      assertThat(listAt(egress, "spec", "egress", 0, "ports")).containsExactly(Map.of("protocol", "TCP", "port", 4317L));
      assertThat(listAt(changed.object(overlay + "/tenants/payments", "Sidecar", "default"), "spec", "egress", 0, "hosts"))
          .as("the collector's cluster is in the proxy's configuration").contains("istio-system/*");
    }
  }

  @Test
  void samplingWithoutATracingProviderIsRefused() {
    Rendered broken = project.with("stage/tenants/payments/telemetry.yaml",
        objects -> mapAt(objects.get(0), "spec", "tracing", 0).remove("providers"));

    assertThat(broken.invariantProblems()).extracting(Problem::format).singleElement().satisfies(p -> assertThat(p)
        .contains("INV-MESH-TELEMETRY").contains("Telemetry/payments-stage/namespace-default: tracing names no provider"));
  }

  @Test
  void aTelemetryProviderTheControlPlaneDoesNotDeclareIsRefused() {
    Rendered broken = project.with("dev/platform/control-plane.yaml", objects -> objects.stream()
        .filter(o -> ObjectKey.of(o).kind().equals("Istio"))
        .forEach(o -> listAt(o, "spec", "values", "meshConfig", "extensionProviders").removeIf(p -> "otel".equals(at(p, "name")))));

    assertThat(broken.invariantProblems()).extracting(Problem::rule).containsOnly("INV-MESH-TELEMETRY").hasSizeGreaterThan(5);
  }
}
