package io.meshplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code templates/} and the folders every overlay reads from it ({@code base}, {@code lib},
 * {@code overlays}) are real folders of the project. The checks of the files inside them
 * ({@link FileKind}) never look at the path above a file, so a link here would carry every
 * platform file out of the project at once; they are checked before anything is read below them.
 */
public final class PlatformFolders {
  static final String RULE = "TEMPLATES-NOT-FOLDER";

  private PlatformFolders() {}

  /**
   * Refuses any of those folders that is a link, a file or a special file. Absent folders pass:
   * their readers say what is missing.
   *
   * @throws InvalidInputException naming each such folder
   */
  public static void require(Workspace workspace) {
    List<Problem> problems = new ArrayList<>();
    Path templates = workspace.templates();
    for (Path folder : List.of(templates, workspace.baseTemplates(), templates.resolve("lib"), workspace.overlays())) {
      FileKind kind = FileKind.of(folder);
      if (kind == FileKind.LINK) {
        problems.add(new Problem(workspace.display(folder), 0, 0, RULE,
            "a symbolic link: the platform's templates and values are read from a real folder in the project,"
                + " never through a link, so a render does not depend on what the link finds on this machine",
            "replace the link with the folder itself"));
      } else if (kind == FileKind.FILE || kind == FileKind.SPECIAL) {
        problems.add(new Problem(workspace.display(folder), 0, 0, RULE,
            "not a folder", "replace it with a folder: templates/ holds the folders base, lib and overlays"));
      }
      if (folder.equals(templates) && !problems.isEmpty()) {
        break; // nothing below it is looked at
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
