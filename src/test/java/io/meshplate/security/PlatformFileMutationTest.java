package io.meshplate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.meshplate.MeshplateException;
import io.meshplate.OutputException;
import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Rendering;
import io.meshplate.pipeline.Selection;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever the platform team writes in {@code defaults.yaml}, {@code mesh-versions.yaml}
 * or an overlay's {@code overlay.yaml}, loading and rendering every tenant into every overlay end
 * in a problem the CLI reports with its rule and file (invalid input, a guardrail, a template that
 * cannot use the value) or in a rendering whose every file re-parses strictly; never another
 * exception, which the CLI can only report as an internal error (exit 70).
 *
 * <p>Inputs are random mutations of the project's own platform files ({@link DescriptorMutator}
 * works on any YAML tree), from a fixed seed per file so that a failure names the case that
 * replays it. {@code -Dmeshplate.platformMutation.cases=N} runs more cases per file and
 * {@code -Dmeshplate.mutation.seed=N} other seeds.
 */
class PlatformFileMutationTest {
  static final int CASES_PER_FILE = Integer.getInteger("meshplate.platformMutation.cases", 20);

  @TempDir Path root;

  @TestFactory
  Stream<DynamicTest> mutatedPlatformFilesFailCleanlyOrRenderValidYaml() throws IOException {
    Path project = ProjectTrees.projectRoot();
    ProjectTrees.copy(project.resolve("templates"), root.resolve("templates"));
    ProjectTrees.copy(project.resolve("tenants"), root.resolve("tenants"));
    Workspace workspace = new Workspace(root);
    List<Path> files = new ArrayList<>(List.of(workspace.baseTemplates().resolve("defaults.yaml"),
        workspace.baseTemplates().resolve("mesh-versions.yaml")));
    try (Stream<Path> overlays = Files.list(workspace.overlays())) {
      overlays.sorted().forEach(overlay -> files.add(overlay.resolve("overlay.yaml")));
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(workspace.display(file), () -> mutate(workspace, file)));
  }

  private static void mutate(Workspace workspace, Path file) throws IOException {
    byte[] original = Files.readAllBytes(file);
    String shown = workspace.display(file);
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) StrictYaml.read(shown, original, YamlLimits.PLATFORM).root();
    long seed = DescriptorMutationTest.SEED ^ shown.hashCode();
    DescriptorMutator mutator = new DescriptorMutator(new Random(seed));
    Map<String, Integer> outcomes = new TreeMap<>();
    try {
      for (int i = 0; i < CASES_PER_FILE; i++) {
        String text = mutator.mutate(tree);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        outcomes.merge(outcome(workspace, "replay with -Dmeshplate.mutation.seed=" + DescriptorMutationTest.SEED
            + " (" + shown + ", seed " + seed + ", case " + i + "), input:\n" + text), 1, Integer::sum);
      }
    } finally {
      Files.write(file, original);
    }
    System.out.println("mutations of " + shown + " (seed " + seed + "): " + outcomes);
    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES_PER_FILE);
  }

  private static String outcome(Workspace workspace, String replay) {
    try {
      Rendering rendering = new Pipeline(workspace).renderInMemory(new Selection(Set.of(), Set.of()), null);
      for (Map.Entry<String, byte[]> rendered : rendering.files().entrySet()) {
        StrictYaml.readAll("output/" + rendered.getKey(), rendered.getValue(), YamlLimits.PLATFORM);
      }
      return "rendered";
    } catch (OutputException unexpected) {
      fail("an in-memory render touched output/: " + unexpected + "; " + replay, unexpected);
      return "unreachable";
    } catch (MeshplateException expected) {
      assertThat(expected.problems()).as(replay).isNotEmpty();
      assertThat(expected.problems()).as("problems without a file; " + replay).allSatisfy(p -> assertThat(p.file()).isNotBlank());
      return expected.problems().get(0).rule();
    } catch (Throwable unexpected) {
      fail("not a clean outcome: " + unexpected + "; " + replay, unexpected);
      return "unreachable";
    }
  }
}
