package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshplate.testing.TestProject.Run;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder render cannot write to fails the run before anything changes, with a rule id, the
 * folder and what to do, and leaves no staging behind.
 */
class IoFailureTest {
  @TempDir Path dir;

  @Test
  void anUnwritableTenantFolderFailsBeforeTheCommitAndCleansTheStaging() throws Exception {
    TestProject project = TestProject.copyOf(dir);
    project.edit("tenants/payments.yaml", "methods: [GET]\n          paths: [/v1/settlements/*]",
        "methods: [GET, HEAD]\n          paths: [/v1/settlements/*]");
    String before = project.outputHash();
    Path folder = project.path("output/prod/tenants/payments");
    try (Unwritable ignored = Unwritable.make(folder)) {
      Run render = project.run("render");

      assertThat(render.exitCode()).as(render.out() + render.err()).isEqualTo(6);
      assertThat(render.err()).contains("output/prod/tenants/payments: OUTPUT-WRITE-FAILED: cannot write into output/prod/tenants/payments")
          .doesNotContain("\tat ").doesNotContain("Exception");
    }
    assertThat(project.outputHash()).isEqualTo(before);
    assertThat(project.path(".meshplate/staging")).doesNotExist();
    assertThat(project.path(".meshplate/journal")).doesNotExist();
  }

  @Test
  void aMissingFolderUnderAnUnwritableOneFailsNamingTheFolderThatExists() throws Exception {
    TestProject project = TestProject.copyOf(dir);
    Path tenants = project.path("output/prod/tenants");
    try (var files = Files.walk(tenants.resolve("payments"))) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
    String before = project.outputHash();
    try (Unwritable ignored = Unwritable.make(tenants)) {
      Run render = project.run("render");

      assertThat(render.exitCode()).as(render.out() + render.err()).isEqualTo(6);
      assertThat(render.err()).contains("output/prod/tenants: OUTPUT-WRITE-FAILED: cannot write into output/prod/tenants:")
          .doesNotContain("output/prod/tenants/payments: OUTPUT-WRITE-FAILED");
    }
    assertThat(project.outputHash()).isEqualTo(before);
    assertThat(project.path(".meshplate/staging")).doesNotExist();
  }

  @Test
  void anUnwritableStateFolderNamesTheLock() throws Exception {
    TestProject project = TestProject.copyOf(dir);
    Files.createDirectories(project.path(".meshplate"));
    try (Unwritable ignored = Unwritable.make(project.path(".meshplate"))) {
      Run render = project.run("render");

      assertThat(render.exitCode()).isEqualTo(6);
      assertThat(render.err()).contains(".meshplate/: OUTPUT-WRITE-FAILED: cannot create meshplate's state folder");
    }
  }

  /** A folder this process cannot write into: immutable for root, read-only otherwise. */
  private record Unwritable(Path folder, boolean immutable) implements AutoCloseable {
    static Unwritable make(Path folder) throws IOException, InterruptedException {
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        assumeTrue(chattr("+i", folder), "chattr +i is not available here; this check runs where it is (CI)");
      } else {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
      }
      assumeTrue(!Files.isWritable(folder), "cannot make " + folder + " unwritable here");
      return new Unwritable(folder, root);
    }

    @Override
    public void close() throws IOException, InterruptedException {
      if (immutable) {
        chattr("-i", folder);
      } else {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }

    private static boolean chattr(String flag, Path folder) throws IOException, InterruptedException {
      try {
        Process process = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
      } catch (IOException missing) {
        return false;
      }
    }
  }
}
