package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The pipeline definitions parse strictly and both go through ci/pr.sh and publish. */
class PipelineFilesTest {
  private static List<StrictYaml.Document> read(String file) throws Exception {
    return StrictYaml.readAll(file, Files.readAllBytes(Path.of(file)), YamlLimits.PLATFORM);
  }

  @Test
  void githubWorkflowRunsTheScriptOnPullRequestsAndPublishesOnMain() throws Exception {
    Map<String, Object> workflow = read(".github/workflows/meshplate.yaml").get(0).rootMap();
    assertThat(Nodes.map(workflow, "on").keySet()).extracting(Object::toString).containsExactly("pull_request", "push");
    String text = Files.readString(Path.of(".github/workflows/meshplate.yaml"));
    assertThat(text).contains("run: ci/pr.sh").contains("--body-file target/meshplate-review.md")
        .contains("./meshplate publish --repo")
        .contains("MESHPLATE_SCHEMAS: ${{ vars.MESHPLATE_SCHEMAS }}");
    // Every pull request runs the gate: a change to the pipeline or the code must be reviewed too.
    assertThat(Nodes.map(workflow, "on").get("pull_request")).isNull();
    // A shared cache (README, "Sharing the cache between CI's clones"): both jobs hold the key, and
    // only the push job saves what the pull requests restore.
    assertThat(text.split("MESHPLATE_CACHE_KEY: \\$\\{\\{ secrets.MESHPLATE_CACHE_KEY }}", -1)).hasSize(3);
    assertThat(uses(workflow, "review")).contains("actions/cache/restore@v4")
        .noneMatch(action -> action.startsWith("actions/cache/save") || action.startsWith("actions/cache@"));
    assertThat(uses(workflow, "publish")).contains("actions/cache/restore@v4", "actions/cache/save@v4");
  }

  /** The actions the steps of {@code job} use, in order. */
  private static List<String> uses(Map<?, ?> workflow, String job) {
    return Nodes.list(workflow, "jobs", job, "steps").stream()
        .map(step -> Nodes.text(step, "uses")).filter(Objects::nonNull).toList();
  }

  @Test
  void tektonPipelineHasItsTasksAndRunsTheSameScript() throws Exception {
    List<StrictYaml.Document> docs = read(".tekton/meshplate-pipeline.yaml");
    assertThat(docs).extracting(d -> d.rootMap().get("kind") + "/" + Nodes.text(d.rootMap(), "metadata", "name"))
        .containsExactly("Pipeline/meshplate", "Task/meshplate-clone", "Task/meshplate-pr", "Task/meshplate-comment",
            "Task/meshplate-publish");
    String text = Files.readString(Path.of(".tekton/meshplate-pipeline.yaml"));
    assertThat(text).contains("exec ci/pr.sh").contains("./meshplate publish --repo")
        .contains("{name: MESHPLATE_SCHEMAS, value: $(params.schemas)}");
    for (Object task : Nodes.list(docs.get(0).rootMap(), "spec", "tasks")) {
      String ref = Nodes.text(task, "taskRef", "name");
      assertThat(docs).anySatisfy(d -> assertThat(Nodes.text(d.rootMap(), "metadata", "name")).isEqualTo(ref));
    }
  }
}
