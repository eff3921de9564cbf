package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.ApplyResult;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/floor.sh} times a cold render with the intent gate and the policy invariants left
 * out by applying {@code bench/patches/leave-out-checks.patch} to a scratch copy of the sources.
 * The patch must keep applying as the pipeline changes, and must touch nothing but the two
 * classes that decide which checks run, so that what the script times is the checks left out and
 * not some other change (the script also stops when a tree differs from the shipped render's).
 */
class BenchPatchTest {
  private static final Path PATCH = Path.of("bench/patches/leave-out-checks.patch");
  private static final Pattern TARGET = Pattern.compile("(?m)^\\+\\+\\+ b/(\\S+)$");

  @TempDir Path scratch;

  @Test
  void theBenchmarkPatchAppliesToTheCurrentSourcesAndOnlyChoosesWhichChecksRun() throws Exception {
    String patch = Files.readString(PATCH);
    List<String> targets = TARGET.matcher(patch).results().map(m -> m.group(1)).toList();
    assertThat(targets).containsExactly(
        "src/main/java/io/meshplate/pipeline/FolderRun.java",
        "src/main/java/io/meshplate/pipeline/FolderWork.java");
    for (String target : targets) {
      Files.createDirectories(scratch.resolve(target).getParent());
      Files.copy(Path.of(target), scratch.resolve(target));
    }

    try (Git git = Git.init().setDirectory(scratch.toFile()).call(); InputStream in = Files.newInputStream(PATCH)) {
      ApplyResult result = git.apply().setPatch(in).call();
      assertThat(result.getUpdatedFiles()).hasSize(2);
    }

    String run = Files.readString(scratch.resolve(targets.get(0)));
    String work = Files.readString(scratch.resolve(targets.get(1)));
    assertThat(run).contains("System.getProperty(\"meshplate.bench.skip\"");
    assertThat(work).contains("FolderRun.skipped(\"gate\")").contains("FolderRun.skipped(\"invariants\")");
    // No shipped source asks for the property: the product has no such switch.
    try (Stream<Path> sources = Files.walk(Path.of("src/main"))) {
      assertThat(sources.filter(Files::isRegularFile).filter(p -> contains(p, "meshplate.bench.skip")).toList())
          .isEmpty();
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
