package io.meshplate.rollout;

import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.MeshTarget;
import io.meshplate.overlay.Overlay;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.Rollout;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.render.Renderer;
import io.meshplate.yaml.CanonicalYaml;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out an overlay's {@link WavePlan}: validates like {@code render}, renders the overlay as
 * it is and as the next step would leave it (in memory), and compares the two. The next step is
 * the first wave, in order, that does not run {@code mesh.version} yet, moved to it; once every
 * wave runs OSSM 3, deleting {@code rollout.from} (the ServiceMeshControlPlane); else nothing.
 */
public final class WavePlanner {
  private final Workspace workspace;
  private final Renderer renderer = Renderer.freemarker();

  public WavePlanner(Workspace workspace) {
    this.workspace = workspace;
  }

  /**
   * @throws UsageException (exit 2) for an unknown overlay
   * @throws io.meshplate.InvalidInputException (3) and {@code GuardrailException} (4) as {@code validate}
   */
  public WavePlan plan(String overlay) {
    Pipeline.Validated validated = new Pipeline(workspace).validate();
    OverlayCatalog catalog = validated.overlays();
    OverlayChain chain = catalog.chain(overlay);
    if (chain == null) {
      throw new UsageException(List.of(new Problem("--env", 0, 0, "UNKNOWN-OVERLAY",
          "no overlay named '" + Messages.escape(overlay) + "'", "known overlays: " + String.join(", ", catalog.names()))));
    }
    List<Tenant> tenants = validated.tenants().all();
    RenderedTree current = renderer.render(workspace, catalog, tenants, Set.of(overlay), Set.of());
    SortedMap<String, List<Map<String, Object>>> now = objects(current);
    MeshState state = MeshState.of(overlay, now);
    Rollout rollout = Rollout.of(chain).orElse(null);
    List<WavePlan.ControlPlane> planes = controlPlanes(chain, rollout, state);
    if (rollout == null) {
      return new WavePlan(overlay, null, planes, List.of(), new WavePlan.NextStep(WavePlan.Kind.NONE,
          "overlay " + overlay + " declares no rollout: every namespace moves together; add rollout.waves to move them in waves",
          List.of(), List.of(), new WaveChanges(List.of(), List.of())));
    }
    List<WavePlan.Wave> waves = waves(chain, rollout, tenants, state);
    String meshVersion = String.valueOf(chain.value("mesh", "version"));
    Map<String, Object> values = Trees.deepCopy(chain.values());
    WavePlan.Kind kind;
    String summary;
    List<WavePlan.Edit> edits = new ArrayList<>();
    int behind = indexBehind(rollout, meshVersion);
    if (behind >= 0) {
      Rollout.Wave wave = rollout.waves().get(behind);
      waveValues(values).get(behind).put("version", meshVersion);
      kind = WavePlan.Kind.MOVE_WAVE;
      summary = "move wave " + wave.name() + " from " + wave.version() + " to " + meshVersion;
      edits.add(lineEdit(chain, "/rollout/waves/" + behind + "/version", "version: " + wave.version(), "version: " + meshVersion));
    } else if (rollout.from() != null) {
      ((Map<?, ?>) values.get("rollout")).remove("from");
      kind = WavePlan.Kind.CLEANUP;
      summary = "every wave runs " + meshVersion + ": remove the ServiceMeshControlPlane " + rollout.from().controlPlaneName()
          + " (delete rollout.from)";
      edits.add(blockDeletion(chain, "/rollout/from"));
      // Once the ServiceMeshControlPlane is gone objects are v1, which its Istio CRDs do not serve.
      String glob = smcpSchemas(catalog, rollout.from());
      int index = chain.validationSchemas().indexOf(glob);
      if (index >= 0) {
        edits.add(lineEdit(chain, "/validation/schemas/" + index, null, ""));
      }
    } else {
      List<WavePlan.Edit> left = leftSchemas(chain, catalog, meshVersion);
      return new WavePlan(overlay, fileOf(chain), planes, waves, new WavePlan.NextStep(WavePlan.Kind.NONE,
          "every wave runs " + meshVersion + " (revision " + Rollout.revisionName(String.valueOf(chain.value("mesh", "controlPlaneName")), meshVersion)
              + "); to upgrade, raise mesh.version (and mesh.target for a new operator release): its revision starts beside this one, then move the waves"
              + (left.isEmpty() ? "" : ". No wave runs the Istio CRDs' minor of the lines below any more: drop them once its revision is gone"
                  + " (istioctl ps --revision lists no proxy)"),
          left, List.of(), new WaveChanges(List.of(), List.of())));
    }
    OverlayChain next = new OverlayChain(chain.overlays(), values, chain.provenance());
    SortedMap<String, OverlayChain> chains = new TreeMap<>(catalog.chains());
    chains.put(overlay, next);
    RenderedTree nextTree = renderer.render(workspace, new OverlayCatalog(catalog.defaults(), chains, catalog.meshVersions()),
        tenants, Set.of(overlay), Set.of());
    SortedMap<String, List<Map<String, Object>>> then = objects(nextTree);
    List<String> changed = changedFiles(current, nextTree);
    return new WavePlan(overlay, fileOf(chain), planes, waves,
        new WavePlan.NextStep(kind, summary, edits, changed, WaveChanges.between(now, then)));
  }

  private static int indexBehind(Rollout rollout, String meshVersion) {
    for (int i = 0; i < rollout.waves().size(); i++) {
      if (!rollout.waves().get(i).version().equals(meshVersion)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> waveValues(Map<String, Object> values) {
    return (List<Map<String, Object>>) ((Map<String, Object>) values.get("rollout")).get("waves");
  }

  private static List<WavePlan.ControlPlane> controlPlanes(OverlayChain chain, Rollout rollout, MeshState state) {
    List<WavePlan.ControlPlane> planes = new ArrayList<>();
    String target = String.valueOf(chain.value("mesh", "target"));
    state.smcps().forEach((name, version) -> planes.add(new WavePlan.ControlPlane("ServiceMeshControlPlane", name,
        state.controlPlaneNamespace(), rollout != null && rollout.from() != null ? rollout.from().target() : target, version, null)));
    state.istios().forEach((name, revision) -> planes.add(new WavePlan.ControlPlane("Istio", name, state.controlPlaneNamespace(),
        target, state.revisionVersions().get(revision), revision)));
    return planes;
  }

  private static List<WavePlan.Wave> waves(OverlayChain chain, Rollout rollout, List<Tenant> tenants, MeshState state) {
    List<WavePlan.Wave> waves = new ArrayList<>();
    for (Rollout.Wave wave : rollout.waves()) {
      List<WavePlan.Tenant> members = new ArrayList<>();
      MeshState.Governor governor = null;
      for (Tenant tenant : tenants) {
        if (!chain.includes(tenant.spec())) {
          continue;
        }
        String choice = chain.effectiveSpec(tenant).upgradeWave();
        if (!rollout.waveOf(tenant.name(), choice).name().equals(wave.name())) {
          continue;
        }
        String by = rollout.assignedWave(tenant.name()).isPresent() ? "platform"
            : choice != null && rollout.wave(choice).isPresent() ? "descriptor" : "default";
        String namespace = chain.namespaceOf(tenant.name());
        MeshState.Namespace ns = state.namespaces().get(namespace);
        if (ns != null && ns.governor() != null) {
          governor = ns.governor();
        }
        members.add(new WavePlan.Tenant(tenant.name(), namespace, by, ns == null ? List.of() : ns.gateways()));
      }
      String revision = state.tags().get(wave.name());
      Set<String> placed = new TreeSet<>();
      tenants.stream().filter(t -> chain.includes(t.spec())).forEach(t -> placed.add(t.name()));
      waves.add(new WavePlan.Wave(wave.name(), wave.version(),
          governor != null ? governor.display() : rollout.onOssm2(wave) ? "ServiceMeshControlPlane " + rollout.from().controlPlaneName()
              + " (" + wave.version() + ")" : "revision " + revision + " (" + wave.version() + ")",
          rollout.onOssm2(wave) ? null : wave.name(), rollout.onOssm2(wave) ? null : revision, members,
          wave.tenants().stream().filter(t -> !placed.contains(t)).sorted().toList()));
    }
    return waves;
  }

  /** The objects of every rendered file (templates' output, not generated kustomizations), by path. */
  static SortedMap<String, List<Map<String, Object>>> objects(RenderedTree tree) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    tree.files().forEach((path, file) -> {
      if (file.template() != null) {
        files.put(path, file.objects());
      }
    });
    return files;
  }

  private static List<String> changedFiles(RenderedTree before, RenderedTree after) {
    Set<String> paths = new TreeSet<>(before.files().keySet());
    paths.addAll(after.files().keySet());
    List<String> changed = new ArrayList<>();
    for (String path : paths) {
      RenderedFile a = before.files().get(path);
      RenderedFile b = after.files().get(path);
      if (a == null || b == null || !CanonicalYaml.write(a).equals(CanonicalYaml.write(b))) {
        changed.add(path);
      }
    }
    return changed;
  }

  /** The overlay file of the chain that declares the rollout's waves (the most specific one). */
  private static String fileOf(OverlayChain chain) {
    for (int i = chain.overlays().size() - 1; i >= 0; i--) {
      if (chain.overlays().get(i).positions().contains("/values/rollout")) {
        return chain.overlays().get(i).file();
      }
    }
    return chain.overlays().get(chain.overlays().size() - 1).file();
  }

  /**
   * Deletions of the schema globs of older minors no wave runs any more (MESH-SCHEMAS-MISMATCH lets a
   * rollout keep them while the old revision's last proxies restart); empty when there are none.
   */
  private List<WavePlan.Edit> leftSchemas(OverlayChain chain, OverlayCatalog catalog, String meshVersion) {
    List<WavePlan.Edit> edits = new ArrayList<>();
    if (catalog.meshVersions() == null) {
      return edits;
    }
    var target = catalog.meshVersions().target(chain.value("mesh", "target"));
    String minor = target == null ? null : target.istioMinorOf(meshVersion).orElse(null);
    List<String> globs = chain.validationSchemas();
    for (int i = 0; i < globs.size(); i++) {
      for (var entry : catalog.meshVersions().istioSchemas().entrySet()) {
        if (entry.getValue().equals(globs.get(i)) && minor != null && !entry.getKey().equals(minor)) {
          edits.add(lineEdit(chain, "/validation/schemas/" + i, null, ""));
        }
      }
    }
    return edits;
  }

  /** The Istio CRD glob of the ServiceMeshControlPlane's minor, or null. */
  private static String smcpSchemas(OverlayCatalog catalog, Rollout.From from) {
    MeshTarget target = catalog.meshVersions() == null ? null : catalog.meshVersions().target(from.target());
    if (target == null) {
      return null;
    }
    return target.istioMinorOf(from.version()).map(catalog.meshVersions().istioSchemas()::get).orElse(null);
  }

  /** Replaces {@code before} by {@code after} on the line of {@code pointer}; a null {@code before} with an empty {@code after} deletes it. */
  private WavePlan.Edit lineEdit(OverlayChain chain, String pointer, String before, String after) {
    Overlay overlay = declaring(chain, pointer);
    int line = overlay.positions().value("/values" + pointer).line();
    String text = line(overlay, line).strip();
    return new WavePlan.Edit(overlay.file(), line, 1, text, before == null ? after : text.replace(before, after));
  }

  private WavePlan.Edit blockDeletion(OverlayChain chain, String pointer) {
    Overlay overlay = declaring(chain, pointer);
    SourceMap positions = overlay.positions();
    int first = positions.key("/values" + pointer).line();
    int last = first;
    for (String key : List.of("target", "version", "controlPlaneName")) {
      if (positions.contains("/values" + pointer + "/" + key)) {
        last = Math.max(last, positions.value("/values" + pointer + "/" + key).line());
      }
    }
    return new WavePlan.Edit(overlay.file(), first, last - first + 1, line(overlay, first).strip(), "");
  }

  private static Overlay declaring(OverlayChain chain, String pointer) {
    for (int i = chain.overlays().size() - 1; i >= 0; i--) {
      if (chain.overlays().get(i).positions().contains("/values" + pointer)) {
        return chain.overlays().get(i);
      }
    }
    return chain.overlays().get(chain.overlays().size() - 1);
  }

  private String line(Overlay overlay, int line) {
    try {
      List<String> lines = Files.readAllLines(workspace.root().resolve(overlay.file()));
      return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
