package io.meshplate.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, tried as a platform engineer would: add a patch to the prod overlay, render, and find
 * exactly the targeted object changed in prod and in its cluster prod-eu, and {@code explain}
 * naming the patch's file and line.
 */
class OverlayPatchWorkflowTest {
  private static final String PROD = "templates/overlays/prod/overlay.yaml";
  private static final String ANNOTATION = "    security.acme.example/reviewed: 2026-11";

  @TempDir Path dir;
  Project project;
  SortedMap<String, String> before;

  @BeforeEach
  void renderShippedProject() {
    project = Project.copyTo(dir);
    Project.Run render = project.run("render");
    assertThat(render.exitCode()).as(render.err()).isZero();
    before = project.output();
  }

  @Test
  void patchInProdChangesOnlyTheTargetedObjectInProdAndProdEuAndExplainNamesIt() {
    project.append(PROD, """
          # reviewed by security: recorded on the policy itself
          - target:
              kind: AuthorizationPolicy
              name: api-allow
              namespace: payments-prod
            patch: |-
              apiVersion: security.istio.io/v1beta1
              kind: AuthorizationPolicy
              metadata:
                name: api-allow
                annotations:
                  security.acme.example/reviewed: "2026-11"
        """);
    int patchLine = project.lineOf(PROD, "# reviewed by security: recorded on the policy itself") + 1;

    Project.Run render = project.run("render");

    assertThat(render.exitCode()).as(render.err()).isZero();
    SortedMap<String, String> after = project.output();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    TreeSet<String> changed = new TreeSet<>();
    after.forEach((path, text) -> {
      if (!text.equals(before.get(path))) {
        changed.add(path);
      }
    });
    assertThat(changed).containsExactly(
        "prod-eu/tenants/payments/authorization-policy.yaml",
        "prod/tenants/payments/authorization-policy.yaml");
    for (String path : changed) {
      String text = after.get(path);
      // the file holds allow-nothing too: only api-allow's metadata gained the line
      assertThat(text.lines().filter(ANNOTATION::equals)).hasSize(1);
      assertThat(text.indexOf(ANNOTATION)).isGreaterThan(text.indexOf("name: api-allow"));
      assertThat(text.replace(ANNOTATION + "\n", "")).isEqualTo(before.get(path));
    }

    Project.Run explain = project.run("explain", "--env", "prod-eu", "--tenant", "payments",
        "--object", "AuthorizationPolicy/api-allow");
    assertThat(explain.exitCode()).as(explain.err()).isZero();
    assertThat(explain.out()).contains("patches, in the order applied:\n  1.  " + PROD + ":" + patchLine
        + "  strategic merge, target kind=AuthorizationPolicy name=api-allow namespace=payments-prod\n");
    Project.Run untouched = project.run("explain", "-e", "prod", "-t", "payments",
        "--object", "AuthorizationPolicy/allow-nothing");
    assertThat(untouched.out()).contains("patches: none\n");
  }

  @Test
  void renderOfOneTenantAppliesPatchesAimedAtOthersWithoutComplaint() {
    Project.Run render = project.run("render", "--env", "prod", "--tenant", "payments");

    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(project.output()).isEqualTo(before);
  }
}
