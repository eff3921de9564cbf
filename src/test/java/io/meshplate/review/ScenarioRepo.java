package io.meshplate.review;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.ResetCommand;

/**
 * One repository holding every scripted pull request, built once per test JVM: the rendered
 * project committed and tagged {@code base}, and per scenario a branch {@code pr/<scenario>}
 * with the change and its output. Tests that only read revisions share it; each commit writes
 * only the files the scenario changed, which keeps the suite fast on slow disks.
 */
final class ScenarioRepo {
  private static Path root;
  private static final Map<Scenarios, String> BRANCHES = new EnumMap<>(Scenarios.class);

  private ScenarioRepo() {}

  static synchronized Path root() {
    if (root == null) {
      try {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path built = Files.createTempDirectory(target, "scenario-repo-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProjectTree.delete(built)));
        build(built);
        root = built;
      } catch (Exception e) {
        throw new IllegalStateException("cannot build the scenario repository: " + e.getMessage(), e);
      }
    }
    return root;
  }

  private static void build(Path at) throws Exception {
    try (GitRepo repo = new GitRepo(at)) {
      ProjectTree tree = ProjectTree.copyOfProject(at).render();
      repo.commitAll("base");
      repo.git.tag().setName("base").call();
      for (Scenarios scenario : Scenarios.values()) {
        String branch = "pr/" + scenario.name().toLowerCase(Locale.ROOT);
        repo.git.checkout().setCreateBranch(true).setName(branch).setStartPoint("base").call();
        scenario.change(tree);
        repo.commitAll("pull request: " + scenario.name());
        repo.git.checkout().setName("main").call();
        repo.git.reset().setMode(ResetCommand.ResetType.HARD).setRef("base").call();
        repo.git.clean().setCleanDirectories(true).setForce(true).call();
        BRANCHES.put(scenario, branch);
      }
    }
  }

  /**
   * The review of a scenario's branch against {@code base} as {@code diff} makes it (the sides read
   * around the change, {@link OutputSnapshot#reviewSides}), and the same review of every object of
   * both sides with the effects of sides whose content is unknown (no blob ids), which evaluate
   * every flow.
   */
  static Review[] reviewAndWhole(Scenarios scenario) {
    Workspace ws = new Workspace(root());
    Pipeline pipeline = new Pipeline(ws);
    OutputSnapshot base = OutputSnapshot.fromGit(ws, "base");
    OutputSnapshot head = OutputSnapshot.fromGit(ws, BRANCHES.get(scenario), base);
    Effects whole = pipeline.effects("base", () -> unknown(base), BRANCHES.get(scenario), () -> unknown(head));
    return new Review[] {review(scenario, DeletionPolicy.DEFAULT), Reviewer.review(base, head, DeletionPolicy.DEFAULT, whole)};
  }

  private static OutputSnapshot unknown(OutputSnapshot side) {
    return new OutputSnapshot(side.label(), side.files(), side.templates(), new TreeMap<>(), side.owners());
  }

  /** The two sides of a scenario's review, read from Git as {@code diff} reads them. */
  static OutputSnapshot[] sides(Scenarios scenario) {
    Workspace ws = new Workspace(root());
    return OutputSnapshot.reviewSides(ws, "base", BRANCHES.get(scenario),
        ChangeScope.walk(ws, "base", BRANCHES.get(scenario)));
  }

  /** The review of a scenario's branch against {@code base}, read from Git as {@code diff} reads it. */
  static Review review(Scenarios scenario, DeletionPolicy policy) {
    Workspace ws = new Workspace(root());
    OutputSnapshot[] sides = sides(scenario);
    return Reviewer.review(sides[0], sides[1], policy,
        new Pipeline(ws).effects("base", () -> sides[0], BRANCHES.get(scenario), () -> sides[1]));
  }
}
