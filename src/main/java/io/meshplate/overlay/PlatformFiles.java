package io.meshplate.overlay;

import io.meshplate.FileKind;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import java.nio.file.Path;
import java.util.List;

/**
 * The platform's own files ({@code defaults.yaml}, {@code mesh-versions.yaml}, each overlay's
 * folder and {@code overlay.yaml}) are read as regular files and folders inside
 * {@code templates/}, never through a symbolic link: a link may lead out of the project, and the
 * same commit would then render differently on another machine. Descriptors and templates are
 * held to the same rule where they are read.
 */
final class PlatformFiles {
  private PlatformFiles() {}

  /**
   * Whether {@code path} is refused, with its problem under {@code rule} added to
   * {@code problems}: a link or, for a file, anything but a regular file. A path that is what it
   * should be, or absent (its reader says so), is not.
   */
  static boolean refuse(Workspace workspace, Path path, String rule, boolean folder, List<Problem> problems) {
    String shown = workspace.display(path);
    FileKind kind = FileKind.of(path);
    if (kind == FileKind.LINK) {
      problems.add(new Problem(shown, 0, 0, rule,
          "a symbolic link: platform files are read inside templates/ only, never through a link, so a render"
              + " does not depend on what the link finds on this machine",
          "replace the link with a copy of what it points to"));
      return true;
    }
    if (!folder && (kind == FileKind.FOLDER || kind == FileKind.SPECIAL)) {
      problems.add(new Problem(shown, 0, 0, rule, "not a regular file (a folder, named pipe, socket or device)",
          "replace it with the file itself"));
      return true;
    }
    return false;
  }
}
