package io.meshplate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code shared/} next to the project root (or a worktree's parent). Tests that read it are
 * annotated {@code @Requires(SHARED_...)}, so they never start without it.
 */
public final class SharedFiles {
  private SharedFiles() {}

  /** {@code shared/<relative>} in the nearest ancestor that has it. */
  static Optional<Path> find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code shared/<relative>}; call it only from a test annotated with the matching {@link Requires}. */
  public static Path require(String relative) {
    return find(relative).orElseThrow(() -> new IllegalStateException(
        "shared/" + relative + " not found next to the project root; annotate the test with @Requires"));
  }
}
