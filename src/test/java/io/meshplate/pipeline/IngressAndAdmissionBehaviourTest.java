package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import io.meshplate.Workspace;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.render.Renderer;
import io.meshplate.testing.TestProject.Run;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the rendered example output does on a cluster at its edge: how outside traffic reaches a
 * tenant, which pods may run in a tenant namespace, and how the gateways behave during drains.
 * Each test evaluates the rendered objects the way the component that reads them would (router,
 * Istio authorization, NetworkPolicy selection, the API server's admission CEL), not their text.
 */
@SuppressWarnings("unchecked")
class IngressAndAdmissionBehaviourTest {
  private static Pipeline.Validated validated;
  private static Map<String, RenderedFile> files;

  @BeforeAll
  static void renderExamples() {
    Pipeline pipeline = new Pipeline(new Workspace(Path.of("").toAbsolutePath()));
    validated = pipeline.validate();
    pipeline.renderInMemory(Selection.ALL, null); // the invariants pass
    files = Renderer.freemarker().render(new Workspace(Path.of("").toAbsolutePath()),
        validated.overlays(), validated.tenants().all(), Set.of(), Set.of()).files();
  }

  // ---- item 1: every ingress host is reachable from outside, through its own gateway only ----

  @Test
  void everyIngressHostIsExposedByAPassthroughRouteToItsOwnGatewaysTlsPort() {
    int routes = 0;
    for (String folder : tenantFolders()) {
      Map<String, Object> gateway = only(folder, "Gateway");
      if (gateway == null) {
        assertThat(objects(folder, "Route")).as(folder + ": no gateway, no Route").isEmpty();
        continue;
      }
      Map<String, Object> service = only(folder, "Service");
      Map<String, Object> selector = map(spec(gateway).get("selector"));
      assertThat(map(spec(service).get("selector"))).isEqualTo(selector);
      Set<String> served = new TreeSet<>();
      for (Object server : list(spec(gateway).get("servers"))) {
        assertThat(map(map(server).get("tls")).get("mode")).isEqualTo("SIMPLE");
        assertThat(map(map(server).get("port")).get("number")).isEqualTo(servicePort(service, "https").get("port"));
        list(map(server).get("hosts")).forEach(h -> served.add(((String) h).substring(2)));
      }
      Set<String> routed = new TreeSet<>();
      for (Map<String, Object> route : objects(folder, "Route")) {
        routes++;
        Map<String, Object> spec = spec(route);
        routed.add((String) spec.get("host"));
        assertThat(map(spec.get("to"))).isEqualTo(Map.of("kind", "Service", "name", name(service)));
        Map<String, Object> port = servicePort(service, (String) map(spec.get("port")).get("targetPort"));
        assertThat(port.get("name")).as("the Route targets the port the Gateway terminates TLS on").isEqualTo("https");
        assertThat(map(spec.get("tls"))).containsEntry("termination", "passthrough")
            .containsEntry("insecureEdgeTerminationPolicy", "Redirect");
        Map<String, Object> routerPolicy = named(folder, "NetworkPolicy", "allow-router-to-gateway");
        assertThat(list(map(list(spec(routerPolicy).get("ingress")).get(0)).get("ports")))
            .as("the router reaches the gateway pods on the Service's target port, and only there")
            .containsExactly(Map.of("port", port.get("targetPort"), "protocol", "TCP"));
      }
      assertThat(routed).as(folder + ": one Route per host the Gateway serves").isEqualTo(served);
    }
    assertThat(routes).as("identity's two hosts and storefront's shop, in four overlays").isEqualTo(12);
  }

  @Test
  void plainHttpIsRedirectedOrRefusedAsThePlatformValueSaysAndAllowIsRefusedWhereItIsSet(@TempDir Path dir) {
    TestProject project = TestProject.copyOf(dir);
    project.edit("templates/base/defaults.yaml", "insecureEdgeTerminationPolicy: Redirect",
        "insecureEdgeTerminationPolicy: None");
    Run render = project.run("render", "--env", "stage", "--tenant", "storefront");
    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(project.read("output/stage/tenants/storefront/route.yaml")).contains("insecureEdgeTerminationPolicy: None");

    project.edit("templates/base/defaults.yaml", "insecureEdgeTerminationPolicy: None",
        "insecureEdgeTerminationPolicy: Allow");
    Run validate = project.run("validate");
    int line = lineOf(project.read("templates/base/defaults.yaml"), "insecureEdgeTerminationPolicy: Allow");
    assertThat(validate.exitCode()).isEqualTo(3);
    assertThat(validate.err()).contains("templates/base/defaults.yaml:" + line + ": VALUES-INVALID: "
        + "ingress.insecureEdgeTerminationPolicy is 'Allow'; a TLS passthrough Route accepts only None or Redirect");
  }

  // ---- item 10: HTTP-only fields never cover a TCP or TLS port ----

  @Test
  void everyAllowRuleWithMethodsOrPathsCoversOnlyHttpPortsAndCallersReachNoOtherPort() {
    for (String folder : tenantFolders()) {
      String overlay = folder.substring(0, folder.indexOf('/'));
      String tenant = folder.split("/")[2];
      TenantSpec spec = validated.overlays().chain(overlay).effectiveSpec(validated.tenants().find(tenant).orElseThrow());
      for (Map<String, Object> policy : objects(folder, "AuthorizationPolicy")) {
        String app = (String) map(map(spec(policy).get("selector")).get("matchLabels")).get("app");
        if (app == null || !"ALLOW".equals(spec(policy).get("action"))) {
          continue;
        }
        TenantSpec.Service service = spec.services().stream().filter(s -> s.name().equals(app)).findFirst().orElseThrow();
        Set<String> httpPorts = service.ports().stream().filter(p -> !Set.of("TCP", "TLS").contains(p.protocol()))
            .map(p -> String.valueOf(p.port())).collect(Collectors.toSet());
        for (Object rule : list(spec(policy).get("rules"))) {
          Map<String, Object> operation = map(map(list(map(rule).get("to")).get(0)).get("operation"));
          if (operation.containsKey("methods") || operation.containsKey("paths")) {
            assertThat(list(operation.get("ports"))).as(folder + " " + name(policy)).isSubsetOf(httpPorts);
          }
        }
      }
    }
    Map<String, Object> callers = named("prod/tenants/identity/", "NetworkPolicy", "allow-auth-from-callers");
    assertThat(list(map(list(spec(callers).get("ingress")).get(0)).get("ports")))
        .as("storefront may only POST to auth's HTTP port, so the TLS admin port stays closed at L4 too")
        .containsExactly(Map.of("port", 8080L, "protocol", "TCP"));
  }

  @Test
  void pathsOnARuleThatReachesATlsPortAreRefusedWithTheirPosition(@TempDir Path dir) {
    TestProject project = TestProject.copyOf(dir);
    String identity = project.read("tenants/identity.yaml").replace("          ports: [http]\n", "");
    project.write("tenants/identity.yaml", identity);

    Run validate = project.run("validate");

    assertThat(validate.exitCode()).isEqualTo(3);
    assertThat(validate.err()).contains("tenants/identity.yaml:" + lineOf(identity, "paths: [/login") + ":11: ALLOW-L7-ON-TCP: "
            + "`paths` cannot apply to port `https-admin` (TLS)")
        .contains("tenants/identity.yaml:" + lineOf(identity, "methods: [POST]") + ":11: ALLOW-L7-ON-TCP: `methods`");
  }

  // ---- item 11: the admin-path trial also covers traffic through the tenant's own gateway ----

  @Test
  void adminPathTrialDeniesCallsThroughTheTenantsOwnGatewayButNotBetweenItsServices() {
    int checked = 0;
    for (String folder : tenantFolders()) {
      Map<String, Object> gatewayService = only(folder, "Service");
      if (!folder.startsWith("dev/") || gatewayService == null) {
        continue;
      }
      String namespace = namespace(gatewayService);
      String gateway = "cluster.local/ns/" + namespace + "/sa/" + name(gatewayService);
      for (Map<String, Object> deny : objects(folder, "AuthorizationPolicy")) {
        if (!"DENY".equals(spec(deny).get("action"))) {
          continue;
        }
        checked++;
        List<Object> sources = list(map(list(spec(deny).get("rules")).get(0)).get("from"));
        assertThat(anySourceMatches(sources, gateway, namespace)).as(name(deny) + ": through the gateway").isTrue();
        assertThat(anySourceMatches(sources, "cluster.local/ns/other-dev/sa/x", "other-dev")).isTrue();
        assertThat(anySourceMatches(sources, "cluster.local/ns/" + namespace + "/sa/web", namespace))
            .as(name(deny) + ": the tenant's own services").isFalse();
      }
    }
    assertThat(checked).as("storefront's web and cart, identity's auth").isEqualTo(3);
  }

  // ---- item 12: no pod in a tenant namespace runs outside the mesh ----

  @Test
  void tenantPodsOutsideTheMeshAreRefusedInEveryOverlayAndInjectedPodsAdmitted() {
    Cel cel = CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar("object", SimpleType.DYN)
        .addCompilerLibraries(CelExtensions.strings()).addRuntimeLibraries(CelExtensions.strings()).build();
    Map<String, Object> injected = pod(Map.of("app", "web", "sidecar.istio.io/inject", "true"), Map.of(), "istio-proxy", null);
    for (String overlay : validated.overlays().names()) {
      String platform = overlay + "/platform/";
      Map<String, Object> policy = only(platform, "ValidatingAdmissionPolicy");
      Map<String, Object> binding = only(platform, "ValidatingAdmissionPolicyBinding");
      assertThat(spec(binding)).containsEntry("policyName", name(policy)).containsEntry("validationActions", List.of("Deny"));
      Map<String, Object> selector = map(map(spec(binding).get("matchResources")).get("namespaceSelector"));
      for (String folder : tenantFolders()) {
        if (folder.startsWith(overlay + "/")) {
          assertThat(selects(selector, map(map(only(folder, "Namespace").get("metadata")).get("labels"))))
              .as(folder + ": its namespace is bound").isTrue();
        }
      }
      assertThat(selects(selector, Map.of("kubernetes.io/metadata.name", "istio-system"))).isFalse();
      assertThat(spec(policy)).containsEntry("failurePolicy", "Fail");

      List<String> expressions = list(spec(policy).get("validations")).stream()
          .map(v -> (String) map(v).get("expression")).toList();
      assertThat(admits(cel, expressions, injected)).as(overlay + ": an injected pod").isTrue();
      assertThat(admits(cel, expressions, pod(Map.of("app", "web", "sidecar.istio.io/inject", "true"), Map.of(), null, "istio-proxy")))
          .as(overlay + ": a pod whose proxy runs as a native sidecar").isTrue();
      assertThat(admits(cel, expressions, pod(Map.of("app", "web"), Map.of(), "istio-proxy", null)))
          .as(overlay + ": no opt-in label (OSSM 2 would not inject it)").isFalse();
      assertThat(admits(cel, expressions, pod(Map.of("app", "web", "sidecar.istio.io/inject", "false"), Map.of(), null, null)))
          .as(overlay + ": opted out").isFalse();
      assertThat(admits(cel, expressions, pod(Map.of("app", "web", "sidecar.istio.io/inject", "true"), Map.of(), null, null)))
          .as(overlay + ": labelled, but the injector did not run").isFalse();
      assertThat(admits(cel, expressions, pod(Map.of("app", "web", "sidecar.istio.io/inject", "true"),
              Map.of("traffic.sidecar.istio.io/excludeOutboundIPRanges", "0.0.0.0/0"), "istio-proxy", null)))
          .as(overlay + ": injected, but egress routed past the sidecar").isFalse();
    }
  }

  @Test
  void externalEgressIsOpenOnlyToPodsTheInjectorMarked() {
    int policies = 0;
    for (String folder : tenantFolders()) {
      Map<String, Object> external = named(folder, "NetworkPolicy", "allow-egress-external");
      if (external != null) {
        policies++;
        assertThat(map(map(spec(external).get("podSelector")).get("matchLabels")))
            .containsExactly(Map.entry("security.istio.io/tlsMode", "istio"));
      }
    }
    assertThat(policies).isPositive();
  }

  // ---- item 14: gateways survive drains, spread over nodes and carry no API token ----

  @Test
  void everyGatewaySurvivesDrainsSpreadsAcrossNodesAndMountsNoApiToken() {
    int gateways = 0;
    for (String folder : tenantFolders()) {
      Map<String, Object> deployment = only(folder, "Deployment");
      if (deployment == null) {
        continue;
      }
      gateways++;
      Map<String, Object> podLabels = map(map(map(spec(deployment).get("template")).get("metadata")).get("labels"));
      Map<String, Object> podSpec = map(map(spec(deployment).get("template")).get("spec"));
      Map<String, Object> budget = only(folder, "PodDisruptionBudget");
      assertThat(budget).as(folder + ": PodDisruptionBudget").isNotNull();
      assertThat(selects(map(spec(budget).get("selector")), podLabels)).isTrue();
      assertThat(spec(budget)).containsEntry("maxUnavailable", 1L).doesNotContainKey("minAvailable")
          .containsEntry("unhealthyPodEvictionPolicy", "AlwaysAllow");

      Map<String, Object> byNode = list(podSpec.get("topologySpreadConstraints")).stream().map(c -> map(c))
          .filter(c -> "kubernetes.io/hostname".equals(c.get("topologyKey"))).findFirst().orElseThrow();
      assertThat(byNode).containsEntry("maxSkew", 1L).containsEntry("whenUnsatisfiable", "DoNotSchedule");
      assertThat(selects(map(byNode.get("labelSelector")), podLabels)).as("the constraint counts the gateway's own pods").isTrue();

      assertThat(podSpec).containsEntry("automountServiceAccountToken", false);
      Map<String, Object> account = named(folder, "ServiceAccount", (String) podSpec.get("serviceAccountName"));
      assertThat(account).containsEntry("automountServiceAccountToken", false);
    }
    assertThat(gateways).isEqualTo(8);
  }

  // ---- helpers: how the components that read these objects evaluate them ----

  /** Istio: a rule's `from` matches when one source matches all its fields. */
  private static boolean anySourceMatches(List<Object> sources, String principal, String namespace) {
    return sources.stream().map(s -> map(map(s).get("source"))).anyMatch(source ->
        (!source.containsKey("principals") || list(source.get("principals")).contains(principal))
            && (!source.containsKey("namespaces") || list(source.get("namespaces")).contains(namespace))
            && !list(source.get("notPrincipals")).contains(principal)
            && !list(source.get("notNamespaces")).contains(namespace));
  }

  /** Kubernetes label selector: matchLabels and the Exists / In operators meshplate uses. */
  private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    for (Map.Entry<String, Object> e : map(selector.get("matchLabels")).entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Object expression : list(selector.get("matchExpressions"))) {
      Map<String, Object> m = map(expression);
      Object value = labels.get(m.get("key"));
      boolean ok = switch ((String) m.get("operator")) {
        case "Exists" -> value != null;
        case "In" -> list(m.get("values")).contains(value);
        default -> throw new AssertionError("operator not modelled: " + m.get("operator"));
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The API server admits the object when every validation expression is true. */
  private static boolean admits(Cel cel, List<String> expressions, Map<String, Object> object) {
    for (String expression : expressions) {
      try {
        if (!Boolean.TRUE.equals(cel.createProgram(cel.compile(expression).getAst()).eval(Map.of("object", object)))) {
          return false;
        }
      } catch (Exception e) {
        throw new AssertionError("CEL failed: " + expression, e);
      }
    }
    return true;
  }

  private static Map<String, Object> pod(Map<String, Object> labels, Map<String, Object> annotations,
      String sidecar, String nativeSidecar) {
    List<Object> containers = new ArrayList<>(List.of(Map.of("name", "web", "image", "registry.example/web:1")));
    if (sidecar != null) {
      containers.add(Map.of("name", sidecar, "image", "registry.example/proxyv2:1"));
    }
    Map<String, Object> spec = new HashMap<>(Map.of("containers", containers));
    if (nativeSidecar != null) {
      spec.put("initContainers", List.of(Map.of("name", nativeSidecar, "restartPolicy", "Always")));
    }
    Map<String, Object> metadata = new HashMap<>(Map.of("name", "web-1", "namespace", "storefront-prod", "labels", labels));
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    return Map.of("apiVersion", "v1", "kind", "Pod", "metadata", metadata, "spec", spec);
  }

  private static List<String> tenantFolders() {
    Set<String> folders = new TreeSet<>();
    files.keySet().stream().filter(p -> p.contains("/tenants/") && !Bundles.isHub(Bundles.folderOf(p)))
        .forEach(p -> folders.add(p.substring(0, p.lastIndexOf('/') + 1)));
    return List.copyOf(folders);
  }

  private static List<Map<String, Object>> objects(String folder, String kind) {
    List<Map<String, Object>> found = new ArrayList<>();
    files.forEach((path, file) -> {
      if (path.startsWith(folder) && path.indexOf('/', folder.length()) < 0) {
        file.objects().stream().filter(o -> kind.equals(o.get("kind"))).forEach(found::add);
      }
    });
    return found;
  }

  private static Map<String, Object> only(String folder, String kind) {
    List<Map<String, Object>> found = objects(folder, kind);
    assertThat(found).as(folder + " " + kind).hasSizeLessThan(2);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Map<String, Object> named(String folder, String kind, String name) {
    return objects(folder, kind).stream().filter(o -> name.equals(name(o))).findFirst().orElse(null);
  }

  private static Map<String, Object> servicePort(Map<String, Object> service, String portName) {
    return list(spec(service).get("ports")).stream().map(p -> map(p)).filter(p -> portName.equals(p.get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no Service port named " + portName));
  }

  private static int lineOf(String text, String needle) {
    int index = text.indexOf(needle);
    assertThat(index).as(needle).isNotNegative();
    return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }

  private static String name(Map<String, Object> object) {
    return (String) map(object.get("metadata")).get("name");
  }

  private static String namespace(Map<String, Object> object) {
    return (String) map(object.get("metadata")).get("namespace");
  }

  private static Map<String, Object> spec(Map<String, Object> object) {
    return map(object.get("spec"));
  }

  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
