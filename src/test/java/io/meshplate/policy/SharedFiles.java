package io.meshplate.policy;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code shared/} next to the project (or a worktree's parent); required in CI. */
final class SharedFiles {
  private SharedFiles() {}

  static Path require(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    String message = "shared/" + relative + " not found next to the project root";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + "; CI must provide it");
    }
    Assumptions.abort(message + "; skipped outside CI");
    return null;
  }
}
