package io.meshplate.render;

import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayLoader;
import io.meshplate.yaml.CanonicalYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a reviewer reads when a template or overlay changes: every example tenant in every overlay
 * it renders to, and every overlay's platform folder, as the canonical files joined with
 * {@code # --- <path> ---} headers. Accept a change by renaming the .received file to .approved.
 */
class RenderApprovalTest {
  private static final Workspace PROJECT = TestTenants.project();
  private static List<Tenant> tenants;
  private static RenderedTree tree;

  @BeforeAll
  static void renderExamples() {
    tenants = TestTenants.load(PROJECT);
    tree = Renderer.freemarker().render(PROJECT, OverlayLoader.load(PROJECT), tenants, Set.of(), Set.of());
  }

  static Stream<Arguments> tenantOverlays() {
    List<Arguments> cases = new ArrayList<>();
    var catalog = OverlayLoader.load(PROJECT);
    for (Tenant tenant : TestTenants.load(PROJECT)) {
      for (String overlay : catalog.names()) {
        if (catalog.chain(overlay).includes(tenant.spec())) {
          cases.add(Arguments.of(tenant.name(), overlay));
        }
      }
    }
    return cases.stream();
  }

  static Stream<String> overlays() {
    return OverlayLoader.load(PROJECT).names().stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("tenantOverlays")
  void rendersExampleTenant(String tenant, String overlay) {
    verify(overlay + "/tenants/" + tenant + "/", Approvals.NAMES.withParameters(tenant, overlay));
  }

  @ParameterizedTest(name = "platform of {0}")
  @MethodSource("overlays")
  void rendersPlatformFolder(String overlay) {
    verify(overlay + "/platform/", Approvals.NAMES.withParameters("platform", overlay));
  }

  private static void verify(String folder, Options options) {
    Approvals.verify(joined(tree, folder),
        options.withReporter(new QuietReporter()).forFile().withExtension(".yaml"));
  }

  /** Every file under {@code folder}, in path order, each after a {@code # --- path ---} line. */
  static String joined(RenderedTree tree, String folder) {
    StringBuilder sb = new StringBuilder();
    tree.files().forEach((path, file) -> {
      if (path.startsWith(folder)) {
        sb.append("# --- ").append(path).append(" ---\n").append(CanonicalYaml.write(file));
      }
    });
    return sb.toString();
  }
}
