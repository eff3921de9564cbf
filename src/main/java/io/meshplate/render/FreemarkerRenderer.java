package io.meshplate.render;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.TemplateFailureException;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link Renderer} on FreeMarker: every folder of every selected overlay through {@link
 * OverlayRenderer}, held in memory (for {@code explain} and tests; commands stream instead).
 */
final class FreemarkerRenderer implements Renderer {
  static final String KUSTOMIZATION = OverlayRenderer.KUSTOMIZATION;

  @Override
  public RenderedTree render(Workspace workspace, OverlayCatalog catalog, List<Tenant> tenants,
      Set<String> overlayFilter, Set<String> tenantFilter) {
    checkFilters(catalog, tenants, overlayFilter, tenantFilter);
    List<Problem> templateProblems = new ArrayList<>();
    List<Problem> overlayProblems = new ArrayList<>();
    SortedMap<String, RenderedFile> files = new TreeMap<>();
    for (OverlayChain chain : catalog.chains().values()) {
      if (!overlayFilter.isEmpty() && !overlayFilter.contains(chain.name())) {
        continue;
      }
      OverlayRenderer overlay = OverlayRenderer.of(workspace, chain, tenants, catalog.meshVersions());
      overlayProblems.addAll(overlay.patchProblems());
      Set<String> kinds = new TreeSet<>();
      BitSet matched = new BitSet();
      List<FolderRender> rendered = overlay.folders(tenantFilter).parallelStream().map(overlay::render).toList();
      for (FolderRender folder : rendered) {
        templateProblems.addAll(folder.templateProblems());
        overlayProblems.addAll(folder.patchProblems());
        kinds.addAll(folder.facts().kinds());
        matched.or(folder.facts().matched());
        folder.folder().files().forEach(file -> files.put(file.path(), file));
      }
      templateProblems.addAll(overlay.templateProblems());
      if (tenantFilter.isEmpty() && overlay.patchProblems().isEmpty()) {
        overlayProblems.addAll(overlay.checkPatches(kinds, matched));
      }
    }
    if (!templateProblems.isEmpty()) {
      throw new TemplateFailureException(templateProblems);
    }
    if (!overlayProblems.isEmpty()) {
      throw new InvalidInputException(overlayProblems);
    }
    return new RenderedTree(files);
  }

  static void checkFilters(
      OverlayCatalog catalog, List<Tenant> tenants, Set<String> overlayFilter, Set<String> tenantFilter) {
    List<Problem> problems = new ArrayList<>();
    for (String name : new TreeSet<>(overlayFilter)) {
      if (catalog.chain(name) == null) {
        problems.add(new Problem("--env", 0, 0, "UNKNOWN-OVERLAY",
            "no overlay named '" + Messages.escape(name) + "'", "known overlays: " + String.join(", ", catalog.names())));
      }
    }
    Set<String> names = new HashSet<>();
    tenants.forEach(t -> names.add(t.name()));
    for (String name : new TreeSet<>(tenantFilter)) {
      if (!names.contains(name)) {
        problems.add(new Problem("--tenant", 0, 0, "UNKNOWN-TENANT",
            "no tenant named '" + Messages.escape(name) + "'", "tenants are the files in tenants/"));
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  /** One folder, for explain: its files after overlay patches. */
  static List<RenderedFile> folder(Workspace workspace, OverlayCatalog catalog, OverlayChain chain, List<Tenant> tenants,
      FolderId id) {
    FolderRender rendered = OverlayRenderer.of(workspace, chain, tenants, catalog.meshVersions()).render(id);
    if (!rendered.templateProblems().isEmpty()) {
      throw new TemplateFailureException(rendered.templateProblems());
    }
    if (!rendered.patchProblems().isEmpty()) {
      throw new InvalidInputException(rendered.patchProblems());
    }
    return rendered.folder().files();
  }
}
