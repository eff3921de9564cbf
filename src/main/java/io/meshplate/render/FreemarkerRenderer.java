package io.meshplate.render;

import io.meshplate.Problem;
import io.meshplate.TemplateFailureException;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.OverlayPatches;
import io.meshplate.overlay.PatchResult;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@link Renderer} on FreeMarker: one engine per overlay chain, tenants rendered in name order. */
final class FreemarkerRenderer implements Renderer {
  static final String KUSTOMIZATION = "kustomization.yaml";

  @Override
  public RenderedTree render(Workspace workspace, OverlayCatalog catalog, List<Tenant> tenants,
      Set<String> overlayFilter, Set<String> tenantFilter) {
    List<Tenant> sorted = new ArrayList<>(tenants);
    sorted.sort(Comparator.comparing(Tenant::name));
    checkFilters(catalog, sorted, overlayFilter, tenantFilter);
    List<Problem> problems = new ArrayList<>();
    SortedMap<String, RenderedFile> files = new TreeMap<>();
    for (OverlayChain chain : catalog.chains().values()) {
      if (!overlayFilter.isEmpty() && !overlayFilter.contains(chain.name())) {
        continue;
      }
      renderOverlay(workspace, catalog, chain, sorted, tenantFilter, problems, files);
    }
    if (!problems.isEmpty()) {
      throw new TemplateFailureException(problems);
    }
    return new RenderedTree(files);
  }

  private static void renderOverlay(Workspace workspace, OverlayCatalog catalog, OverlayChain chain, List<Tenant> tenants,
      Set<String> tenantFilter, List<Problem> problems, SortedMap<String, RenderedFile> files) {
    TemplateSet templates = TemplateSet.of(workspace, chain);
    TemplateRunner runner = new TemplateRunner(workspace, templates, problems);
    Set<String> present = new HashSet<>();
    for (Tenant tenant : tenants) {
      if (chain.includes(tenant.spec())) {
        present.add(tenant.name());
      }
    }
    ModelBuilder models = new ModelBuilder(chain, present, catalog.meshVersions());
    String overlay = chain.name();
    List<Folder> folders = new ArrayList<>();
    if (tenantFilter.isEmpty()) {
      folders.add(new Folder(overlay + "/platform", overlay, null, null, chain.names(), models.platform(),
          "platform, overlay " + overlay, templates.platformTemplates(), templates.platformHubTemplates()));
    }
    List<Tenant> selected = tenants.stream()
        .filter(t -> present.contains(t.name()) && (tenantFilter.isEmpty() || tenantFilter.contains(t.name())))
        .toList();
    // Tenants are independent: build and render them in parallel, then collect in name order.
    folders.addAll(selected.parallelStream().map(tenant -> new Folder(overlay + "/tenants/" + tenant.name(),
        overlay, tenant.name(), tenant.file(), chain.names(),
        models.tenant(tenant.name(), tenant.file(), chain.effectiveSpec(tenant)),
        "tenant " + tenant.name() + ", overlay " + overlay, templates.tenantTemplates(),
        templates.tenantHubTemplates())).toList());
    folders.parallelStream().forEach(f -> f.render(workspace, templates, runner));
    folders.forEach(f -> problems.addAll(f.problems));
    if (!problems.isEmpty()) {
      return;
    }
    // Overlay patches apply to every file; their targets are checked against the kinds actually
    // rendered once the hub folders exist too, and a patch must select something somewhere in the
    // overlay. A render limited to some tenants cannot tell (the storefront's gateway patch
    // selects nothing in the payments folder): there only the whole render checks targets.
    OverlayPatches patches = OverlayPatches.of(chain, Set.of());
    List<PatchResult> results = new ArrayList<>(folders.parallelStream().flatMap(f -> f.patch(patches).stream()).toList());
    // A hub folder describes its folder as patched (the project whitelists exactly what is synced).
    List<Folder> hubs = folders.parallelStream().map(f -> f.hub(workspace, templates, runner)).toList();
    hubs.forEach(f -> problems.addAll(f.problems));
    if (!problems.isEmpty()) {
      return;
    }
    results.addAll(hubs.parallelStream().flatMap(f -> f.patch(patches).stream()).toList());
    if (tenantFilter.isEmpty()) {
      Set<String> kinds = new java.util.TreeSet<>();
      for (List<Folder> list : List.of(folders, hubs)) {
        list.forEach(f -> f.renderedKinds.forEach(kinds::add));
      }
      OverlayPatches.of(chain, kinds); // targets naming a kind nothing renders: exit 3
      patches.requireMatched(results);
    }
    for (List<Folder> list : List.of(folders, hubs)) {
      list.forEach(f -> f.finish(files));
    }
  }

  private static void checkFilters(
      OverlayCatalog catalog, List<Tenant> tenants, Set<String> overlayFilter, Set<String> tenantFilter) {
    List<Problem> problems = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(overlayFilter)) {
      if (catalog.chain(name) == null) {
        problems.add(new Problem("--env", 0, 0, "UNKNOWN-OVERLAY",
            "no overlay named '" + Messages.escape(name) + "'", "known overlays: " + String.join(", ", catalog.names())));
      }
    }
    Set<String> names = new HashSet<>();
    tenants.forEach(t -> names.add(t.name()));
    for (String name : new java.util.TreeSet<>(tenantFilter)) {
      if (!names.contains(name)) {
        problems.add(new Problem("--tenant", 0, 0, "UNKNOWN-TENANT",
            "no tenant named '" + Messages.escape(name) + "'", "tenants are the files in tenants/"));
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  /** The files of one output folder, plus its kustomization.yaml. */
  private static final class Folder {
    private final String path;
    private final String overlay;
    private final String tenant;
    private final String source;
    private final List<String> chain;
    private final Map<String, Object> model;
    private final String context;
    private final List<String> templateNames;
    private final List<String> hubTemplateNames;
    private final List<RenderedFile> files = new ArrayList<>();
    private final Map<ObjectKey, String> seen = new LinkedHashMap<>();
    /** Kinds the templates rendered here, before overlay patches: what a patch target may name. */
    final Set<String> renderedKinds = new java.util.TreeSet<>();
    final List<Problem> problems = new ArrayList<>();

    Folder(String path, String overlay, String tenant, String source, List<String> chain, Map<String, Object> model,
        String context, List<String> templateNames, List<String> hubTemplateNames) {
      this.path = path;
      this.overlay = overlay;
      this.tenant = tenant;
      this.source = source;
      this.chain = chain;
      this.model = model;
      this.context = context;
      this.templateNames = templateNames;
      this.hubTemplateNames = hubTemplateNames;
    }

    void render(Workspace workspace, TemplateSet templates, TemplateRunner runner) {
      for (String name : templateNames) {
        add(name, templates.display(workspace, name), runner.run(name, model, context, problems));
      }
    }

    /** The hub sub-folder, rendered from this folder's model and patched objects. */
    Folder hub(Workspace workspace, TemplateSet templates, TemplateRunner runner) {
      List<Map<String, Object>> objects = new ArrayList<>();
      files.forEach(f -> objects.addAll(f.objects()));
      Folder hub = new Folder(path + "/" + Bundles.HUB, overlay, tenant, source, chain,
          ModelBuilder.withBundle(model, objects), context + ", " + Bundles.HUB, hubTemplateNames, List.of());
      hub.render(workspace, templates, runner);
      return hub;
    }

    private void add(String template, String templateFile, List<Map<String, Object>> objects) {
      if (objects.isEmpty()) {
        return;
      }
      checkUnique(template, templateFile, objects);
      objects.forEach(o -> renderedKinds.add(String.valueOf(o.get("kind"))));
      files.add(new RenderedFile(path + "/" + TemplateSet.outputName(template), overlay, tenant,
          source, template, chain, objects));
    }

    private void checkUnique(String template, String templateFile, List<Map<String, Object>> objects) {
      for (Map<String, Object> object : objects) {
        ObjectKey key = ObjectKey.of(object);
        String previous = seen.putIfAbsent(key, template);
        if (previous != null) {
          problems.add(new Problem(templateFile, 0, 0, "TEMPLATE-DUPLICATE-OBJECT",
              key.display() + " is rendered twice into " + path + " (also by " + previous + ")",
              "give each object a unique name"));
        }
      }
    }

    /** Applies the overlay's patches to each file; a file whose objects were all deleted goes. */
    List<PatchResult> patch(OverlayPatches patches) {
      List<PatchResult> results = new ArrayList<>();
      List<RenderedFile> patched = new ArrayList<>();
      for (RenderedFile file : files) {
        PatchResult result = patches.apply(file.objects());
        results.add(result);
        if (result.objects().isEmpty()) {
          continue;
        }
        Map<ObjectKey, List<String>> origins = result.originsByObject();
        List<Map<String, Object>> objects = new ArrayList<>(result.objects());
        objects.sort(Comparator.comparing(ObjectKey::of));
        patched.add(new RenderedFile(file.path(), overlay, tenant, source, file.template(), chain,
            objects, origins));
      }
      files.clear();
      files.addAll(patched);
      return results;
    }

    void finish(SortedMap<String, RenderedFile> out) {
      if (files.isEmpty()) {
        return;
      }
      List<String> resources = new ArrayList<>();
      for (RenderedFile file : files) {
        out.put(file.path(), file);
        resources.add(file.path().substring(path.length() + 1));
      }
      resources.sort(Comparator.naturalOrder());
      Map<String, Object> kustomization = new LinkedHashMap<>();
      kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
      kustomization.put("kind", "Kustomization");
      kustomization.put("resources", resources);
      out.put(path + "/" + KUSTOMIZATION, new RenderedFile(path + "/" + KUSTOMIZATION, overlay,
          tenant, source, null, chain, List.of(kustomization)));
    }
  }
}
