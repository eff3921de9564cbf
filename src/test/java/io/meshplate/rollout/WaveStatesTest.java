package io.meshplate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.render.Renderer;
import io.meshplate.testing.StageRollout;
import io.meshplate.testing.TestProject;
import io.meshplate.yaml.CanonicalYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every state of the shipped migration (and of a revision-based upgrade within 3.x), rendered
 * with the real pipeline, which runs the post-render invariants (INV-ONE-CONTROL-PLANE among
 * them): each tenant namespace is governed by exactly one control plane; calls between waves are
 * allowed on every layer; moving one wave changes only that wave's tenants' files and the
 * platform's tag and alert objects. Cross-wave calls are asserted on the rendered objects
 * (NetworkPolicy, AuthorizationPolicy, Sidecar, discovery, control-plane reachability, API level).
 */
class WaveStatesTest {
  /** A revision-based patch upgrade within OSSM 3.4 (Istio 1.30.1 -> 1.30.3; the schema set has the 1.30 CRDs). */
  private static final String MESH_34 = "target: ossm-3.4\nversion: v1.30.3\ncontrolPlaneName: default\n";
  private static final String UPGRADE_STARTED = """
      waves:
        - name: canary
          version: v1.30.1
          tenants: [catalog, identity]
        - name: main
          version: v1.30.1
      """;
  private static final String UPGRADE_CANARY = UPGRADE_STARTED.replaceFirst("v1.30.1", "v1.30.3");
  private static final List<String> ISTIO_130 = List.of("istio/istio-api-v1.30.3-*");

  @TempDir static Path root;
  private static final Map<StageRollout, RenderedTree> STEPS = new EnumMap<>(StageRollout.class);
  private static RenderedTree upgradeStarted;
  private static RenderedTree upgradeCanary;

  @BeforeAll
  static void renderEveryState() {
    TestProject project = TestProject.copyOf(root);
    for (StageRollout step : StageRollout.values()) {
      step.writeTo(project);
      STEPS.put(step, render());
    }
    project.write("templates/overlays/stage/overlay.yaml", StageRollout.overlay(MESH_34, UPGRADE_STARTED, ISTIO_130));
    upgradeStarted = render();
    project.write("templates/overlays/stage/overlay.yaml", StageRollout.overlay(MESH_34, UPGRADE_CANARY, ISTIO_130));
    upgradeCanary = render();
  }

  /** Renders stage in memory; post-render invariants failing would throw here. */
  private static RenderedTree render() {
    Workspace workspace = new Workspace(root);
    Pipeline pipeline = new Pipeline(workspace);
    pipeline.renderInMemory(new Selection(Set.of("stage"), Set.of()), null);
    Pipeline.Validated validated = pipeline.validate();
    return Renderer.freemarker().render(workspace, validated.overlays(), validated.tenants().all(),
        Set.of("stage"), Set.of());
  }

  @ParameterizedTest
  @EnumSource(StageRollout.class)
  void everyNamespaceIsGovernedByExactlyOneControlPlane(StageRollout step) {
    MeshState state = MeshState.of("stage", objects(STEPS.get(step)));
    assertThat(state.namespaces()).hasSize(7);
    Map<String, String> governors = new TreeMap<>();
    state.namespaces().forEach((ns, n) -> governors.put(ns, n.governor() == null ? "none" : n.governor().display()));
    String smcp = "ServiceMeshControlPlane basic (v2.6)";
    String revision = "revision default-v1-24-6 (v1.24.6)";
    Set<String> canary = Set.of("catalog-stage", "identity-stage", "notifications-stage");
    governors.forEach((ns, governor) -> assertThat(governor).as(step + " " + ns).isEqualTo(switch (step) {
      case INSTALLED -> smcp;
      case CANARY -> canary.contains(ns) ? revision : smcp;
      case MAIN, CLEANUP -> revision;
    }));
    // The ServiceMeshControlPlane runs as long as rollout.from says so, the Istio throughout.
    assertThat(state.smcps()).as(step.name()).isEqualTo(step == StageRollout.CLEANUP ? Map.of() : Map.of("basic", "v2.6"));
    assertThat(state.istios()).isEqualTo(Map.of("default", "default-v1-24-6"));
  }

  @ParameterizedTest
  @EnumSource(StageRollout.class)
  void callsBetweenWavesAreAllowedOnEveryLayer(StageRollout step) {
    CrossWaveCalls calls = new CrossWaveCalls(objects(STEPS.get(step)), "stage");
    List<String> checked = calls.checkEveryCall();
    if (step == StageRollout.CANARY) {
      // storefront (main, OSSM 2) calls catalog and identity (canary, OSSM 3), payments calls
      // notifications, reporting calls catalog: each across control planes.
      assertThat(checked).contains("storefront/web -> catalog/api across control planes",
          "storefront/web -> identity/auth across control planes", "payments/api -> notifications/sender across control planes",
          "reporting/exporter -> catalog/api across control planes");
    }
    assertThat(checked).isNotEmpty();
  }

  @Test
  void callsFromAMovedWaveIntoAnUnmovedOneAreAllowedToo() {
    // The other direction: storefront moves with the canary and calls payments, still on OSSM 2.
    TestProject project = new TestProject(root);
    project.write("templates/overlays/stage/overlay.yaml", StageRollout.overlay(StageRollout.MESH,
        StageRollout.CANARY.rollout().replace("[catalog, identity]", "[catalog, identity, storefront]"), StageRollout.CANARY.istioSchemas()));
    List<String> checked = new CrossWaveCalls(objects(render()), "stage").checkEveryCall();
    assertThat(checked).contains("storefront/web -> payments/api across control planes");
  }

  @Test
  void movingTheMainWaveChangesOnlyItsTenantsAndThePlatformWaveObjects() {
    Set<String> changed = changedFiles(STEPS.get(StageRollout.CANARY), STEPS.get(StageRollout.MAIN));
    Set<String> main = Set.of("ledger", "payments", "reporting", "storefront");
    for (String path : changed) {
      String[] parts = path.split("/");
      boolean tenantOfWave = parts[1].equals("tenants") && main.contains(parts[2]);
      assertThat(tenantOfWave || path.equals("stage/platform/wave-alerts.yaml")).as(path).isTrue();
    }
    // Exactly the namespaces change in the tenant folders: labels, nothing else.
    assertThat(changed).containsExactlyInAnyOrder("stage/platform/wave-alerts.yaml",
        "stage/tenants/ledger/namespace.yaml", "stage/tenants/payments/namespace.yaml",
        "stage/tenants/reporting/namespace.yaml", "stage/tenants/storefront/namespace.yaml");
  }

  @Test
  void movingTheCanaryWaveChangesOnlyItsTenantsAndThePlatformWaveObjects() {
    Set<String> changed = changedFiles(STEPS.get(StageRollout.INSTALLED), STEPS.get(StageRollout.CANARY));
    // The first wave on OSSM 3 brings the platform's wave alerts (and the folder's kustomization lists the file).
    assertThat(changed).containsExactlyInAnyOrder("stage/platform/kustomization.yaml", "stage/platform/wave-alerts.yaml",
        "stage/tenants/catalog/namespace.yaml", "stage/tenants/identity/namespace.yaml",
        "stage/tenants/notifications/namespace.yaml");
  }

  @Test
  void aRevisionBasedWaveMoveWithin3xChangesOnlyThePlatformTagAndAlert() {
    Set<String> changed = changedFiles(upgradeStarted, upgradeCanary);
    assertThat(changed).containsExactlyInAnyOrder("stage/platform/control-plane.yaml", "stage/platform/wave-alerts.yaml");
    MeshState before = MeshState.of("stage", objects(upgradeStarted));
    MeshState after = MeshState.of("stage", objects(upgradeCanary));
    assertThat(before.tags()).isEqualTo(Map.of("canary", "default-v1-30-1", "main", "default-v1-30-1"));
    assertThat(after.tags()).isEqualTo(Map.of("canary", "default-v1-30-3", "main", "default-v1-30-1"));
    WaveChanges changes = WaveChanges.between(before, after);
    assertThat(changes.moves()).singleElement().satisfies(move -> {
      assertThat(move.wave()).isEqualTo("canary");
      assertThat(move.from().display()).isEqualTo("revision default-v1-30-1 (v1.30.1)");
      assertThat(move.to().display()).isEqualTo("revision default-v1-30-3 (v1.30.3)");
      assertThat(move.namespaces()).extracting(MeshState.Namespace::name)
          .containsExactly("catalog-stage", "identity-stage", "notifications-stage");
    });
    // Both revisions stay in use (main still on 1.30.1): nothing to remove yet.
    assertThat(changes.removals()).isEmpty();
    assertThat(new CrossWaveCalls(objects(upgradeCanary), "stage").checkEveryCall())
        .contains("storefront/web -> catalog/api across control planes");
  }

  @ParameterizedTest
  @EnumSource(StageRollout.class)
  void eachMovedWaveHasAnAlertOnItsOwnNamespacesStaleProxies(StageRollout step) {
    SortedMap<String, List<Map<String, Object>>> files = objects(STEPS.get(step));
    Map<String, String> exprs = alertExpressions(files);
    // A wave still on the ServiceMeshControlPlane has nothing to restart yet: no rule.
    assertThat(exprs.keySet()).as(step.name()).containsExactlyElementsOf(switch (step) {
      case INSTALLED -> List.<String>of();
      case CANARY -> List.of("canary");
      case MAIN, CLEANUP -> List.of("canary", "main");
    });
    exprs.forEach((wave, expr) -> {
      assertThat(expr).contains("istio_build{component=\"proxy\", mesh_wave=\"" + wave + "\"");
      assertThat(staleTag(expr, "1.24.6")).as(expr).isFalse();
      assertThat(staleTag(expr, "1.20.8")).as(expr).isTrue();
      assertThat(staleTag(expr, "1.24.60")).as(expr).isTrue();
    });
    // The rule reaches exactly its wave's proxies: each tenant's PodMonitor labels them with its wave.
    Set<String> canary = Set.of("catalog", "identity", "notifications");
    files.forEach((path, objects) -> {
      if (path.startsWith("stage/tenants/") && path.endsWith("/pod-monitor.yaml")) {
        String tenant = path.split("/")[2];
        assertThat(meshWaveLabel(objects.get(0))).as(path).isEqualTo(canary.contains(tenant) ? "canary" : "main");
      }
    });
  }

  @Test
  void aRevisionBasedMoveGivesTheWaveARuleForItsNewVersion() {
    Map<String, String> before = alertExpressions(objects(upgradeStarted));
    Map<String, String> after = alertExpressions(objects(upgradeCanary));
    assertThat(staleTag(before.get("canary"), "1.30.1")).isFalse();
    assertThat(staleTag(after.get("canary"), "1.30.1")).isTrue();
    assertThat(staleTag(after.get("canary"), "1.30.3")).isFalse();
    assertThat(after.get("main")).isEqualTo(before.get("main"));
  }

  /** The stale-proxy expression of each wave's PrometheusRule, by wave. */
  private static Map<String, String> alertExpressions(Map<String, List<Map<String, Object>>> files) {
    Map<String, String> exprs = new TreeMap<>();
    for (Map<String, Object> rule : files.getOrDefault("stage/platform/wave-alerts.yaml", List.of())) {
      assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
      Map<?, ?> group = (Map<?, ?>) ((List<?>) ((Map<?, ?>) rule.get("spec")).get("groups")).get(0);
      Map<?, ?> alert = (Map<?, ?>) ((List<?>) group.get("rules")).get(0);
      exprs.put(String.valueOf(((Map<?, ?>) alert.get("labels")).get("mesh_wave")), String.valueOf(alert.get("expr")));
    }
    return exprs;
  }

  /** Whether a proxy reporting {@code tag} matches the rule's {@code tag!~} (PromQL regexes are anchored). */
  private static boolean staleTag(String expr, String tag) {
    Matcher m = Pattern.compile("tag!~`([^`]*)`").matcher(expr);
    assertThat(m.find()).as(expr).isTrue();
    return !tag.matches(m.group(1));
  }

  private static String meshWaveLabel(Map<String, Object> podMonitor) {
    Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) ((Map<?, ?>) podMonitor.get("spec")).get("podMetricsEndpoints")).get(0);
    return ((List<?>) endpoint.get("relabelings")).stream().map(r -> (Map<?, ?>) r)
        .filter(r -> "mesh_wave".equals(r.get("targetLabel"))).map(r -> String.valueOf(r.get("replacement")))
        .findFirst().orElse(null);
  }

  static SortedMap<String, List<Map<String, Object>>> objects(RenderedTree tree) {
    return WavePlanner.objects(tree);
  }

  private static Set<String> changedFiles(RenderedTree a, RenderedTree b) {
    Set<String> paths = new TreeSet<>(a.files().keySet());
    paths.addAll(b.files().keySet());
    Set<String> changed = new TreeSet<>();
    for (String path : paths) {
      RenderedFile x = a.files().get(path);
      RenderedFile y = b.files().get(path);
      if (x == null || y == null || !CanonicalYaml.write(x).equals(CanonicalYaml.write(y))) {
        changed.add(path);
      }
    }
    return changed;
  }

  static List<String> list(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> l) {
      l.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }
}
