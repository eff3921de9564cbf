package io.meshplate.explain;

import io.meshplate.DidYouMean;
import io.meshplate.IoFailure;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.ValueDocs;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.render.Renderer;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a value or a rendered object of one overlay came from ({@code meshplate explain}).
 * Validates like {@code render} (descriptors, overlays, guardrails) and renders in memory when an
 * object is asked for; writes nothing.
 */
public final class Explainer {
  private final Workspace workspace;
  private final Pipeline.Validated validated;

  /**
   * @throws io.meshplate.InvalidInputException a descriptor or overlay is invalid (exit 3)
   * @throws io.meshplate.GuardrailException a guardrail fails (exit 4)
   */
  public Explainer(Workspace workspace) {
    this.workspace = workspace;
    this.validated = new Pipeline(workspace).validate();
  }

  /**
   * The chain that produced one value (see {@link ValuePath} for the path syntax).
   *
   * @param tenant needed for {@code spec.} paths, else null
   * @throws UsageException unknown overlay, tenant or path (exit 2)
   */
  public Explanation value(String overlay, String tenant, String path) {
    OverlayChain chain = chain(overlay);
    ValuePath parsed = ValuePath.parse(path);
    ValueTracer tracer = new ValueTracer(chain, validated.overlays().defaults(), defaultPositions());
    if (!parsed.tenantValue()) {
      return tracer.platform(parsed, ValueDocs.of(workspace, parsed.tokens()));
    }
    if (tenant == null) {
      throw usage("--value", "EXPLAIN-NEEDS-TENANT", Messages.escape(path) + " is a tenant value",
          "add --tenant TENANT");
    }
    return tracer.tenant(parsed, tenant(tenant, chain));
  }

  /**
   * One rendered object ({@code KIND/NAME} or {@code KIND/NAMESPACE/NAME}, kind in any case): its
   * file, template and the layer that supplied it, the patches applied and the labels and
   * annotations added. Without a tenant the overlay's platform folder is searched.
   *
   * @throws UsageException unknown overlay, tenant or object (exit 2)
   * @throws io.meshplate.TemplateFailureException a template fails (exit 5)
   */
  public Explanation object(String overlay, String tenant, String object) {
    OverlayChain chain = chain(overlay);
    return new ObjectTracer(workspace, chain, folder(chain, tenant)).object(object, subject(chain, tenant));
  }

  /** The tenant (or, without one, the platform folder) in the overlay: chain, namespace, files. */
  public Explanation summary(String overlay, String tenant) {
    OverlayChain chain = chain(overlay);
    List<RenderedFile> files = folder(chain, tenant);
    List<String> heading = new ArrayList<>();
    Table table = new Table("");
    heading.add((tenant == null ? "platform" : "tenant " + tenant) + " in overlay " + chain.name());
    table.row("chain:", "base > " + String.join(" > ", chain.names()));
    List<String> folders = new ArrayList<>();
    chain.templateDirectories().forEach(d -> folders.add(0, workspace.display(d)));
    folders.add(0, workspace.display(workspace.baseTemplates()));
    table.row("templates:", String.join(", ", folders) + " (later folders replace earlier ones)");
    table.row("environment:", chain.environment());
    if (tenant != null) {
      Tenant t = tenant(tenant, chain);
      table.row("descriptor:", t.file());
      table.row("namespace:", chain.namespaceOf(t.name()));
    }
    heading.addAll(table.lines());
    return new ObjectTracer(workspace, chain, files).summary(heading);
  }

  private List<RenderedFile> folder(OverlayChain chain, String tenant) {
    Tenant t = tenant == null ? null : tenant(tenant, chain);
    return Renderer.folder(workspace, validated.overlays(), chain, validated.tenants().all(), new FolderId(chain.name(), t == null ? null : t.name()));
  }

  private String subject(OverlayChain chain, String tenant) {
    return (tenant == null ? "on the platform" : "of tenant " + tenant) + " in overlay " + chain.name();
  }

  private OverlayChain chain(String overlay) {
    OverlayChain chain = validated.overlays().chain(overlay);
    if (chain == null) {
      throw usage("--env", "UNKNOWN-OVERLAY", "no overlay named '" + Messages.escape(overlay) + "'",
          DidYouMean.hint(overlay, validated.overlays().names(),
              "known overlays: " + String.join(", ", validated.overlays().names())));
    }
    return chain;
  }

  private Tenant tenant(String name, OverlayChain chain) {
    Tenant tenant = validated.tenants().find(name).orElseThrow(() -> usage("--tenant", "UNKNOWN-TENANT",
        "no tenant named '" + Messages.escape(name) + "'",
        DidYouMean.hint(name, validated.tenants().byName().keySet(), "tenants are the files in tenants/")));
    if (!chain.includes(tenant.spec())) {
      throw usage("--tenant", "EXPLAIN-TENANT-NOT-IN-OVERLAY",
          "tenant " + tenant.name() + " does not render to overlay " + chain.name()
              + " (its environments: " + String.join(", ", tenant.spec().environments()) + ")",
          "pick one of its environments, or a cluster overlay extending one");
    }
    return tenant;
  }

  private SourceMap defaultPositions() {
    Path file = workspace.baseTemplates().resolve("defaults.yaml");
    try {
      return StrictYaml.read(workspace.display(file), Files.readAllBytes(file), YamlLimits.PLATFORM).positions();
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, workspace.display(file), "cannot read", e);
    }
  }

  private static UsageException usage(String option, String rule, String message, String hint) {
    return new UsageException(List.of(new Problem(option, 0, 0, rule, message, hint)));
  }
}
