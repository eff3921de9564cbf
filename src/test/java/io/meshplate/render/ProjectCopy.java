package io.meshplate.render;

import io.meshplate.Workspace;
import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the project's templates (and tenants) in a temporary folder, for tests that change them. */
final class ProjectCopy {
  private ProjectCopy() {}

  static Workspace of(Path target) {
    Workspace project = TestTenants.project();
    copy(project.templates(), target.resolve("templates"));
    copy(project.tenants(), target.resolve("tenants"));
    return new Workspace(target);
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    TestFiles.copy(from, to);
  }
}
