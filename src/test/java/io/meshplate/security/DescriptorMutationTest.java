package io.meshplate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.meshplate.GuardrailException;
import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
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
 * Property: whatever a tenant team writes, loading and rendering end in exactly one of two
 * ways: a {@code MeshplateException} for bad input (invalid input or guardrail) whose
 * descriptor problems carry a line, or a rendering whose every file re-parses strictly. Never
 * any other exception, never a template or output failure, never an internal error, and never a
 * connectivity verdict the model cannot reach ({@code REACH-UNKNOWN}) on what the templates wrote.
 *
 * <p>Inputs are random mutations of the example descriptors ({@link DescriptorMutator}), from
 * a fixed seed per example so that a failure names the seed that replays it; set
 * {@code -Dmeshplate.mutation.seed=N} to run other seeds.
 */
class DescriptorMutationTest {
  static final int CASES_PER_TENANT = 300;
  static final long SEED = Long.getLong("meshplate.mutation.seed", 20261126L);
  /** Problems about a whole file (no line to point at). */
  static final Set<String> FILE_LEVEL = Set.of("DESCRIPTOR-EXTENSION", "DESCRIPTOR-SYMLINK",
      "YAML-TOO-LARGE", "YAML-ENCODING");

  @TempDir Path root;

  @TestFactory
  Stream<DynamicTest> mutatedDescriptorsFailCleanlyOrRenderValidYaml() throws IOException {
    Path project = ProjectTrees.projectRoot();
    ProjectTrees.link(project.resolve("templates"), root.resolve("templates"));
    ProjectTrees.copy(project.resolve("tenants"), root.resolve("tenants"));
    Workspace workspace = new Workspace(root);
    List<Path> examples;
    try (Stream<Path> files = Files.list(root.resolve("tenants"))) {
      examples = files.sorted().toList();
    }
    return examples.stream().map(example -> DynamicTest.dynamicTest(
        example.getFileName().toString(), () -> mutate(workspace, example)));
  }

  private static void mutate(Workspace workspace, Path example) throws IOException {
    byte[] original = Files.readAllBytes(example);
    String file = "tenants/" + example.getFileName();
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) StrictYaml.read(file, original, YamlLimits.DESCRIPTOR).root();
    String tenant = example.getFileName().toString().replace(".yaml", "");
    long seed = SEED ^ tenant.hashCode();
    Random random = new Random(seed);
    DescriptorMutator mutator = new DescriptorMutator(random);
    Map<String, Integer> outcomes = new TreeMap<>();
    try {
      for (int i = 0; i < CASES_PER_TENANT; i++) {
        String text = mutator.mutate(tree);
        // getBytes replaces a lone surrogate with '?' instead of throwing, as an editor would.
        Files.write(example, text.getBytes(StandardCharsets.UTF_8));
        String outcome = outcome(workspace, tenant, text, seed, i);
        outcomes.merge(outcome, 1, Integer::sum);
      }
    } finally {
      Files.write(example, original);
    }
    System.out.println("mutations of " + file + " (seed " + seed + "): " + outcomes);
    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES_PER_TENANT);
    // Each tenant is rendered on its own (--tenant) into a tree without output/: the connectivity
    // check must still know the mesh (the platform folders, rendered in memory for it), so
    // mutations that stay valid render, and the model judges every object the templates write.
    assertThat(outcomes).as("outcomes of " + file).containsKey("rendered").doesNotContainKey("REACH-UNKNOWN");
  }

  private static String outcome(Workspace workspace, String tenant, String text, long seed, int index) {
    String replay = "replay with -Dmeshplate.mutation.seed=" + SEED + " (tenant " + tenant + ", seed "
        + seed + ", case " + index + "), input:\n" + text;
    try {
      // renderInMemory starts with DescriptorLoader.loadAll, so both are exercised.
      Rendering rendering = new Pipeline(workspace)
          .renderInMemory(new Selection(Set.of(), Set.of(tenant)), null);
      for (Map.Entry<String, byte[]> rendered : rendering.files().entrySet()) {
        StrictYaml.readAll("output/" + rendered.getKey(), rendered.getValue(), YamlLimits.PLATFORM);
      }
      return "rendered";
    } catch (InvalidInputException | GuardrailException expected) {
      List<Problem> unpositioned = new ArrayList<>();
      for (Problem problem : expected.problems()) {
        if (problem.file().startsWith("tenants/") && problem.line() < 1 && !FILE_LEVEL.contains(problem.rule())) {
          unpositioned.add(problem);
        }
      }
      assertThat(expected.problems()).as(replay).isNotEmpty();
      assertThat(unpositioned).as("problems without a line; " + replay).isEmpty();
      return expected.problems().get(0).rule();
    } catch (Throwable unexpected) {
      fail("not a clean outcome: " + unexpected + "; " + replay, unexpected);
      return "unreachable";
    }
  }
}
