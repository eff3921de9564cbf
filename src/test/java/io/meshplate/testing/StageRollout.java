package io.meshplate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stage overlay at the steps of its OSSM 2.6 to 3 migration (README, "Migrating OSSM 2.6 to 3
 * in waves"), derived from the shipped overlay.yaml; and for tests that vary it, {@link #overlay}
 * builds an overlay.yaml from {@code mesh} and {@code rollout} blocks and stage's other values.
 */
public enum StageRollout {
  /** The Istio installed beside the ServiceMeshControlPlane; every wave still on v2.6. */
  INSTALLED("v2.6", "v2.6", true),
  /** The canary wave moved: what the repository ships. */
  CANARY("v1.24.6", "v2.6", true),
  /** Every wave moved; the ServiceMeshControlPlane still runs. */
  MAIN("v1.24.6", "v1.24.6", true),
  /** rollout.from deleted: the ServiceMeshControlPlane is gone from Git. */
  CLEANUP("v1.24.6", "v1.24.6", false);

  /** The OSSM 3 side of every step. */
  public static final String MESH = """
      target: ossm-3.0
      version: v1.24.6
      controlPlaneName: default
      """;

  private final String canary;
  private final String main;
  private final boolean from;

  StageRollout(String canary, String main, boolean from) {
    this.canary = canary;
    this.main = main;
    this.from = from;
  }

  /** The {@code rollout} block of this step. */
  public String rollout() {
    return (from ? """
        from:
          target: ossm-2.6
          version: v2.6
          controlPlaneName: basic
        """ : "") + """
        waves:
          - name: canary
            version: %s
            tenants: [catalog, identity]
          - name: main
            version: %s
        """.formatted(canary, main);
  }

  /**
   * Writes this step's stage overlay into a project copy: the shipped overlay.yaml (the canary
   * step) with exactly the edits {@code meshplate waves} asks for at each step, so line numbers
   * are the ones a reader of the README sees.
   */
  public void writeTo(TestProject project) {
    project.write(FILE, text());
  }

  /** Writes this step's stage overlay into a workspace root. */
  public void writeTo(Path root) {
    writeTo(new TestProject(root));
  }

  /** This step's stage overlay.yaml. */
  public String text() {
    String shipped;
    try {
      shipped = Files.readString(Path.of(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = shipped;
    if (canary.equals("v2.6")) {
      text = replace(text, "      - name: canary\n        version: v1.24.6\n", "      - name: canary\n        version: v2.6\n");
    }
    if (main.equals("v1.24.6")) {
      text = replace(text, "      - name: main\n        version: v2.6\n", "      - name: main\n        version: v1.24.6\n");
    }
    if (!from) {
      text = replace(text, "    from:\n      target: ossm-2.6\n      version: v2.6\n      controlPlaneName: basic\n", "");
      text = replace(text, "      - istio/istio-api-v1.20.8-*\n", "");
    }
    return text;
  }

  private static String replace(String text, String before, String after) {
    if (!text.contains(before)) {
      throw new AssertionError(FILE + " no longer contains: " + before);
    }
    return text.replace(before, after);
  }

  private static final String FILE = "templates/overlays/stage/overlay.yaml";

  /** The Istio CRDs this step is checked against: 1.24's, and 1.20's while the ServiceMeshControlPlane runs. */
  public List<String> istioSchemas() {
    return from ? List.of("istio/istio-api-v1.20.8-*", ISTIO_124) : List.of(ISTIO_124);
  }

  /** The Istio 1.24 CRDs (OSSM 3.0). */
  public static final String ISTIO_124 = "istio/istio-api-v1.24.6-*";

  /**
   * A stage overlay.
   *
   * @param mesh the lines under {@code mesh:} (unindented)
   * @param rollout the lines under {@code rollout:} (unindented), or null for none
   * @param istioSchemas the Istio CRD globs of validation.schemas
   */
  public static String overlay(String mesh, String rollout, List<String> istioSchemas) {
    return "values:\n"
        + "  namespaceSuffix: -stage\n"
        + "  mesh:\n" + indent(mesh, "    ")
        + (rollout == null ? "" : "  rollout:\n" + indent(rollout, "    "))
        + "  ingress:\n"
        + "    domain: apps.stage.acme.example\n"
        + "  kiali:\n"
        + "    version: default\n"
        + "  telemetry:\n"
        + "    maxTracingPercent: 10\n"
        + "    meshTracingPercent: 5\n"
        + "  validation:\n"
        + "    schemas:\n"
        + String.join("", istioSchemas.stream().map(g -> "      - " + g + "\n").toList())
        + "      - maistra/maistra-istio-operator-2.5.1-*\n"
        + "      - sail-operator/*\n"
        + "      - kubernetes/v1.31/*\n"
        + "      - prometheus-operator/*\n"
        + "      - argocd/*\n";
  }

  private static String indent(String block, String prefix) {
    StringBuilder out = new StringBuilder();
    for (String line : block.split("\n")) {
      out.append(prefix).append(line).append('\n');
    }
    return out.toString();
  }
}
