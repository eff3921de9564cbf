package io.meshplate.render;

import io.meshplate.overlay.MeshVersions;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.Rollout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The control planes of one overlay and how each tenant namespace joins one of them, worked out
 * once so templates only lay out YAML.
 *
 * <p>Templates see {@code controlPlanes}:
 * <ul>
 *   <li>{@code smcp} ({@code name, namespace, version, managesKiali}): the OSSM 2
 *       ServiceMeshControlPlane, the overlay's own on an OSSM 2 target, or the one a rollout
 *       leaves ({@code rollout.from}); absent when none runs.
 *   <li>{@code istio} ({@code name, namespace, version, activeRevision}): the Sail {@code Istio}
 *       (RevisionBased) on an OSSM 3 or Istio target; absent on OSSM 2.
 *   <li>{@code tags} ({@code name, targetKind, targetName}): the IstioRevisionTags. Without a
 *       rollout one, {@code mesh.revision}, following the Istio's active revision; with a rollout
 *       one per wave, pinned to the revision of the wave's version (a wave still on the
 *       ServiceMeshControlPlane: the active revision it will move to, so the tag exists before it moves).
 *   <li>{@code waves} ({@code name, version, revision, tagVersion}): the rollout's waves on OSSM 3,
 *       with the proxy version their namespaces must report ({@code tagVersion}, a regex on
 *       {@code istio_build}'s {@code tag}); empty without a rollout.
 * </ul>
 * and each tenant {@code membership} ({@code wave, smcp, revision, discovery, ignoreMaistra}).
 *
 * <p>While a ServiceMeshControlPlane runs, Istio objects are written at its API level (v1beta1,
 * Telemetry v1alpha1), which the Istio CRDs of every later release still serve: both control
 * planes read every object.
 */
final class ControlPlaneModel {
  private static final Pattern OSSM2 = Pattern.compile("ossm-2\\.[0-9]+");

  private final OverlayChain chain;
  private final Rollout rollout;
  private final Map<String, Object> smcp;
  private final Map<String, Object> istio;
  private final Map<String, Object> model = new LinkedHashMap<>();

  /** @param versions the version table (which targets are OSSM 2), or null */
  ControlPlaneModel(OverlayChain chain, MeshVersions versions) {
    this.chain = chain;
    this.rollout = Rollout.of(chain).orElse(null);
    String target = String.valueOf(chain.value("mesh", "target"));
    boolean ossm2 = versions != null && versions.target(target) != null ? versions.isOssm2(target)
        : OSSM2.matcher(target).matches();
    String namespace = text("mesh", "controlPlaneNamespace");
    if (ossm2) {
      smcp = smcp(text("mesh", "controlPlaneName"), namespace, text("mesh", "version"), true);
      istio = null;
    } else {
      smcp = rollout == null || rollout.from() == null ? null
          : smcp(rollout.from().controlPlaneName(), namespace, rollout.from().version(), false);
      istio = new LinkedHashMap<>();
      istio.put("name", text("mesh", "controlPlaneName"));
      istio.put("namespace", namespace);
      // Set on every overlay the version table checks; a revision from before the table may lack it.
      String version = text("mesh", "version");
      istio.put("version", version);
      istio.put("activeRevision", version == null ? null : Rollout.revisionName(text("mesh", "controlPlaneName"), version));
    }
    if (smcp != null) {
      model.put("smcp", smcp);
    }
    if (istio != null) {
      model.put("istio", istio);
    }
    model.put("tags", tags());
    model.put("waves", waves());
  }

  /** {@code controlPlanes}, for every template of the overlay. */
  Map<String, Object> model() {
    return model;
  }

  /**
   * How a tenant's namespace joins the mesh: a ServiceMeshMember of {@code smcp} (while one runs:
   * its members are the namespaces it discovers), the revision label {@code revision} when an
   * OSSM 3 revision injects it, the discovery label whenever an Istio runs (its discovery
   * selectors must see every namespace a caller may reach), and {@code maistra.io/ignore-namespace}
   * on namespaces an OSSM 3 revision injects in a rollout overlay, so the OSSM 2 injector never
   * takes their pods as well.
   *
   * @param choice the tenant's {@code spec.upgradeWave} in this overlay, or null
   */
  Map<String, Object> membership(String tenant, String choice) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean ossm3;
    if (rollout != null) {
      Rollout.Wave wave = rollout.waveOf(tenant, choice);
      m.put("wave", wave.name());
      ossm3 = !rollout.onOssm2(wave);
      if (ossm3) {
        m.put("revision", wave.name());
      }
      m.put("ignoreMaistra", ossm3);
    } else {
      ossm3 = istio != null;
      if (ossm3) {
        m.put("revision", text("mesh", "revision"));
      }
      m.put("ignoreMaistra", false);
    }
    if (smcp != null) {
      Map<String, Object> member = new LinkedHashMap<>();   // a stable order for templates that list it
      member.put("name", smcp.get("name"));
      member.put("namespace", smcp.get("namespace"));
      m.put("smcp", member);
    }
    m.put("discovery", istio != null);
    return m;
  }

  private static Map<String, Object> smcp(String name, String namespace, String version, boolean managesKiali) {
    Map<String, Object> smcp = new LinkedHashMap<>();
    smcp.put("name", name);
    smcp.put("namespace", namespace);
    smcp.put("version", version);
    smcp.put("managesKiali", managesKiali);
    return smcp;
  }

  private List<Map<String, Object>> tags() {
    List<Map<String, Object>> tags = new ArrayList<>();
    if (istio == null) {
      return tags;
    }
    if (rollout == null) {
      tags.add(tag(text("mesh", "revision"), "Istio", (String) istio.get("name")));
      return tags;
    }
    for (Rollout.Wave wave : rollout.waves()) {
      String version = rollout.onOssm2(wave) ? (String) istio.get("version") : wave.version();
      tags.add(tag(wave.name(), "IstioRevision", Rollout.revisionName((String) istio.get("name"), version)));
    }
    return tags;
  }

  private List<Map<String, Object>> waves() {
    List<Map<String, Object>> waves = new ArrayList<>();
    if (rollout == null || istio == null) {
      return waves;
    }
    for (Rollout.Wave wave : rollout.waves()) {
      if (rollout.onOssm2(wave)) {
        continue;
      }
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("name", wave.name());
      w.put("version", wave.version());
      w.put("revision", Rollout.revisionName((String) istio.get("name"), wave.version()));
      w.put("tagVersion", proxyTag(wave.version()));
      waves.add(w);
    }
    return waves;
  }

  /**
   * A regex matching the {@code tag} a proxy of {@code version} reports in {@code istio_build}:
   * the version without its {@code v}, dots escaped, and any build suffix after it
   * ({@code v1.24.6} matches {@code 1.24.6} and {@code 1.24.6-ossm}, never {@code 1.24.60}).
   */
  static String proxyTag(String version) {
    String plain = version.startsWith("v") ? version.substring(1) : version;
    return plain.replace(".", "\\.") + "([^0-9].*)?";
  }

  private static Map<String, Object> tag(String name, String kind, String target) {
    Map<String, Object> tag = new LinkedHashMap<>();
    tag.put("name", name);
    tag.put("targetKind", kind);
    tag.put("targetName", target);
    return tag;
  }

  private String text(String section, String key) {
    Object value = chain.value(section, key);
    return value == null ? null : String.valueOf(value);
  }
}
