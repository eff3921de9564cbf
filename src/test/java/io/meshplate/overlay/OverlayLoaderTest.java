package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayLoaderTest {
  @TempDir Path root;

  private Workspace workspace(String defaults, String... overlays) throws IOException {
    Path base = root.resolve("templates/base");
    Files.createDirectories(base);
    Files.writeString(base.resolve("defaults.yaml"), defaults);
    for (int i = 0; i < overlays.length; i += 2) {
      Path dir = root.resolve("templates/overlays").resolve(overlays[i]);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("overlay.yaml"), overlays[i + 1]);
    }
    return new Workspace(root);
  }

  private static List<Problem> problems(Workspace workspace) {
    try {
      OverlayLoader.load(workspace);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected InvalidInputException");
  }

  @Test
  void mergesValuesAlongTheChainAndRecordsWhoSetEachLeaf() throws IOException {
    Workspace ws = workspace("a: 1\nmap:\n  keep: x\n  drop: y\nlist: [1, 2]\n",
        "prod", "values:\n  namespaceSuffix: -prod\n  map:\n    drop: null\n  list: [3]\n",
        "prod-eu", "extends: prod\nvalues:\n  a: 2\n");
    OverlayChain chain = OverlayLoader.load(ws).chain("prod-eu");
    assertThat(chain.names()).containsExactly("prod", "prod-eu");
    assertThat(chain.environment()).isEqualTo("prod");
    assertThat(chain.values()).isEqualTo(Map.of("a", 2L, "map", Map.of("keep", "x"), "list", List.of(3L),
        "namespaceSuffix", "-prod"));
    assertThat(chain.namespaceOf("payments")).isEqualTo("payments-prod");
    assertThat(chain.provenance())
        .containsEntry("/a", "templates/overlays/prod-eu/overlay.yaml:3")
        .containsEntry("/map/keep", "templates/base/defaults.yaml:3")
        .containsEntry("/list", "templates/overlays/prod/overlay.yaml:5")
        .doesNotContainKey("/map/drop");
  }

  @Test
  void clusterOverlayInheritsItsEnvironmentsTenants() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\n", "prod", "values: {}\n", "prod-eu", "extends: prod\n");
    OverlayChain chain = OverlayLoader.load(ws).chain("prod-eu");
    assertThat(chain.includes(spec(List.of("prod")))).isTrue();
    assertThat(chain.includes(spec(List.of()))).isTrue();
    assertThat(chain.includes(spec(List.of("dev")))).isFalse();
    assertThat(OverlayLoader.load(ws).chain("prod").includes(spec(List.of("prod-eu")))).isFalse();
  }

  @Test
  void rejectsUnknownKeyWithPosition() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\n", "dev", "values: {}\nvalue: {}\n");
    assertThat(problems(ws)).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("OVERLAY-UNKNOWN-KEY");
      assertThat(p.file()).isEqualTo("templates/overlays/dev/overlay.yaml");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(1);
    });
  }

  @Test
  void rejectsExtendsCycle() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\n", "a", "extends: b\n", "b", "extends: a\n");
    assertThat(problems(ws)).extracting(Problem::rule).containsOnly("OVERLAY-EXTENDS-CYCLE").hasSize(2);
  }

  @Test
  void rejectsMissingParentWithPosition() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\n", "a", "values: {}\nextends: nowhere\n");
    assertThat(problems(ws)).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("OVERLAY-EXTENDS-MISSING");
      assertThat(p.line()).isEqualTo(2);
    });
  }

  /** The parent's own problem is the one to fix: its children do not call it missing as well. */
  @Test
  void aParentWhoseFileFailsIsNotAlsoCalledMissing() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\n", "prod", "values: {a: 1}\nvalues: {}\n", "prod-eu", "extends: prod\n");
    assertThat(problems(ws)).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo("YAML-DUPLICATE-KEY");
      assertThat(p.file()).isEqualTo("templates/overlays/prod/overlay.yaml");
    });
  }

  @Test
  void rejectsOverlayWithoutNamespaceSuffix() throws IOException {
    Workspace ws = workspace("a: 1\n", "dev", "values: {}\n");
    assertThat(problems(ws)).extracting(Problem::rule).containsExactly("OVERLAY-NAMESPACE-SUFFIX");
  }

  @Test
  void keepsLabelsAnnotationsAndPatchesAsRawTrees() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\n", "dev",
        "labels: {team: platform}\nannotations: {a: b}\npatches:\n  - target: {kind: Sidecar}\n");
    Overlay overlay = OverlayLoader.load(ws).chain("dev").overlays().get(0);
    assertThat(overlay.labels()).isEqualTo(Map.of("team", "platform"));
    assertThat(overlay.annotations()).isEqualTo(Map.of("a", "b"));
    assertThat(overlay.patches()).isEqualTo(List.of(Map.of("target", Map.of("kind", "Sidecar"))));
    assertThat(overlay.positions().value("/patches/0/target").line()).isEqualTo(4);
  }

  @Test
  void rejectsPlatformValuesTheClusterWouldRefuseWhereTheyAreSet() throws IOException {
    Workspace ws = workspace("""
            namespaceSuffix: -x
            admission:
              validationActions: [Deny, Warn]
              refusedPodAnnotations: ["x.io/a', 'b"]
            validation:
              kindsWithoutSchema: [{apiVersion: v1, kind: Pod}]
            """,
        "dev", "values:\n  ingress: {insecureEdgeTerminationPolicy: Allow}\n", "stage", "values: {}\n");

    assertThat(problems(ws)).extracting(Problem::format).containsExactly(
        "templates/base/defaults.yaml:3: VALUES-INVALID: admission.validationActions is '[Deny, Warn]'; it must be a"
            + " non-empty list of Deny, Warn and Audit, not Deny with Warn (use [Deny] to refuse, or [Warn, Audit] for a trial)",
        "templates/base/defaults.yaml:4: VALUES-INVALID: admission.refusedPodAnnotations is '[x.io/a', 'b]'; it must be a"
            + " list of annotation keys (write keys such as traffic.sidecar.istio.io/excludeOutboundIPRanges, or [] to refuse none)",
        "templates/base/defaults.yaml:6: VALUES-INVALID: validation.kindsWithoutSchema must list entries with the strings"
            + " apiVersion, kind and reason",
        "templates/overlays/dev/overlay.yaml:2: VALUES-INVALID: ingress.insecureEdgeTerminationPolicy is 'Allow'; a TLS"
            + " passthrough Route accepts only None or Redirect (set Redirect to send plain HTTP to https, or None to refuse it)");
  }

  /** validate stopped with a NumberFormatException (exit 70) on a port of 1.5; a quoted one rendered as a named port. */
  @Test
  void rejectsPortsThatAreNotPortNumbers() throws IOException {
    Workspace ws = workspace("""
            namespaceSuffix: -x
            dns: {namespace: openshift-dns, ports: [5353, 1.5]}
            mesh: {istiodPorts: ["15012"]}
            monitoring: {proxyPorts: 15020}
            telemetry: {tracing: {port: 70000}}
            """,
        "dev", "values:\n  dns: {ports: [53, 0]}\n", "stage", "values: {}\n");

    // stage inherits the defaults' problems, reported once
    assertThat(problems(ws)).extracting(Problem::format).containsExactly(
        "templates/base/defaults.yaml:2: VALUES-INVALID: dns.ports is '[5353, 1.5]'; it must be a list of port numbers"
            + " (1 to 65535) (write the numbers unquoted, one per item, such as [5353, 53])",
        "templates/base/defaults.yaml:3: VALUES-INVALID: mesh.istiodPorts is '[15012]'; it must be a list of port numbers"
            + " (1 to 65535) (write the numbers unquoted, one per item, such as [15012])",
        "templates/base/defaults.yaml:4: VALUES-INVALID: monitoring.proxyPorts is '15020'; it must be a list of port numbers"
            + " (1 to 65535) (write the numbers unquoted, one per item, such as [15020])",
        "templates/base/defaults.yaml:5: VALUES-INVALID: telemetry.tracing.port is '70000'; it must be a port number"
            + " (1 to 65535) (write the collector's OTLP port unquoted, such as 4317)",
        "templates/overlays/dev/overlay.yaml:2: VALUES-INVALID: dns.ports is '[53, 0]'; it must be a list of port numbers"
            + " (1 to 65535) (write the numbers unquoted, one per item, such as [5353, 53])");
  }

  /** validate stopped with a NumberFormatException (exit 70) on a list where a percentage goes. */
  @Test
  void rejectsTracingPercentagesThatAreNotPercentages() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\ntelemetry: {maxTracingPercent: [], meshTracingPercent: 101}\n",
        "dev", "values:\n  telemetry: {defaultTracingPercent: '1', maxTracingPercent: 0.5}\n");

    assertThat(problems(ws)).extracting(Problem::format).containsExactly(
        "templates/base/defaults.yaml:2: VALUES-INVALID: telemetry.meshTracingPercent is '101'; it must be a percentage,"
            + " a number from 0 to 100 (write a number such as 1 or 0.5)",
        "templates/overlays/dev/overlay.yaml:2: VALUES-INVALID: telemetry.defaultTracingPercent is '1'; it must be a"
            + " percentage, a number from 0 to 100 (write a number such as 1 or 0.5)");
  }

  /**
   * A link among the platform files was followed (a render could depend on a file outside the
   * project), a named pipe in place of mesh-versions.yaml turned every version check off, and one
   * in place of defaults.yaml was reported as missing, with every overlay's values after it.
   */
  @Test
  void platformFilesThatAreLinksOrSpecialFilesAreRefusedByName() throws IOException {
    Workspace ws = workspace("namespaceSuffix: -x\n", "dev", "values: {}\n", "stage", "values: {}\n");
    Path elsewhere = Files.writeString(root.resolve("elsewhere.yaml"), "values: {}\n");
    Path stage = root.resolve("templates/overlays/stage/overlay.yaml");
    Files.delete(stage);
    Files.createSymbolicLink(stage, elsewhere);
    Path defaults = root.resolve("templates/base/defaults.yaml");
    Path kept = Files.move(defaults, root.resolve("defaults.yaml"));
    Files.createSymbolicLink(defaults, kept);

    assertThat(problems(ws)).extracting(Problem::file, Problem::rule).containsExactly(
        Tuple.tuple("templates/base/defaults.yaml", "VALUES-NOT-FILE"),
        Tuple.tuple("templates/overlays/stage/overlay.yaml", "OVERLAY-NOT-FILE"));

    Files.delete(defaults);
    Files.move(kept, defaults);
    Files.delete(stage);
    Files.createSymbolicLink(root.resolve("templates/overlays/prod"), root.resolve("templates/overlays/dev"));
    Path versions = root.resolve("templates/base/mesh-versions.yaml");
    Assumptions.assumeTrue(TestFiles.mkfifo(versions), "mkfifo is not available on this machine");

    assertThat(problems(ws)).extracting(Problem::format).containsExactly(
        "templates/base/mesh-versions.yaml: MESH-VERSIONS-FILE: not a regular file (a folder, named pipe, socket or"
            + " device) (replace it with the file itself)",
        "templates/overlays/prod: OVERLAY-NOT-FILE: a symbolic link: platform files are read inside templates/ only,"
            + " never through a link, so a render does not depend on what the link finds on this machine (replace the"
            + " link with a copy of what it points to)",
        "templates/overlays/stage/overlay.yaml: OVERLAY-MISSING-FILE: overlay folder 'stage' has no overlay.yaml (add overlay.yaml"
            + " (it may be just 'values: {}'))");
  }

  /**
   * templates/, templates/base, templates/lib and templates/overlays were followed when they were
   * links: the checks of each platform file looked at the file, never at the folders above it.
   * Each is refused by name, and nothing is read through it (the linked defaults.yaml below does
   * not parse, and that is not reported).
   */
  @Test
  void platformFoldersThatAreLinksAreRefusedBeforeAnythingIsReadThroughThem() throws IOException {
    Workspace ws = workspace(":: not yaml [\n", "dev", "values: {}\n");
    Path away = Files.createDirectories(root.resolve("away"));
    Path base = Files.move(root.resolve("templates/base"), away.resolve("base"));
    Files.createSymbolicLink(root.resolve("templates/base"), base);
    Path lib = Files.createDirectories(away.resolve("lib"));
    Files.createSymbolicLink(root.resolve("templates/lib"), lib);

    assertThat(problems(ws)).extracting(Problem::format).containsExactly(
        "templates/base: TEMPLATES-NOT-FOLDER: a symbolic link: the platform's templates and values are read from a"
            + " real folder in the project, never through a link, so a render does not depend on what the link finds"
            + " on this machine (replace the link with the folder itself)",
        "templates/lib: TEMPLATES-NOT-FOLDER: a symbolic link: the platform's templates and values are read from a"
            + " real folder in the project, never through a link, so a render does not depend on what the link finds"
            + " on this machine (replace the link with the folder itself)");

    Path templates = Files.move(root.resolve("templates"), away.resolve("templates"));
    Files.createSymbolicLink(root.resolve("templates"), templates);
    assertThat(problems(ws)).extracting(Problem::file, Problem::rule)
        .containsExactly(Tuple.tuple("templates", "TEMPLATES-NOT-FOLDER"));

    Files.delete(root.resolve("templates"));
    Files.move(templates, root.resolve("templates"));
    Files.delete(root.resolve("templates/base"));
    Files.move(base, root.resolve("templates/base"));
    Files.writeString(root.resolve("templates/base/defaults.yaml"), "namespaceSuffix: -x\n");
    Path overlays = Files.move(root.resolve("templates/overlays"), away.resolve("overlays"));
    Files.writeString(root.resolve("templates/overlays"), "not a folder\n");
    assertThat(problems(ws)).extracting(Problem::format).containsExactly(
        "templates/lib: TEMPLATES-NOT-FOLDER: a symbolic link: the platform's templates and values are read from a"
            + " real folder in the project, never through a link, so a render does not depend on what the link finds"
            + " on this machine (replace the link with the folder itself)",
        "templates/overlays: TEMPLATES-NOT-FOLDER: not a folder (replace it with a folder: templates/ holds the"
            + " folders base, lib and overlays)");
    assertThat(overlays).isDirectory();
  }

  @Test
  void rejectsMissingDefaults() {
    assertThatThrownBy(() -> OverlayLoader.load(new Workspace(root)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("VALUES-MISSING-FILE");
  }

  @Test
  void projectOverlaysResolve() {
    OverlayCatalog catalog = OverlayLoader.load(new Workspace(Path.of("").toAbsolutePath()));
    assertThat(catalog.names()).containsExactly("dev", "prod", "prod-eu", "stage");
    assertThat(catalog.chain("prod-eu").namespaceSuffix()).isEqualTo("-prod");
    assertThat(catalog.chain("dev").values()).extracting(v -> ((Map<?, ?>) v.get("mesh")).get("target"))
        .isEqualTo("ossm-3.4");
  }

  private static TenantSpec spec(List<String> environments) {
    return new TenantSpec(List.of(), environments, List.of(), List.of(), List.of(), null, null, null);
  }
}
