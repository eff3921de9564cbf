package io.meshplate.rollout;

import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.overlay.Rollout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which control plane governs each tenant namespace of one overlay, read from rendered objects
 * (a render in memory, or the output committed at a Git revision): the overlay's
 * ServiceMeshControlPlanes, Istio revisions and IstioRevisionTags, and per tenant namespace the
 * one that injects it, with the gateways that move with it.
 *
 * @param overlay the overlay
 * @param controlPlaneNamespace where the control planes run ({@code istio-system})
 * @param smcps ServiceMeshControlPlane name to its {@code spec.version}
 * @param istios Istio name to its active revision
 * @param tags IstioRevisionTag name to the revision it points at
 * @param revisionVersions revision name to the Istio version it runs (known for active revisions
 *     and revisions named {@code <istio>-<version>})
 * @param namespaces by namespace name
 * @param alertAfter wave name to the {@code for} of its MeshWaveProxyVersionStale rule
 * @param platformApp the Argo CD Application syncing the platform folder, or null
 * @param tenantApp the name pattern of the Applications syncing tenant folders, with
 *     {@code {{path.basename}}} for the tenant, or null
 */
public record MeshState(
    String overlay,
    String controlPlaneNamespace,
    SortedMap<String, String> smcps,
    SortedMap<String, String> istios,
    SortedMap<String, String> tags,
    SortedMap<String, String> revisionVersions,
    SortedMap<String, Namespace> namespaces,
    SortedMap<String, String> alertAfter,
    String platformApp,
    String tenantApp) {

  static final String REVISION_LABEL = "istio.io/rev";
  static final String IGNORE_LABEL = "maistra.io/ignore-namespace";
  static final String WAVE_RULE_PREFIX = "mesh-wave-";

  /**
   * A tenant namespace and what injects it.
   *
   * @param governor the control plane that injects its pods
   * @param gateways Deployments in it that gateway injection turns into Envoy gateways
   */
  public record Namespace(String name, String tenant, Governor governor, List<String> gateways) {
    public Namespace {
      gateways = List.copyOf(gateways);
    }
  }

  /**
   * A control plane as seen from a namespace.
   *
   * @param smcp a ServiceMeshControlPlane membership (true) or a Sail revision (false)
   * @param name the ServiceMeshControlPlane, or the revision
   * @param tag the IstioRevisionTag the namespace names, or null
   * @param version the version it runs, or null when unknown
   */
  public record Governor(boolean smcp, String name, String tag, String version) {
    /** How people name it: {@code ServiceMeshControlPlane basic (v2.6)}, {@code revision default-v1-24-6 (v1.24.6)}. */
    public String display() {
      return (smcp ? "ServiceMeshControlPlane " : "revision ") + name + (version == null ? "" : " (" + version + ")");
    }

    /** What {@code istioctl ps --revision} takes: the SMCP's name or the revision. */
    public String istioctlRevision() {
      return name;
    }
  }

  public MeshState {
    smcps = Collections.unmodifiableSortedMap(new TreeMap<>(smcps));
    istios = Collections.unmodifiableSortedMap(new TreeMap<>(istios));
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    revisionVersions = Collections.unmodifiableSortedMap(new TreeMap<>(revisionVersions));
    namespaces = Collections.unmodifiableSortedMap(new TreeMap<>(namespaces));
    alertAfter = Collections.unmodifiableSortedMap(new TreeMap<>(alertAfter));
  }

  /** The Argo CD Application syncing a tenant's folder, or null when unknown. */
  public String tenantApp(String tenant) {
    return tenantApp == null ? null : tenantApp.replace("{{path.basename}}", tenant);
  }

  /** Whether the overlay has a control plane at all in these files. */
  public boolean isEmpty() {
    return smcps.isEmpty() && istios.isEmpty();
  }

  /**
   * Reads one overlay's state.
   *
   * @param files output path ({@code stage/tenants/catalog/namespace.yaml}) to its objects
   */
  public static MeshState of(String overlay, Map<String, List<Map<String, Object>>> files) {
    SortedMap<String, String> smcps = new TreeMap<>();
    SortedMap<String, String> istios = new TreeMap<>();
    SortedMap<String, String> revisionVersions = new TreeMap<>();
    SortedMap<String, Map<?, ?>> tagTargets = new TreeMap<>();
    SortedMap<String, String> alertAfter = new TreeMap<>();
    List<Map<String, Object>> namespaceObjects = new ArrayList<>();
    Map<String, String> tenantOfNamespace = new TreeMap<>();
    Map<String, List<String>> members = new TreeMap<>();
    Map<String, List<String>> gateways = new TreeMap<>();
    String controlPlaneNamespace = "";
    List<Map<String, Object>> apps = new ArrayList<>();
    // A review's sides are sorted by path: only the overlay's own range, not every file of each overlay.
    Map<String, List<Map<String, Object>>> candidates = files instanceof SortedMap<String, List<Map<String, Object>>> sorted
        ? sorted.subMap(overlay + "/", overlay + "/" + Character.MAX_VALUE) : files;
    for (Map.Entry<String, List<Map<String, Object>>> file : candidates.entrySet()) {
      String path = file.getKey();
      if (!Bundles.overlayOf(path).equals(overlay)) {
        continue;
      }
      if (Bundles.isHub(Bundles.folderOf(path))) {
        if (Bundles.folderOf(path).equals(overlay + "/platform/" + Bundles.HUB)) {
          for (Map<String, Object> object : file.getValue()) {
            apps.add(object);
          }
        }
        continue;
      }
      String tenant = Bundles.tenantOf(path);
      for (Map<String, Object> object : file.getValue()) {
        ObjectKey key = ObjectKey.of(object);
        Map<?, ?> spec = map(object, "spec");
        if (tenant == null) {
          switch (key.group() + "/" + key.kind()) {
            case "maistra.io/ServiceMeshControlPlane" -> {
              smcps.put(key.name(), text(spec, "version"));
              controlPlaneNamespace = key.namespace();
            }
            case "sailoperator.io/Istio" -> {
              String version = text(spec, "version");
              boolean revisionBased = "RevisionBased".equals(text(map(spec, "updateStrategy"), "type"));
              String revision = revisionBased && version != null ? Rollout.revisionName(key.name(), version) : key.name();
              istios.put(key.name(), revision);
              revisionVersions.put(revision, version);
              controlPlaneNamespace = String.valueOf(text(spec, "namespace"));
            }
            case "sailoperator.io/IstioRevisionTag" -> tagTargets.put(key.name(), map(spec, "targetRef"));
            case "monitoring.coreos.com/PrometheusRule" -> {
              if (key.name().startsWith(WAVE_RULE_PREFIX)) {
                alertAfter.put(key.name().substring(WAVE_RULE_PREFIX.length()), alertFor(spec));
              }
            }
            default -> { }
          }
        } else {
          switch (key.group() + "/" + key.kind()) {
            case "/Namespace" -> {
              namespaceObjects.add(object);
              tenantOfNamespace.put(key.name(), tenant);
            }
            case "maistra.io/ServiceMeshMember" -> members.computeIfAbsent(key.namespace(), k -> new ArrayList<>())
                .add(text(map(spec, "controlPlaneRef"), "name"));
            case "apps/Deployment" -> {
              Map<?, ?> template = map(map(spec, "template"), "metadata");
              if ("gateway".equals(text(map(template, "annotations"), "inject.istio.io/templates"))) {
                gateways.computeIfAbsent(key.namespace(), k -> new ArrayList<>()).add(key.name());
              }
            }
            default -> { }
          }
        }
      }
    }
    SortedMap<String, String> tags = new TreeMap<>();
    tagTargets.forEach((tag, target) -> {
      String name = text(target, "name");
      tags.put(tag, "Istio".equals(text(target, "kind")) ? istios.get(name) : name);
    });
    // A pinned revision <istio>-vX-Y-Z runs vX.Y.Z.
    for (String revision : tags.values()) {
      if (revision != null && !revisionVersions.containsKey(revision)) {
        istios.keySet().stream().filter(i -> revision.startsWith(i + "-v")).findFirst()
            .ifPresent(i -> revisionVersions.put(revision, revision.substring(i.length() + 1).replace('-', '.')));
      }
    }
    SortedMap<String, Namespace> namespaces = new TreeMap<>();
    for (Map<String, Object> object : namespaceObjects) {
      String name = ObjectKey.of(object).name();
      Map<?, ?> labels = map(map(object, "metadata"), "labels");
      Governor governor = null;
      String rev = text(labels, REVISION_LABEL);
      if (rev != null) {
        String revision = tags.getOrDefault(rev, rev);
        governor = new Governor(false, revision, tags.containsKey(rev) ? rev : null, revisionVersions.get(revision));
      } else {
        for (String smcp : members.getOrDefault(name, List.of())) {
          if (smcps.containsKey(smcp) && !"true".equals(text(labels, IGNORE_LABEL))) {
            governor = new Governor(true, smcp, null, smcps.get(smcp));
          }
        }
      }
      namespaces.put(name, new Namespace(name, tenantOfNamespace.get(name), governor,
          gateways.getOrDefault(name, List.of())));
    }
    String platformApp = null;
    String tenantApp = null;
    for (Map<String, Object> app : apps) {
      Map<?, ?> spec = map(app, "spec");
      if ("Application".equals(app.get("kind")) && String.valueOf(text(map(spec, "source"), "path")).endsWith("/" + overlay + "/platform")) {
        platformApp = ObjectKey.of(app).name();
      }
      if ("ApplicationSet".equals(app.get("kind"))) {
        for (Object generator : list(spec, "generators")) {
          for (Object directory : list(map(generator, "git"), "directories")) {
            if (String.valueOf(text(directory, "path")).endsWith("/" + overlay + "/tenants/*")) {
              tenantApp = text(map(map(spec, "template"), "metadata"), "name");
            }
          }
        }
      }
    }
    return new MeshState(overlay, controlPlaneNamespace, smcps, istios, tags, revisionVersions, namespaces, alertAfter,
        platformApp, tenantApp);
  }

  private static String alertFor(Map<?, ?> spec) {
    for (Object group : list(spec, "groups")) {
      for (Object rule : list(group, "rules")) {
        String duration = text(rule, "for");
        if (duration != null) {
          return duration;
        }
      }
    }
    return null;
  }

  static Map<?, ?> map(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> child ? child : Map.of();
  }

  static List<?> list(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) instanceof List<?> child ? child : List.of();
  }

  static String text(Object parent, String field) {
    return parent instanceof Map<?, ?> m && m.get(field) != null ? String.valueOf(m.get(field)) : null;
  }
}
