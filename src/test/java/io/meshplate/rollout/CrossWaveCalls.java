package io.meshplate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks, on one overlay's rendered objects, that every call a caller declares (its Sidecar lists
 * the callee) and the callee allows (an ALLOW rule names the caller's principal) passes every
 * layer, whichever control plane governs either side:
 * <ol>
 *   <li>identity: the principal's trust domain is that of every control plane of the overlay;
 *   <li>the callee's ALLOW rule and ingress NetworkPolicy admit the caller's namespace on the
 *       rule's ports; the caller's egress NetworkPolicy reaches the callee's pods;
 *   <li>the caller's Sidecar imports the callee host;
 *   <li>both namespaces are discovered by every control plane (ServiceMeshMember, discovery
 *       selectors) and reach the istiod pods of every control plane on 15012 (NetworkPolicy);
 *   <li>both namespaces enforce STRICT mTLS, and every Istio object is written at an apiVersion
 *       every control plane serves (while a ServiceMeshControlPlane runs: Istio 1.20's, per
 *       shared/schemas/SOURCES.md "Served versions").
 * </ol>
 * The flow layers are also evaluated by the connectivity model ({@code meshplate reach},
 * CrossWaveReachTest); this check adds what is particular to two control planes: both istiods
 * reachable, discovery by each, one trust domain, and Istio objects at an API both serve.
 */
final class CrossWaveCalls {
  private static final Set<String> ISTIO_120_SERVED = Set.of("networking.istio.io/v1beta1", "networking.istio.io/v1alpha3",
      "security.istio.io/v1beta1", "telemetry.istio.io/v1alpha1");
  private static final int XDS = 15012;

  private final String overlay;
  private final MeshState state;
  private final Map<String, List<Map<String, Object>>> byNamespace = new TreeMap<>();
  private final List<Map<String, Object>> platform = new ArrayList<>();

  CrossWaveCalls(Map<String, List<Map<String, Object>>> files, String overlay) {
    this.overlay = overlay;
    this.state = MeshState.of(overlay, files);
    files.forEach((path, objects) -> {
      if (!path.startsWith(overlay + "/") || path.contains("/argocd/")) {
        return;
      }
      for (Map<String, Object> object : objects) {
        ObjectKey key = ObjectKey.of(object);
        if (path.startsWith(overlay + "/platform/")) {
          platform.add(object);
        } else {
          String ns = key.kind().equals("Namespace") ? key.name() : key.namespace();
          byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(object);
        }
      }
    });
  }

  /** Checks every declared and allowed call; returns one line per call, saying whether it crosses control planes. */
  List<String> checkEveryCall() {
    List<Map<String, Object>> smcps = platformOf("ServiceMeshControlPlane");
    List<Map<String, Object>> istios = platformOf("Istio");
    assertThat(smcps.size() + istios.size()).as("control planes of " + overlay).isPositive();
    List<String> checked = new ArrayList<>();
    for (String calleeNs : byNamespace.keySet()) {
      for (Map<String, Object> policy : of(calleeNs, "AuthorizationPolicy")) {
        String app = text(map(map(spec(policy), "selector"), "matchLabels"), "app");
        if (app == null || !"ALLOW".equals(text(spec(policy), "action"))) {
          continue;
        }
        for (Object rule : list(spec(policy), "rules")) {
          for (Object from : list(rule, "from")) {
            for (Object principal : list(map(from, "source"), "principals")) {
              String[] parts = String.valueOf(principal).split("/");
              String callerNs = parts[2];
              String callerSa = parts[4];
              if (callerNs.equals(calleeNs) || !byNamespace.containsKey(callerNs) || !calls(callerNs, calleeNs, app)) {
                continue;
              }
              List<Integer> ports = new ArrayList<>();
              for (Object to : list(rule, "to")) {
                list(map(to, "operation"), "ports").forEach(p -> ports.add(Integer.parseInt(String.valueOf(p))));
              }
              String call = tenant(callerNs) + "/" + callerSa + " -> " + tenant(calleeNs) + "/" + app;
              checkCall(call, parts[0], callerNs, calleeNs, app, ports, smcps, istios);
              MeshState.Governor a = state.namespaces().get(callerNs).governor();
              MeshState.Governor b = state.namespaces().get(calleeNs).governor();
              boolean across = a.smcp() != b.smcp() || !a.name().equals(b.name());
              checked.add(call + (across ? " across control planes" : " within one control plane"));
            }
          }
        }
      }
    }
    return checked;
  }

  private void checkCall(String call, String trustDomain, String callerNs, String calleeNs, String app, List<Integer> ports,
      List<Map<String, Object>> smcps, List<Map<String, Object>> istios) {
    for (Map<String, Object> smcp : smcps) {
      String domain = text(map(map(spec(smcp), "security"), "trust"), "domain");
      assertThat(domain == null ? "cluster.local" : domain).as(call + ": SMCP trust domain").isEqualTo(trustDomain);
    }
    for (Map<String, Object> istio : istios) {
      String domain = text(map(map(spec(istio), "values"), "meshConfig"), "trustDomain");
      assertThat(domain == null ? "cluster.local" : domain).as(call + ": Istio trust domain").isEqualTo(trustDomain);
    }
    assertThat(ingressAdmits(calleeNs, app, callerNs, ports)).as(call + ": callee NetworkPolicy admits the caller").isTrue();
    assertThat(egressReaches(callerNs, calleeNs, Map.of("app", app), null)).as(call + ": caller NetworkPolicy reaches the callee").isTrue();
    for (String ns : List.of(callerNs, calleeNs)) {
      for (Map<String, Object> smcp : smcps) {
        String name = ObjectKey.of(smcp).name();
        assertThat(of(ns, "ServiceMeshMember")).as(call + ": " + ns + " is a member of " + name)
            .anyMatch(m -> name.equals(text(map(spec(m), "controlPlaneRef"), "name")));
        assertThat(egressReaches(ns, ObjectKey.of(smcp).namespace(), Map.of("app", "istiod", "istio.io/rev", name, "istio", "pilot"), XDS))
            .as(call + ": " + ns + " reaches istiod of " + name).isTrue();
      }
      for (Map<String, Object> istio : istios) {
        Map<?, ?> labels = labels(of(ns, "Namespace").get(0));
        List<?> selectors = list(map(map(spec(istio), "values"), "meshConfig"), "discoverySelectors");
        assertThat(selectors.isEmpty() || selectors.stream().anyMatch(s -> matches(map(s, "matchLabels"), labels)))
            .as(call + ": Istio discovers " + ns).isTrue();
        for (String revision : revisionsOf(istio)) {
          assertThat(egressReaches(ns, text(spec(istio), "namespace"), Map.of("app", "istiod", "istio.io/rev", revision, "istio", "pilot"), XDS))
              .as(call + ": " + ns + " reaches istiod " + revision).isTrue();
        }
      }
      assertThat(of(ns, "PeerAuthentication")).as(call + ": STRICT mTLS in " + ns)
          .anyMatch(p -> "STRICT".equals(text(map(spec(p), "mtls"), "mode")));
      for (Map<String, Object> object : byNamespace.get(ns)) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        if (!smcps.isEmpty() && apiVersion.contains(".istio.io/")) {
          assertThat(ISTIO_120_SERVED).as(call + ": " + object.get("kind") + " in " + ns + " readable by the Istio 1.20 control plane")
              .contains(apiVersion);
        }
      }
    }
  }

  /** Every revision of this Istio a namespace of the overlay uses (through its tag). */
  private List<String> revisionsOf(Map<String, Object> istio) {
    String prefix = ObjectKey.of(istio).name() + "-";
    List<String> revisions = new ArrayList<>(state.istios().values());
    state.tags().values().stream().filter(r -> r != null && r.startsWith(prefix) && !revisions.contains(r)).forEach(revisions::add);
    return revisions;
  }

  private boolean calls(String callerNs, String calleeNs, String app) {
    String host = calleeNs + "/" + app + "." + calleeNs + ".svc.cluster.local";
    return of(callerNs, "Sidecar").stream().flatMap(s -> list(spec(s), "egress").stream())
        .flatMap(e -> list(e, "hosts").stream()).anyMatch(h -> host.equals(h) || (calleeNs + "/*").equals(h));
  }

  private boolean ingressAdmits(String ns, String app, String fromNs, List<Integer> ports) {
    for (Map<String, Object> policy : of(ns, "NetworkPolicy")) {
      if (!selects(map(spec(policy), "podSelector"), Map.of("app", app)) || !list(spec(policy), "policyTypes").contains("Ingress")) {
        continue;
      }
      for (Object rule : list(spec(policy), "ingress")) {
        boolean namespace = list(rule, "from").stream().anyMatch(peer -> map(peer, "podSelector").isEmpty()
            && fromNs.equals(text(map(map(peer, "namespaceSelector"), "matchLabels"), "kubernetes.io/metadata.name")));
        List<Integer> open = list(rule, "ports").stream().map(p -> Integer.parseInt(String.valueOf(((Map<?, ?>) p).get("port")))).toList();
        if (namespace && (open.isEmpty() || open.containsAll(ports))) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean egressReaches(String ns, String toNs, Map<String, String> podLabels, Integer port) {
    for (Map<String, Object> policy : of(ns, "NetworkPolicy")) {
      if (!map(spec(policy), "podSelector").isEmpty() || !list(spec(policy), "policyTypes").contains("Egress")) {
        continue;
      }
      for (Object rule : list(spec(policy), "egress")) {
        boolean peer = list(rule, "to").stream().anyMatch(to -> toNs.equals(text(map(map(to, "namespaceSelector"), "matchLabels"),
            "kubernetes.io/metadata.name")) && selects(map(to, "podSelector"), podLabels));
        List<?> ports = list(rule, "ports");
        boolean portOk = port == null || ports.isEmpty()
            || ports.stream().anyMatch(p -> String.valueOf(port).equals(String.valueOf(((Map<?, ?>) p).get("port"))));
        if (peer && portOk) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean selects(Map<?, ?> selector, Map<String, String> labels) {
    return matches(map(selector, "matchLabels"), labels) && list(selector, "matchExpressions").isEmpty();
  }

  private static boolean matches(Map<?, ?> matchLabels, Map<?, ?> labels) {
    return matchLabels.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey()))));
  }

  private String tenant(String ns) {
    return state.namespaces().get(ns).tenant();
  }

  private List<Map<String, Object>> of(String ns, String kind) {
    return byNamespace.getOrDefault(ns, List.of()).stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  private List<Map<String, Object>> platformOf(String kind) {
    return platform.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  private static Map<?, ?> labels(Map<String, Object> object) {
    return map(map(object, "metadata"), "labels");
  }

  private static Map<?, ?> spec(Map<String, Object> object) {
    return map(object, "spec");
  }

  private static Map<?, ?> map(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> child ? child : Map.of();
  }

  private static List<?> list(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) instanceof List<?> child ? child : List.of();
  }

  private static String text(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) != null ? String.valueOf(m.get(field)) : null;
  }
}
