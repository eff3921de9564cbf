package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Telemetry does what it says. In every overlay whose control plane is rendered: a selector-less
 * Telemetry in the root namespace enables metrics through a provider, so istio_requests_total
 * exists for the alerts and Kiali (on OSSM 2 nothing else produces it once the SMCP's
 * Prometheus add-on is off: maistra/istio-operator pkg/apis/maistra/conversion/prometheus.go);
 * every tracing entry of every Telemetry of the overlay names a tracing provider the control
 * plane declares (or the mesh has a default one), since sampling without a provider reports no
 * span (istio pilot/pkg/networking/core/tracing.go); every provider a Telemetry names exists:
 * declared in meshConfig.extensionProviders, or one of Istio's built-in `prometheus`,
 * `stackdriver`, `envoy` (istio pkg/config/mesh/mesh.go DefaultMeshConfig).
 */
final class RequireMeshTelemetry implements TreeInvariant {
  private static final Set<String> BUILT_IN = Set.of("prometheus", "stackdriver", "envoy");
  private static final Set<String> TRACERS = Set.of("opentelemetry", "zipkin", "datadog", "skywalking", "lightstep");

  @Override
  public String rule() {
    return "INV-MESH-TELEMETRY";
  }

  @Override
  public void check(TreeView objects, List<Problem> problems) {
    Map<String, List<PlacedObject>> telemetries = new HashMap<>();
    for (PlacedObject placed : objects.all) {
      if (placed.is("telemetry.istio.io", "Telemetry")) {
        telemetries.computeIfAbsent(placed.file().overlay(), o -> new ArrayList<>()).add(placed);
      }
    }
    // Every control plane of an overlay reads every Telemetry (beside each other during a
    // rollout), so each one must declare what they name.
    ControlPlanes.of(objects.all).forEach((overlay, planes) -> planes.forEach(plane -> {
      Set<String> declared = new TreeSet<>(BUILT_IN);
      Set<String> tracers = new TreeSet<>();
      for (Object provider : PlacedObject.Fields.list(plane.meshConfig(), "extensionProviders")) {
        String name = PlacedObject.Fields.text(provider, "name");
        declared.add(name);
        if (provider instanceof Map<?, ?> p && p.keySet().stream().anyMatch(TRACERS::contains)) {
          tracers.add(name);
        }
      }
      boolean defaultTracer = !PlacedObject.Fields.list(PlacedObject.Fields.map(plane.meshConfig(), "defaultProviders"), "tracing").isEmpty();
      boolean metrics = false;
      for (PlacedObject placed : telemetries.getOrDefault(overlay, List.of())) {
        if (placed.key().namespace().equals(plane.rootNamespace()) && BaselineInvariant.namespaceWide(placed)) {
          metrics |= PlacedObject.Fields.list(placed.spec(), "metrics").stream()
              .anyMatch(m -> !providers(m).isEmpty() && declared.containsAll(providers(m)));
        }
        for (String field : List.of("metrics", "accessLogging", "tracing")) {
          for (Object entry : PlacedObject.Fields.list(placed.spec(), field)) {
            for (String name : providers(entry)) {
              if (!declared.contains(name) || field.equals("tracing") && !tracers.contains(name)) {
                problems.add(placed.problem(rule(), field + " names provider '" + Messages.escape(name)
                        + "', which the control plane does not declare" + (field.equals("tracing") ? " as a tracer" : ""),
                    "declare it in meshConfig.extensionProviders of " + plane.object().key().display()));
              }
            }
            if (field.equals("tracing") && providers(entry).isEmpty() && !defaultTracer
                && !(entry instanceof Map<?, ?> e && Boolean.TRUE.equals(e.get("disableSpanReporting")))) {
              problems.add(placed.problem(rule(), "tracing names no provider and the mesh has no default tracer, "
                  + "so its sampling reports no span", "name the mesh's tracing provider (env.telemetry.tracing.provider)"));
            }
          }
        }
      }
      if (!metrics) {
        problems.add(plane.object().problem(rule(), "no selector-less Telemetry in the root namespace "
                + Messages.escape(plane.rootNamespace()) + " enables metrics, so no istio_requests_total is produced",
            "render a root Telemetry with metrics: [{providers: [{name: prometheus}]}]"));
      }
    }));
  }

  private static List<String> providers(Object entry) {
    return PlacedObject.Fields.list(entry, "providers").stream()
        .map(p -> String.valueOf(PlacedObject.Fields.text(p, "name"))).toList();
  }
}
