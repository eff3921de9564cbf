package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject.Run;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What meshplate keeps in {@code .meshplate/} (the render cache, the output state, the kept
 * descriptors, facts and findings, the last run's record) only ever saves time. Through a random
 * sequence of changes (to descriptors, overlay values and templates, hand edits to {@code
 * output/}, damage to the cache itself, commits), each command run on a project that kept
 * everything answers exactly as the same command on a fresh clone of it, one without {@code
 * .meshplate/}: the same exit code, the same messages, and the same {@code output/} afterwards.
 *
 * <p>Both projects take every change alike; only the cache damage is done to the first alone.
 * Hand edits to {@code output/} keep the file's size and modification time where they can, the
 * edits a stamp alone would miss. The seeds are fixed, so a failure names the step to replay.
 */
class CacheEqualsFreshPropertyTest {
  /**
   * Steps per seed and seeds: a longer search runs with, for example,
   * {@code mvn test -Dtest=CacheEqualsFreshPropertyTest -Dmeshplate.cacheSteps=50 -Dmeshplate.cacheSeeds=40}.
   */
  private static final int STEPS = Integer.getInteger("meshplate.cacheSteps", 24);
  private static final Pattern COMMIT_ID = Pattern.compile("\\([0-9a-f]{7}\\)");

  static LongStream seeds() {
    return LongStream.rangeClosed(1, Integer.getInteger("meshplate.cacheSeeds", 2));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyCommandOverTheKeptCacheAnswersAsOnAFreshClone(long seed, @TempDir Path dir)
      throws Exception {
    TestProject kept = project(dir.resolve("kept"));
    TestProject fresh = project(dir.resolve("fresh"));
    List<String> tenants = list(Path.of("tenants"), ".yaml").stream()
        .map(file -> file.getFileName().toString().replace(".yaml", "")).toList();
    Changes changes = new Changes(tenants);
    List<String> done = new ArrayList<>();
    int lastExit = 0;
    for (int step = 0; step < STEPS; step++) {
      Random random = new Random(seed * 1_000 + step);
      // Mostly back to valid inputs after a refused run: refusals stop before the caches matter.
      Change change = lastExit >= 3 && lastExit <= 5 && random.nextInt(4) > 0 ? Changes.RESET : changes.any(random);
      long draw = random.nextLong();
      change.apply(kept, new Random(draw));
      if (!change.cacheOnly()) {
        change.apply(fresh, new Random(draw));
      }
      String[] command = command(random, tenants);
      done.add(change.name() + " then " + String.join(" ", command));

      Run withCache = run(kept, command);
      TestFiles.delete(fresh.path(".meshplate"));
      Run withoutCache = run(fresh, command);

      String where = "seed " + seed + ", step " + step + ", after: " + String.join("; ", done);
      assertThat(withCache).as(where).isEqualTo(withoutCache);
      assertThat(kept.outputHash()).as(where).isEqualTo(fresh.outputHash());
      lastExit = withCache.exitCode();
    }
  }

  /** A copy of the project, rendered and committed in a Git repository of its own. */
  private static TestProject project(Path root) throws Exception {
    TestProject project = TestProject.copyOf(root);
    Git.init().setDirectory(root.toFile()).setInitialBranch("main").call().close();
    assertThat(project.run("render", "-q").exitCode()).isZero();
    commit(project);
    return project;
  }

  private static void commit(TestProject project) {
    try (Git git = Git.open(project.root().toFile())) {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      git.commit().setMessage("step").setAuthor("test", "test@invalid").setCommitter("test", "test@invalid")
          .setAllowEmpty(true).call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] command(Random random, List<String> tenants) {
    String overlay = List.of("dev", "stage", "prod", "prod-eu").get(random.nextInt(4));
    String tenant = tenants.get(random.nextInt(tenants.size()));
    List<String[]> commands = List.of(
        new String[] {"render", "-q"},
        new String[] {"render", "-q"},
        new String[] {"check", "-q"},
        new String[] {"validate", "-q"},
        new String[] {"reach", "--env", overlay, "--check"},
        new String[] {"reach", "--env", overlay, "--from", tenant},
        new String[] {"render", "-q", "--tenant", tenant},
        new String[] {"render", "-q", "--env", overlay},
        new String[] {"check", "-q", "--env", overlay},
        new String[] {"diff", "--format", "json"});
    return commands.get(random.nextInt(commands.size()));
  }

  /** A run with the project's folder written as ROOT, so that two projects' messages compare. */
  private static Run run(TestProject project, String... command) {
    Run run = project.run(command);
    String root = project.root().toString();
    // The two repositories commit the same trees at moments that may differ: a review names its
    // base by its commit id, which is not what is compared here.
    Function<String, String> comparable = text -> COMMIT_ID.matcher(text.replace(root, "ROOT")).replaceAll("(COMMIT)");
    return new Run(run.exitCode(), comparable.apply(run.out()), comparable.apply(run.err()));
  }

  /** One change to a project: {@code apply} takes the same draws in both projects, so it changes them alike. */
  private record Change(String name, boolean cacheOnly, Mutation mutation) {
    void apply(TestProject project, Random random) {
      try {
        mutation.apply(project, random);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @FunctionalInterface
  private interface Mutation {
    void apply(TestProject project, Random random) throws IOException;
  }

  private static final class Changes {
    /** Descriptors and templates as the project has them (the changes start from its files). */
    static final Change RESET = new Change("inputs reset", false, (p, r) -> {
      for (String folder : List.of("tenants", "templates")) {
        TestFiles.delete(p.path(folder));
        TestFiles.copy(Path.of(folder).toAbsolutePath(), p.path(folder));
      }
    });

    private final List<Change> all = new ArrayList<>();

    /** @param tenants the project's tenants, sorted */
    Changes(List<String> tenants) {
      descriptor("a path", "paths: \\[[^\\]]*\\]", r -> "paths: [/v" + (1 + r.nextInt(3)) + "/" + pick(r, "a", "b") + "/*]");
      descriptor("methods", "methods: \\[[^\\]]*\\]", r -> "methods: [" + pick(r, "GET", "GET, POST", "PUT") + "]");
      descriptor("tracing", "tracingPercent: [0-9.]+", r -> "tracingPercent: " + pick(r, "0", "0.5", "1"));
      descriptor("environments", "environments: \\[[^\\]]*\\]",
          r -> "environments: [" + pick(r, "dev", "dev, stage", "dev, stage, prod", "stage, prod") + "]");
      descriptor("a port", "port: \\d+", r -> "port: " + pick(r, "8080", "8081", "9090", "443"));
      descriptor("a call or egress host dropped", "\n\\s+- \\{(tenant|host):[^\n]*", r -> "");
      descriptor("a call added", "\n  calls:\n", r -> "\n  calls:\n    - {tenant: "
          + pick(r, tenants.toArray(String[]::new))
          + ", service: " + pick(r, "api", "web", "ledger", "sender") + "}\n");
      add("a descriptor deleted", false, (p, r) -> {
        List<Path> files = list(p.path("tenants"), ".yaml");
        if (files.size() > 3) {
          Files.delete(files.get(r.nextInt(files.size())));
        }
      });
      add("a descriptor restored", false, (p, r) -> {
        String name = tenants.get(r.nextInt(tenants.size())) + ".yaml";
        Files.copy(Path.of("tenants", name), p.path("tenants/" + name), StandardCopyOption.REPLACE_EXISTING);
      });
      add("an input touched", false, (p, r) -> {
        List<Path> files = list(p.path("tenants"), ".yaml");
        files.addAll(list(p.path("templates"), ""));
        Files.setLastModifiedTime(files.get(r.nextInt(files.size())), FileTime.fromMillis(1_700_000_000_000L));
      });
      add("a template comment", false, (p, r) -> {
        List<Path> files = list(p.path("templates/base"), ".ftl");
        Path file = files.get(r.nextInt(files.size()));
        Files.writeString(file, Files.readString(file) + "<#-- " + r.nextInt(3) + " -->\n");
      });
      add("an overlay value", false, (p, r) -> edit(list(p.path("templates/overlays"), "overlay.yaml"),
          "meshTracingPercent: [0-9.]+", x -> "meshTracingPercent: " + pick(x, "0", "0.5", "1"), r));
      add("output edited, same size and time", false, (p, r) -> {
        Path file = outputFile(p, r);
        byte[] bytes = Files.readAllBytes(file);
        FileTime time = Files.getLastModifiedTime(file);
        for (int i = r.nextInt(Math.max(1, bytes.length - 1)); i < bytes.length - 1; i++) {
          if (bytes[i] != bytes[i + 1] && Character.isLetterOrDigit(bytes[i]) && Character.isLetterOrDigit(bytes[i + 1])) {
            byte b = bytes[i];
            bytes[i] = bytes[i + 1];
            bytes[i + 1] = b;
            break;
          }
        }
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);
      });
      add("output file deleted", false, (p, r) -> Files.delete(outputFile(p, r)));
      add("output file added", false, (p, r) -> Files.writeString(outputFile(p, r).resolveSibling("extra.yaml"), "a: 1\n"));
      add("output file appended to", false, (p, r) -> Files.writeString(outputFile(p, r), "# note\n",
          StandardOpenOption.APPEND));
      add("output touched", false, (p, r) -> Files.setLastModifiedTime(outputFile(p, r), FileTime.fromMillis(1_700_000_000_000L)));
      add("output policy widened", false, (p, r) -> edit(list(p.path("output"), "authorization-policy.yaml"),
          "- /v1/[a-z]+", x -> "- /*", r));
      add("cache byte flipped", true, (p, r) -> {
        List<Path> files = list(p.path(".meshplate/cache"), "");
        if (!files.isEmpty()) {
          Path file = files.get(r.nextInt(files.size()));
          byte[] bytes = Files.readAllBytes(file);
          if (bytes.length > 0) {
            bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
            Files.write(file, bytes);
          }
        }
      });
      add("cache file deleted", true, (p, r) -> {
        List<Path> files = list(p.path(".meshplate/cache"), "");
        if (!files.isEmpty()) {
          Files.delete(files.get(r.nextInt(files.size())));
        }
      });
      add("a commit", false, (p, r) -> commit(p));
    }

    Change any(Random random) {
      return all.get(random.nextInt(all.size()));
    }

    private void add(String name, boolean cacheOnly, Mutation mutation) {
      all.add(new Change(name, cacheOnly, mutation));
    }

    private void descriptor(String name, String pattern, Function<Random, String> to) {
      add("descriptor: " + name, false, (p, r) -> edit(list(p.path("tenants"), ".yaml"), pattern, to, r));
    }
  }

  /** Replaces one match of {@code pattern} in one of {@code files}, both drawn from {@code random}. */
  private static void edit(List<Path> files, String pattern, Function<Random, String> to, Random random)
      throws IOException {
    if (files.isEmpty()) {
      return;
    }
    Path file = files.get(random.nextInt(files.size()));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<int[]> matches = new ArrayList<>();
    Matcher m = Pattern.compile(pattern).matcher(text);
    while (m.find()) {
      matches.add(new int[] {m.start(), m.end()});
    }
    if (!matches.isEmpty()) {
      int[] at = matches.get(random.nextInt(matches.size()));
      Files.writeString(file, text.substring(0, at[0]) + to.apply(random) + text.substring(at[1]), StandardCharsets.UTF_8);
    }
  }

  private static Path outputFile(TestProject project, Random random) {
    List<Path> files = list(project.path("output"), ".yaml");
    return files.get(random.nextInt(files.size()));
  }

  private static String pick(Random random, String... values) {
    return values[random.nextInt(values.length)];
  }

  /** The regular files below {@code dir} whose names end with {@code suffix}, sorted (none when it is absent). */
  private static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return new ArrayList<>();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return new ArrayList<>(paths.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
