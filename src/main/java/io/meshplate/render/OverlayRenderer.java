package io.meshplate.render;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.Sha256;
import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedFolder;
import io.meshplate.overlay.MeshVersions;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.OverlayPatches;
import io.meshplate.overlay.PatchResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders the folders of one overlay, one folder at a time and from any number of threads: the
 * platform folder and one folder per tenant that renders to the overlay. Templates are loaded
 * (and FreeMarker started) on the first render, so a run whose folders all come from the cache
 * never loads them; overlay patches are parsed once.
 */
public final class OverlayRenderer {
  static final String KUSTOMIZATION = "kustomization.yaml";

  private final Workspace workspace;
  private final OverlayChain chain;
  private final TemplateSet templates;
  private final ModelBuilder models;
  private final SortedMap<String, Tenant> present = new TreeMap<>();
  private final OverlayPatches patches;
  private final List<Problem> patchProblems;
  private volatile TemplateRunner runner;
  private final List<Problem> loadProblems = new ArrayList<>();
  private volatile byte[] templateDigest;

  private OverlayRenderer(Workspace workspace, OverlayChain chain, List<Tenant> tenants,
      MeshVersions versions) {
    this.workspace = workspace;
    this.chain = chain;
    this.templates = TemplateSet.of(workspace, chain);
    for (Tenant tenant : tenants) {
      if (chain.includes(tenant.spec())) {
        present.put(tenant.name(), tenant);
      }
    }
    this.models = new ModelBuilder(chain, present.keySet(), versions);
    OverlayPatches parsed = null;
    List<Problem> problems = List.of();
    try {
      parsed = OverlayPatches.of(chain, Set.of());
    } catch (InvalidInputException e) {
      problems = e.problems();
    }
    this.patches = parsed;
    this.patchProblems = problems;
  }

  /**
   * @param tenants every tenant of the workspace (validated): those that render to the overlay
   *     are its folders, and peers are looked up among them
   * @param versions the mesh version table, or null
   */
  public static OverlayRenderer of(Workspace workspace, OverlayChain chain, List<Tenant> tenants,
      MeshVersions versions) {
    return new OverlayRenderer(workspace, chain, tenants, versions);
  }

  public String overlay() {
    return chain.name();
  }

  /**
   * The folders to render, in path order: the platform folder (only without a tenant filter)
   * and each tenant rendering to this overlay that the filter names (empty: all).
   */
  public List<FolderId> folders(Set<String> tenantFilter) {
    List<FolderId> folders = new ArrayList<>();
    if (tenantFilter.isEmpty()) {
      folders.add(FolderId.platform(chain.name()));
    }
    for (String tenant : present.keySet()) {
      if (tenantFilter.isEmpty() || tenantFilter.contains(tenant)) {
        folders.add(new FolderId(chain.name(), tenant));
      }
    }
    return folders;
  }

  /**
   * Template files that are links or special files, and syntax errors found when the templates
   * were loaded (exit 5); the latter are empty before.
   */
  public List<Problem> templateProblems() {
    List<Problem> problems = new ArrayList<>(templates.refused());
    synchronized (loadProblems) {
      problems.addAll(loadProblems);
    }
    return List.copyOf(problems);
  }

  /** Overlay patches, labels or annotations that do not parse (exit 3). */
  public List<Problem> patchProblems() {
    return patchProblems;
  }

  /**
   * Feeds everything the folder's files depend on into {@code digest}: the folder, the template
   * model (the tenant's effective spec, the peers it allows and calls that render here, platform
   * values), and every template and overlay file of the chain. Equal digests mean equal files.
   * The platform part of the model derives from the chain's files alone, which the template
   * digest covers, so it is digested once per overlay.
   */
  public void digestInputs(FolderId folder, MessageDigest digest) {
    digest.update(folder.path().getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(templateDigest());
    if (!folder.isPlatform()) {
      Tenant tenant = present.get(folder.tenant());
      ModelDigest.add(digest, models.tenantOnly(tenant.name(), tenant.file(), chain.effectiveSpec(tenant)));
    }
  }

  private byte[] templateDigest() {
    byte[] known = templateDigest;
    if (known == null) {
      MessageDigest digest = Sha256.digest();
      templates.digest(workspace, digest);
      ModelDigest.add(digest, models.platform());
      known = digest.digest();
      templateDigest = known;
    }
    return known;
  }

  private Map<String, Object> model(FolderId folder) {
    if (folder.isPlatform()) {
      return models.platform();
    }
    Tenant tenant = present.get(folder.tenant());
    return models.tenant(tenant.name(), tenant.file(), chain.effectiveSpec(tenant));
  }

  /**
   * Renders one folder: templates, parse back, overlay patches, kustomization.yaml; then its hub
   * sub-folder ({@link Bundles#HUB}) from the same model plus what the folder holds after patches
   * (the Argo CD project whitelists exactly what is synced), patched and with its own
   * kustomization.yaml. The parent's kustomization never lists the hub sub-folder.
   */
  public FolderRender render(FolderId folder) {
    Tenant tenant = folder.isPlatform() ? null : present.get(folder.tenant());
    String source = tenant == null ? null : tenant.file();
    Map<String, Object> model = model(folder);
    String context = tenant == null ? "platform, overlay " + chain.name() : "tenant " + tenant.name() + ", overlay " + chain.name();
    List<Problem> templateProblems = new ArrayList<>();
    TreeSet<String> kinds = new TreeSet<>();
    List<Problem> patchFailures = new ArrayList<>();
    BitSet matched = new BitSet();
    List<RenderedFile> files = renderTemplates(folder.path(), folder, source, model, context,
        folder.isPlatform() ? templates.platformTemplates() : templates.tenantTemplates(), kinds, templateProblems);
    if (templateProblems.isEmpty() && patches != null) {
      files = patch(files, source, folder, matched, patchFailures);
    }
    List<RenderedFile> all = new ArrayList<>(files);
    if (!files.isEmpty()) {
      all.add(kustomization(folder.path(), folder, source, files));
    }
    if (templateProblems.isEmpty()) {
      List<Map<String, Object>> objects = new ArrayList<>();
      files.forEach(f -> objects.addAll(f.objects()));
      String hub = folder.path() + "/" + Bundles.HUB;
      List<RenderedFile> hubFiles = renderTemplates(hub, folder, source, ModelBuilder.withBundle(model, objects),
          context + ", " + Bundles.HUB,
          folder.isPlatform() ? templates.platformHubTemplates() : templates.tenantHubTemplates(), kinds, templateProblems);
      if (templateProblems.isEmpty() && patches != null) {
        hubFiles = patch(hubFiles, source, folder, matched, patchFailures);
      }
      all.addAll(hubFiles);
      if (!hubFiles.isEmpty()) {
        all.add(kustomization(hub, folder, source, hubFiles));
      }
    }
    all.sort(Comparator.comparing(RenderedFile::path));
    return new FolderRender(new RenderedFolder(folder, all), templateProblems, patchFailures,
        new PatchFacts(kinds, matched));
  }

  /** Runs templates into the files of one output folder ({@code path}); each object once per folder. */
  private List<RenderedFile> renderTemplates(String path, FolderId folder, String source, Map<String, Object> model,
      String context, List<String> names, TreeSet<String> kinds, List<Problem> templateProblems) {
    TemplateRunner run = runner();
    List<RenderedFile> files = new ArrayList<>();
    Map<ObjectKey, String> seen = new LinkedHashMap<>();
    for (String name : names) {
      List<Map<String, Object>> objects = run.run(name, model, context, templateProblems);
      if (objects.isEmpty()) {
        continue;
      }
      for (Map<String, Object> object : objects) {
        ObjectKey key = ObjectKey.of(object);
        kinds.add(key.kind());
        String previous = seen.putIfAbsent(key, name);
        if (previous != null) {
          templateProblems.add(new Problem(templates.display(workspace, name), 0, 0, "TEMPLATE-DUPLICATE-OBJECT",
              key.display() + " is rendered twice into " + path + " (also by " + previous + ")",
              "give each object a unique name"));
        }
      }
      files.add(new RenderedFile(path + "/" + TemplateSet.outputName(name), chain.name(),
          folder.tenant(), source, name, chain.names(), objects));
    }
    return files;
  }

  /** Applies the overlay's patches to each file; a file whose objects were all deleted goes. */
  private List<RenderedFile> patch(List<RenderedFile> files, String source, FolderId folder, BitSet matched,
      List<Problem> failures) {
    List<RenderedFile> patched = new ArrayList<>();
    for (RenderedFile file : files) {
      PatchResult result;
      try {
        result = patches.apply(file.objects());
      } catch (InvalidInputException e) {
        failures.addAll(e.problems());
        continue;
      }
      matched.or(patches.matched(result));
      if (result.objects().isEmpty()) {
        continue;
      }
      List<Map<String, Object>> objects = new ArrayList<>(result.objects());
      ObjectKey.sort(objects);
      patched.add(new RenderedFile(file.path(), chain.name(), folder.tenant(), source, file.template(),
          chain.names(), objects, result.originsByObject()));
    }
    return patched;
  }

  private RenderedFile kustomization(String path, FolderId folder, String source, List<RenderedFile> files) {
    List<String> resources = new ArrayList<>();
    for (RenderedFile file : files) {
      resources.add(file.path().substring(path.length() + 1));
    }
    resources.sort(Comparator.naturalOrder());
    Map<String, Object> kustomization = new LinkedHashMap<>();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    kustomization.put("resources", resources);
    return new RenderedFile(path + "/" + KUSTOMIZATION, chain.name(), folder.tenant(), source, null,
        chain.names(), List.of(kustomization));
  }

  /**
   * The overlay-wide patch checks, once every folder of a whole render is done: every target
   * kind is one some folder rendered ({@code OVERLAY-TARGET-KIND}), and every patch not marked
   * optional selected something somewhere ({@code OVERLAY-PATCH-NO-MATCH}). A render of some
   * tenants only cannot tell (the storefront's gateway patch selects nothing in the payments
   * folder), so it does not call this.
   *
   * @param kinds the kinds rendered, before patches, over all folders
   * @param matched the patches that selected something, over all folders
   */
  public List<Problem> checkPatches(Set<String> kinds, BitSet matched) {
    if (patches == null) {
      return List.of();
    }
    try {
      OverlayPatches.of(chain, kinds);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    return patches.unmatched(matched);
  }

  private TemplateRunner runner() {
    TemplateRunner known = runner;
    if (known == null) {
      synchronized (loadProblems) {
        known = runner;
        if (known == null) {
          known = new TemplateRunner(workspace, templates, loadProblems);
          runner = known;
        }
      }
    }
    return known;
  }
}
