package io.meshplate.render;

import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.overlay.OverlayChain;
import java.util.List;
import java.util.Set;

/**
 * Renders tenants through the platform templates and overlays into an in-memory tree of object
 * files (DESIGN §5). Writes nothing; every rendered document has been parsed back into an object.
 */
public interface Renderer {

  /**
   * Renders every selected tenant into every selected overlay it belongs to, plus each selected
   * overlay's platform files (only when no tenant filter is given).
   *
   * <p>Keys of the result: {@code <overlay>/platform/<name>.yaml},
   * {@code <overlay>/tenants/<tenant>/<name>.yaml}, their hub sub-folders
   * {@code .../argocd/<name>.yaml} (see {@link io.meshplate.manifest.Bundles}), and a
   * {@code kustomization.yaml} per folder.
   *
   * @param overlays the workspace's overlays, as loaded (and validated) by the caller
   * @param tenants every tenant of the workspace (validated); peers are looked up among them
   * @param overlayFilter overlay names to render; empty means all
   * @param tenantFilter tenant names to render; empty means all
   * @throws io.meshplate.InvalidInputException an overlay or defaults.yaml is invalid (exit 3)
   * @throws io.meshplate.UsageException a filter names an unknown overlay or tenant (exit 2)
   * @throws io.meshplate.TemplateFailureException a template failed or produced invalid YAML (exit 5)
   */
  RenderedTree render(Workspace workspace, OverlayCatalog overlays, List<Tenant> tenants,
      Set<String> overlayFilter, Set<String> tenantFilter);

  /** The FreeMarker implementation (the only one). */
  static Renderer freemarker() {
    return new FreemarkerRenderer();
  }

  /** Fails (exit 2) when a filter names an unknown overlay or tenant. */
  static void checkFilters(OverlayCatalog overlays, List<Tenant> tenants, Set<String> overlayFilter,
      Set<String> tenantFilter) {
    FreemarkerRenderer.checkFilters(overlays, tenants, overlayFilter, tenantFilter);
  }

  /**
   * The files of one folder after overlay patches, rendered on their own ({@code explain}).
   *
   * @throws io.meshplate.TemplateFailureException a template failed (exit 5)
   * @throws io.meshplate.InvalidInputException an overlay patch failed (exit 3)
   */
  static List<RenderedFile> folder(Workspace workspace, OverlayCatalog catalog,
      OverlayChain chain, List<Tenant> tenants, FolderId folder) {
    return FreemarkerRenderer.folder(workspace, catalog, chain, tenants, folder);
  }
}
