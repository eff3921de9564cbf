package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version table of templates/base/mesh-versions.yaml and how overlays are held to it. */
class MeshVersionsTest {
  private static final Workspace PROJECT = new Workspace(Path.of("").toAbsolutePath());
  private static final String DEFAULTS = """
      namespaceSuffix: -x
      mesh:
        target: ossm-2.6
        version: v2.6
      validation:
        schemas:
          - istio/istio-api-v1.20.8-*
          - kubernetes/v1.31/*
      """;
  /** dev's control plane before the table existed: OSSM 3.0 asked to run Istio 1.28. */
  private static final String DEV_BEFORE = """
      values:
        mesh:
          target: ossm-3.0
          version: v1.28.10
        validation:
          schemas: [istio/istio-api-v1.24.6-*, sail-operator/*]
      """;

  @TempDir Path root;

  private Workspace workspace(String defaults, String dev) throws IOException {
    Path base = Files.createDirectories(root.resolve("templates/base"));
    Files.writeString(base.resolve("defaults.yaml"), defaults);
    Files.copy(PROJECT.baseTemplates().resolve(MeshVersions.FILE), base.resolve(MeshVersions.FILE),
        StandardCopyOption.REPLACE_EXISTING);
    Path dir = Files.createDirectories(root.resolve("templates/overlays/dev"));
    Files.writeString(dir.resolve("overlay.yaml"), dev);
    return new Workspace(root);
  }

  private static List<String> problems(Workspace workspace) {
    try {
      OverlayLoader.load(workspace);
      return List.of();
    } catch (InvalidInputException e) {
      return e.problems().stream().map(Problem::format).toList();
    }
  }

  @Test
  void everyTargetOfTheTemplatesHasAVersionTable() {
    MeshVersions table = MeshVersions.read(PROJECT);

    assertThat(table.targets().keySet()).containsExactly("istio-1.22", "istio-1.23", "istio-1.24", "istio-1.25",
        "istio-1.26", "istio-1.27", "istio-1.28", "istio-1.29", "istio-1.30",
        "ossm-2.5", "ossm-2.6", "ossm-3.0", "ossm-3.1", "ossm-3.2", "ossm-3.3", "ossm-3.4");
    assertThat(table.targets().get("ossm-2.6").versions()).containsExactly("v2.6");
    assertThat(table.targets().get("ossm-3.0").versions())
        .containsExactly("v1.24-latest", "v1.24.6", "v1.24.5", "v1.24.4", "v1.24.3");
    MeshTarget ossm34 = table.targets().get("ossm-3.4");
    assertThat(ossm34.apiLevel()).isEqualTo("1.30");
    assertThat(ossm34.versions().get(0)).isEqualTo("v1.30-latest");
    assertThat(ossm34.minors()).extracting(MeshTarget.IstioMinor::minor).containsExactly("1.30", "1.28", "1.27", "1.26");
    assertThat(ossm34.istioMinorOf("v1.28.10")).contains("1.28");
    assertThat(ossm34.istioMinorOf("v1.24.6")).isEmpty();
    assertThat(table.targetsAccepting("v1.28.10")).containsExactly("istio-1.28", "ossm-3.3", "ossm-3.4");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyShippedControlPlaneRunsAVersionItsTargetAccepts() throws IOException {
    MeshVersions table = MeshVersions.read(PROJECT);
    OverlayCatalog overlays = OverlayLoader.load(PROJECT);
    int checked = 0;
    for (String overlay : overlays.names()) {
      String target = (String) ((Map<String, Object>) overlays.chain(overlay).values().get("mesh")).get("target");
      // During a rollout from OSSM 2 the ServiceMeshControlPlane runs beside the Istio under its own target.
      String smcpTarget = Rollout.of(overlays.chain(overlay)).map(Rollout::from).map(Rollout.From::target).orElse(target);
      Path file = PROJECT.root().resolve("output").resolve(overlay).resolve("platform/control-plane.yaml");
      Map<String, String> versions = new TreeMap<>();
      for (StrictYaml.Document doc : StrictYaml.readAll(file.toString(), Files.readString(file), YamlLimits.PLATFORM)) {
        Map<String, Object> object = doc.rootMap();
        if (List.of("ServiceMeshControlPlane", "Istio", "IstioCNI").contains(object.get("kind"))) {
          versions.put((String) object.get("kind"), (String) ((Map<String, Object>) object.get("spec")).get("version"));
        }
      }
      assertThat(versions).as(overlay).isNotEmpty();
      for (Map.Entry<String, String> version : versions.entrySet()) {
        String runs = version.getKey().equals("ServiceMeshControlPlane") ? smcpTarget : target;
        assertThat(table.targets().get(runs).istioMinorOf(version.getValue()))
            .as("%s %s in %s (%s)", version.getKey(), version.getValue(), overlay, runs).isPresent();
        checked++;
      }
      // The CNI node agent runs the same Istio as the control plane it serves.
      assertThat(versions.getOrDefault("IstioCNI", versions.get("Istio"))).as(overlay).isEqualTo(versions.get("Istio"));
    }
    // prod, prod-eu: the SMCP; dev: Istio and IstioCNI; stage (mid-migration): all three
    assertThat(checked).isEqualTo(7);
  }

  @Test
  void todaysDevControlPlaneIsRefusedWhereItsVersionIsWritten() throws IOException {
    assertThat(problems(workspace(DEFAULTS, DEV_BEFORE))).containsExactly(
        "templates/overlays/dev/overlay.yaml:4:14: MESH-VERSION-UNSUPPORTED: overlay 'dev': mesh.version 'v1.28.10'"
            + " is not a version the ossm-3.0 operator accepts (Istio 1.24); it accepts v1.24-latest, v1.24.6, v1.24.5,"
            + " v1.24.4, v1.24.3 (pick one of them, or a target that ships v1.28.10: istio-1.28, ossm-3.3, ossm-3.4)");
  }

  @Test
  void aVersionInheritedFromTheDefaultsIsReportedInTheDefaults() throws IOException {
    String dev = "values:\n  mesh:\n    target: ossm-3.4\n";

    assertThat(problems(workspace(DEFAULTS, dev))).singleElement().asString()
        .startsWith("templates/base/defaults.yaml:4:12: MESH-VERSION-UNSUPPORTED: overlay 'dev': mesh.version 'v2.6'");
  }

  @Test
  void anUnknownTargetIsRefused() throws IOException {
    String dev = "values:\n  mesh:\n    target: ossm-3.9\n";

    assertThat(problems(workspace(DEFAULTS, dev))).singleElement().asString()
        .startsWith("templates/overlays/dev/overlay.yaml:3:13: MESH-TARGET-UNKNOWN: overlay 'dev': mesh.target 'ossm-3.9'")
        .contains("use one of istio-1.22,");
  }

  /** Render threw a NullPointerException (exit 70) on such an overlay; validate let it through. */
  @Test
  void anOverlayThatDeletesOrReplacesMeshIsRefusedWhereItDoesSo() throws IOException {
    assertThat(problems(workspace(DEFAULTS, "values:\n  mesh: null\n"))).singleElement().asString()
        .startsWith("templates/overlays/dev/overlay.yaml:2:9: MESH-TARGET-UNKNOWN: overlay 'dev': mesh.target is not set:")
        .contains("set mesh.target to one of istio-1.22,");
    assertThat(problems(workspace(DEFAULTS, "values:\n  mesh: ossm-3.4\n"))).singleElement().asString()
        .startsWith("templates/overlays/dev/overlay.yaml:2:9: MESH-TARGET-UNKNOWN: overlay 'dev': mesh is 'ossm-3.4',"
            + " not a mapping with a target");
    assertThat(problems(workspace(DEFAULTS, "values:\n  mesh:\n    target: null\n"))).singleElement().asString()
        .startsWith("templates/overlays/dev/overlay.yaml:3:13: MESH-TARGET-UNKNOWN: overlay 'dev': mesh.target is not set:");
  }

  @Test
  void theSchemasMustBeThoseOfTheIstioMinorThatRuns() throws IOException {
    String dev = """
        values:
          mesh: {target: ossm-3.4, version: v1.30.3}
          validation:
            schemas: [sail-operator/*, istio/istio-api-v1.24.6-*]
        """;

    assertThat(problems(workspace(DEFAULTS, dev))).containsExactly(
        "templates/overlays/dev/overlay.yaml:4:14: MESH-SCHEMAS-MISMATCH: overlay 'dev': mesh.version v1.30.3 runs Istio 1.30,"
            + " but validation.schemas does not select its CRDs ('istio/istio-api-v1.30.3-*')"
            + " (add 'istio/istio-api-v1.30.3-*' to validation.schemas)",
        "templates/overlays/dev/overlay.yaml:4:32: MESH-SCHEMAS-MISMATCH: overlay 'dev': mesh.version v1.30.3 runs Istio 1.30,"
            + " but validation.schemas selects the Istio 1.24 CRDs ('istio/istio-api-v1.24.6-*')"
            + " (replace it with 'istio/istio-api-v1.30.3-*')");
  }

  @Test
  void aVersionWhoseIstioCrdsAreNotRecordedCannotBeValidated() throws IOException {
    String dev = "values:\n  mesh: {target: ossm-3.3, version: v1.28.10}\n";

    assertThat(problems(workspace(DEFAULTS, dev))).singleElement().asString()
        .startsWith("templates/overlays/dev/overlay.yaml:2:37: MESH-SCHEMAS-MISMATCH: overlay 'dev': mesh.version v1.28.10"
            + " runs Istio 1.28, and templates/base/mesh-versions.yaml names no Istio CRD schemas for Istio 1.28");
  }

  @Test
  void anAcceptedVersionWithTheCrdsOfItsIstioMinorLoads() throws IOException {
    String dev = """
        values:
          mesh: {target: ossm-3.4, version: v1.30-latest}
          validation:
            schemas: [istio/istio-api-v1.30.3-*, sail-operator/*]
        """;

    assertThat(problems(workspace(DEFAULTS, dev))).isEmpty();
  }

  @Test
  void aRevisionFromBeforeTheTableIsNotChecked() throws IOException {
    Workspace ws = workspace(DEFAULTS, DEV_BEFORE); // what diff --render reads from an old commit
    Files.delete(root.resolve("templates/base").resolve(MeshVersions.FILE));

    assertThat(problems(ws)).isEmpty();
  }

  @Test
  void aMalformedTableIsRefusedWithPositions() throws IOException {
    Workspace ws = workspace(DEFAULTS, "values: {}\n");
    Files.writeString(root.resolve("templates/base").resolve(MeshVersions.FILE), """
        builds:
          ossm:
            "1.30": []
        targets:
          ossm-3.4: {build: osm, istio: ["1.30"]}
        istioSchemas:
          latest: istio/*
        """);

    assertThatThrownBy(() -> MeshVersions.read(ws)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.problems()).extracting(Problem::format).containsExactly(
            "templates/base/mesh-versions.yaml:3:13: MESH-VERSIONS-FILE: the versions of Istio 1.30 must be a non-empty list"
                + " of strings (see the comment at the top of mesh-versions.yaml)",
            "templates/base/mesh-versions.yaml:5:21: MESH-VERSIONS-FILE: target 'ossm-3.4' must name one of builds: ossm"
                + " (see the comment at the top of mesh-versions.yaml)",
            "templates/base/mesh-versions.yaml:7:11: MESH-VERSIONS-FILE: 'latest' is not an Istio minor such as \"1.30\""
                + " (see the comment at the top of mesh-versions.yaml)"));
    assertThat(problems(ws)).hasSize(3); // the loader reports them once, not once per overlay
  }

  @Test
  void anOverlayWithoutAControlPlaneIsRefusedAtItsValues() throws IOException {
    assertThat(problems(workspace("namespaceSuffix: -x\n", "values: {}\n"))).singleElement().asString()
        .startsWith("templates/overlays/dev/overlay.yaml:1:9: MESH-TARGET-UNKNOWN: overlay 'dev': mesh.target is not set:");
  }
}
