package io.meshplate.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.Problem;
import io.meshplate.TemplateFailureException;
import io.meshplate.Workspace;
import io.meshplate.overlay.OverlayLoader;
import io.meshplate.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateFailureTest {
  @TempDir Path root;

  /** Renders ledger in dev with {@code template} added (null: the project as already prepared in {@code root}). */
  private Problem renderFailing(String template) {
    Workspace workspace = template == null ? new Workspace(root) : ProjectCopy.of(root);
    if (template != null) {
      ProjectCopy.write(workspace.baseTemplates().resolve("tenant/broken.yaml.ftl"), template);
    }
    TemplateFailureException failure = (TemplateFailureException) Assertions
        .catchThrowable(() -> Renderer.freemarker().render(workspace, OverlayLoader.load(workspace), TestTenants.load(workspace), Set.of("dev"), Set.of("ledger")));
    assertThat(failure).isNotNull();
    assertThat(failure.problems()).isNotEmpty();
    return failure.problems().get(0);
  }

  @Test
  void missingValueNamesTemplateLineAndColumn() {
    Problem problem = renderFailing("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${env.nope.missing}\n");
    assertThat(problem.file()).isEqualTo("templates/base/tenant/broken.yaml.ftl");
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.column()).isGreaterThan(0);
    assertThat(problem.rule()).isEqualTo("TEMPLATE-ERROR");
    assertThat(problem.message()).contains("tenant ledger, overlay dev");
  }

  @Test
  void syntaxErrorNamesTemplateAndLine() {
    Problem problem = renderFailing("---\n<#if true>\napiVersion: v1\n");
    assertThat(problem.file()).isEqualTo("templates/base/tenant/broken.yaml.ftl");
    assertThat(problem.rule()).isEqualTo("TEMPLATE-SYNTAX");
    assertThat(problem.line()).isGreaterThan(0);
  }

  @Test
  void newBuiltInIsRejected() {
    Problem problem = renderFailing(
        "<#assign run = \"freemarker.template.utility.Execute\"?new()>\n${run(\"id\")}\n");
    assertThat(problem.rule()).isEqualTo("TEMPLATE-ERROR");
    assertThat(problem.line()).isEqualTo(1);
  }

  @Test
  void apiBuiltInIsRejected() {
    Problem problem = renderFailing("---\nx: ${tenant?api.getClass().getName()}\n");
    assertThat(problem.rule()).isEqualTo("TEMPLATE-ERROR");
    assertThat(problem.line()).isEqualTo(2);
  }

  static Stream<Arguments> sandboxEscapes() {
    return Stream.of(
        escape("---\nx: ${'1 + 1'?eval}\n", "TEMPLATE-EVAL", 2, 4),
        escape("---\nx: ${'{}'?eval_json}\n", "TEMPLATE-EVAL", 2, 4),
        escape("---\n<#assign t = '${1}'?interpret>\n", "TEMPLATE-EVAL", 2, 1),
        escape("---\n<#if true>\nx: ${name ? eval}\n</#if>\n", "TEMPLATE-EVAL", 3, 4),
        escape("---\nx: ${name?no_esc}\n", "TEMPLATE-NO-ESC", 2, 4),
        escape("---\nx: ${name?noEsc}\n", "TEMPLATE-NO-ESC", 2, 4),
        escape("---\n<#noautoesc>\nx: ${name}\n</#noautoesc>\n", "TEMPLATE-NO-ESC", 2, 1),
        escape("---\n<#outputformat 'plainText'>\nx: ${name}\n</#outputformat>\n", "TEMPLATE-NO-ESC", 2, 1),
        escape("<#ftl auto_esc=false>\n---\nx: ${name}\n", "TEMPLATE-NO-ESC", 1, 1),
        escape("---\n<#include '/lib/' + name>\n", "TEMPLATE-DYNAMIC-INCLUDE", 2, 1),
        escape("---\n<#import \"/lib/${name}.ftl\" as x>\n", "TEMPLATE-DYNAMIC-INCLUDE", 2, 1),
        escape("---\nx: ${.get_optional_template(name).exists?c}\n", "TEMPLATE-DYNAMIC-INCLUDE", 2, 4));
  }

  private static Arguments escape(String template, String rule, int line, int column) {
    return Arguments.of(template, rule, line, column);
  }

  @ParameterizedTest
  @MethodSource("sandboxEscapes")
  void sandboxEscapesAreRefusedWhenTemplatesLoad(String template, String rule, int line, int column) {
    Problem problem = renderFailing(template);
    assertThat(problem.rule()).isEqualTo(rule);
    assertThat(problem.file()).isEqualTo("templates/base/tenant/broken.yaml.ftl");
    assertThat(problem.line()).isEqualTo(line);
    assertThat(problem.column()).isEqualTo(column);
  }

  @Test
  void aTemplateThatFailsTheLintNeverRuns() {
    Workspace workspace = ProjectCopy.of(root);
    ProjectCopy.write(workspace.baseTemplates().resolve("tenant/broken.yaml.ftl"),
        "---\nx: ${'1'?eval}\ny: ${env.nope.missing}\n");
    assertThatThrownBy(() -> Renderer.freemarker().render(workspace, OverlayLoader.load(workspace), TestTenants.load(workspace), Set.of("dev"), Set.of("ledger")))
        .isInstanceOfSatisfying(TemplateFailureException.class, e -> assertThat(e.problems())
            .extracting(Problem::rule).containsExactly("TEMPLATE-EVAL"));
  }

  @Test
  void anImportedLibraryIsLintedAtItsOwnLineAndOnlyYamlFtlMayPrintUnescaped() {
    Workspace workspace = ProjectCopy.of(root);
    ProjectCopy.write(workspace.templates().resolve("lib/extra.ftl"),
        "<#function raw v>\n  <#return v?no_esc>\n</#function>\n");
    ProjectCopy.write(workspace.baseTemplates().resolve("tenant/broken.yaml.ftl"),
        "<#import \"/lib/extra.ftl\" as e>\n---\nx: ${name}\n");
    Problem problem = renderFailing(null);
    assertThat(problem.file()).isEqualTo("templates/lib/extra.ftl");
    assertThat(problem.rule()).isEqualTo("TEMPLATE-NO-ESC");
    assertThat(problem.line()).isEqualTo(2);
  }

  @Test
  void interpolationInsideQuotesIsInvalidYamlNamingTheTemplate() {
    Problem problem = renderFailing("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"${name}\"\n");
    assertThat(problem.file()).isEqualTo("templates/base/tenant/broken.yaml.ftl");
    assertThat(problem.rule()).isEqualTo("TEMPLATE-INVALID-YAML");
    assertThat(problem.message()).contains("output line 5");
  }

  @Test
  void documentThatIsNotAnObjectIsRejected() {
    Problem problem = renderFailing("---\n- just\n- a list\n");
    assertThat(problem.rule()).isEqualTo("TEMPLATE-NOT-OBJECT");
  }

  @Test
  void errorsOfEveryTenantAreReportedTogether() {
    Workspace workspace = ProjectCopy.of(root);
    ProjectCopy.write(workspace.baseTemplates().resolve("tenant/broken.yaml.ftl"), "${env.nope.missing}\n");
    assertThatThrownBy(() -> Renderer.freemarker().render(workspace, OverlayLoader.load(workspace), TestTenants.load(workspace), Set.of("dev"), Set.of()))
        .isInstanceOfSatisfying(TemplateFailureException.class,
            e -> assertThat(e.problems()).hasSize(6));
  }

  @Test
  void aNewTargetOfTheVersionTableRendersAsItsBuildSays() throws Exception {
    Workspace workspace = ProjectCopy.of(root);
    // The templates know control planes by the build the version table names (render/
    // ControlPlaneModel.java), not by a list of target names of their own.
    Path table = workspace.baseTemplates().resolve("mesh-versions.yaml");
    ProjectCopy.write(table, Files.readString(table).replace("targets:\n", "targets:\n  ossm-9.0: {build: ossm, istio: [\"1.30\"]}\n"));
    ProjectCopy.write(workspace.overlays().resolve("dev/overlay.yaml"), """
        values:
          namespaceSuffix: -dev
          mesh: {target: ossm-9.0, version: v1.30.3}
          validation: {schemas: [istio/istio-api-v1.30.3-*]}
        """);
    var tree = Renderer.freemarker().render(workspace, OverlayLoader.load(workspace), TestTenants.load(workspace), Set.of("dev"), Set.of());
    assertThat(tree.files().get("dev/platform/control-plane.yaml").objects())
        .extracting(o -> o.get("kind")).contains("Istio", "IstioRevisionTag", "IstioCNI").doesNotContain("ServiceMeshControlPlane");
    assertThat(tree.files().get("dev/tenants/ledger/sidecar.yaml").objects().get(0).get("apiVersion")).isEqualTo("networking.istio.io/v1");
  }


  @Test
  void sameObjectFromTwoTemplatesIsRejected() {
    Problem problem = renderFailing(
        "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ledger\n  namespace: ${namespace}\n");
    assertThat(problem.rule()).isEqualTo("TEMPLATE-DUPLICATE-OBJECT");
    assertThat(problem.message()).contains("ServiceAccount/ledger-dev/ledger");
  }

  /** FreeMarker reads a template through a link only inside its own folder, and threw (exit 70) otherwise. */
  @Test
  void aTemplateThatIsALinkIsNamedNeverFollowed() throws Exception {
    Workspace workspace = ProjectCopy.of(root);
    Path outside = Files.writeString(root.resolve("outside.ftl"), "---\nx: 1\n");
    Files.createSymbolicLink(workspace.baseTemplates().resolve("tenant/outside.yaml.ftl"), outside);

    Problem problem = renderFailing(null);

    assertThat(problem.rule()).isEqualTo("TEMPLATE-NOT-FILE");
    assertThat(problem.file()).isEqualTo("templates/base/tenant/outside.yaml.ftl");
    assertThat(problem.message()).contains("a symbolic link");
  }

  /** An overlay sharing a base template by a link is refused the same way, with the way to share it. */
  @Test
  void anOverlayLinkToABaseTemplateIsRefusedWithTheWayToReplaceIt() throws Exception {
    Workspace workspace = ProjectCopy.of(root);
    Path overlayTenant = Files.createDirectories(workspace.templates().resolve("overlays/dev/tenant"));
    Files.createSymbolicLink(overlayTenant.resolve("sidecar.yaml.ftl"),
        overlayTenant.relativize(workspace.baseTemplates().resolve("tenant/sidecar.yaml.ftl")));

    Problem problem = renderFailing(null);

    assertThat(problem.rule()).isEqualTo("TEMPLATE-NOT-FILE");
    assertThat(problem.file()).isEqualTo("templates/overlays/dev/tenant/sidecar.yaml.ftl");
    assertThat(problem.hint()).contains("holding a file of the same name");
  }

  /** A named pipe among the templates was left out of the render without a word. */
  @Test
  void aTemplateThatIsANamedPipeIsNamed() throws Exception {
    Workspace workspace = ProjectCopy.of(root);
    Path pipe = workspace.templates().resolve("lib/pipe.ftl");
    Assumptions.assumeTrue(TestFiles.mkfifo(pipe), "mkfifo is not available on this machine");

    Problem problem = renderFailing(null);

    assertThat(problem.rule()).isEqualTo("TEMPLATE-NOT-FILE");
    assertThat(problem.file()).isEqualTo("templates/lib/pipe.ftl");
    assertThat(problem.message()).contains("named pipe");
  }
}
