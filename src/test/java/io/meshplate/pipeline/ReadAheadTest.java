package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.reach.Reach;
import io.meshplate.reach.ReachFormat;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders read ahead while the descriptors are validated ({@link DiskFacts#readAhead}) give what
 * reading them when asked gives: the same report, the same failure for a damaged file, whether
 * the read-ahead thread got to a folder first or the caller did.
 */
class ReadAheadTest {
  @TempDir Path dir;

  private static String report(Workspace workspace, Pipeline.Validated validated, boolean ahead) {
    try (DiskFacts disk = new DiskFacts(workspace, CacheDir.open(workspace.root()))) {
      if (ahead) {
        disk.readAhead(validated.overlays().names());
      }
      return Reach.format(Reach.report(ReachStage.evaluate(workspace, disk, validated, validated.overlays().names(),
          null, null, false)), ReachFormat.JSON, true);
    }
  }

  @Test
  void foldersReadAheadGiveTheReportAndTheFailuresOfFoldersReadWhenAsked() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    Workspace workspace = new Workspace(project.root());
    Pipeline.Validated validated = new Pipeline(workspace).validate();

    String asked = report(workspace, validated, false);
    assertThat(asked).contains("\"flows\" : [ {");
    // Several times: which thread reads a folder first changes from run to run.
    for (int i = 0; i < 5; i++) {
      assertThat(report(workspace, validated, true)).isEqualTo(asked);
    }

    // A file no YAML reader accepts fails the caller that asks for its folder, as it would have.
    project.write("output/stage/tenants/payments/sidecar.yaml", "kind: [unclosed\n");
    Throwable whenAsked = catchThrowable(() -> report(workspace, validated, false));
    assertThat(whenAsked).isNotNull();
    for (int i = 0; i < 3; i++) {
      Throwable readAhead = catchThrowable(() -> report(workspace, validated, true));
      assertThat(readAhead).isNotNull().hasSameClassAs(whenAsked).hasMessage(whenAsked.getMessage());
    }

    // Damage in two overlays: the first in overlay order is the failure, whichever is read first,
    // and every overlay is seen through before it is thrown (none is still saving its cache).
    project.write("output/dev/tenants/catalog/sidecar.yaml", "kind: [unclosed\n");
    for (boolean ahead : List.of(true, false, true)) {
      assertThat(catchThrowable(() -> report(workspace, validated, ahead))).isNotNull()
          .hasMessageContaining("dev/tenants/catalog").hasMessageNotContaining("stage/tenants/payments");
    }
  }

  @Test
  void aQueryPrintsTheSameWithAndWithoutTheGatesMemoryOrAnyCache() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    TestProject.Run first = project.run("reach", "--from", "storefront", "--to", "payments");
    TestProject.Run uncached = project.run("reach", "--from", "storefront", "--to", "payments", "--no-cache");
    for (TestProject.Run run : List.of(project.run("reach", "--from", "storefront", "--to", "payments"), uncached)) {
      assertThat(run.exitCode()).isZero().isEqualTo(first.exitCode());
      assertThat(run.out()).isEqualTo(first.out()).contains("payments/api:8080 <- storefront/web");
      assertThat(run.err()).isEqualTo(first.err());
    }
  }
}
