package io.meshplate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.output.FileId;
import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI shares one cache between its clones through a secret ({@code MESHPLATE_CACHE_KEY}): what one
 * clone kept is read by another given the same secret and by no clone without it; {@code check}
 * keeps what a render keeps when its cache outlives the clone; a restored cache never hides a
 * hand edit in {@code output/}; and a secret short enough to guess is refused.
 */
class SharedCacheTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef-shared-by-ci";

  @TempDir Path dir;

  private final List<FileId> files = List.of(FileId.of("namespace.yaml", "kind: Namespace\n".getBytes(StandardCharsets.UTF_8)));

  @Test
  void clonesGivenTheSameKeyReadEachOthersEntriesAndNoOtherCloneDoes() throws Exception {
    Path first = gitRepository("first");
    Path second = gitRepository("second");
    CacheDir writer = CacheDir.open(first, KEY);
    assertThat(writer.shared()).isTrue();
    RenderCache stored = RenderCache.open(writer);
    stored.put(keyOf(stored), RenderCache.Entry.of(files, 1, new byte[0]));
    assertThat(first.resolve(".git").resolve(CloneKey.FILE)).as("no key of the clone's own is made").doesNotExist();

    TestFiles.copy(first.resolve(".meshplate"), second.resolve(".meshplate"));
    assertThat(lookUp(CacheDir.open(second, KEY))).as("the same key").isNotNull()
        .extracting(RenderCache.Rendered::files).isEqualTo(files);
    assertThat(lookUp(CacheDir.open(second, null))).as("the clone's own key").isNull();
    assertThat(lookUp(CacheDir.open(second, KEY + "-other"))).as("another key").isNull();
    assertThat(CacheDir.open(second, null).shared()).isFalse();
    assertThat(CacheDir.open(second, "").shared()).as("an empty variable is no key").isFalse();
  }

  @Test
  void aKeyShortEnoughToGuessIsRefusedWithHowToMakeOne() throws Exception {
    Path clone = gitRepository("clone");
    assertThatThrownBy(() -> CacheDir.open(clone, "0123456789abcdef0123456789abcde"))
        .isInstanceOfSatisfying(UsageException.class, e -> {
          Problem problem = e.problems().get(0);
          assertThat(problem.file()).isEqualTo("MESHPLATE_CACHE_KEY");
          assertThat(problem.rule()).isEqualTo("CACHE-KEY-TOO-SHORT");
          assertThat(problem.message()).contains("has 31 characters").contains("at least 32");
          assertThat(problem.hint()).contains("openssl rand -hex 32");
        });
    assertThat(clone.resolve(".meshplate")).as("nothing written").doesNotExist();
  }

  /**
   * The command line reads the key from its environment, in CI's order: the main branch's
   * {@code check} keeps what a render keeps, a pull request's clone restores that cache, and its
   * {@code check} still reads {@code output/}, so an edit that keeps a file's size and
   * modification time is found. Without the key, {@code check} on a fresh clone keeps no facts.
   */
  @Test
  void checkOverARestoredCacheStillFindsAHandEditAndAShortKeyStopsTheRun() throws Exception {
    TestProject origin = TestProject.copyOf(dir.resolve("origin"));
    try (Git git = Git.init().setDirectory(origin.root().toFile()).setInitialBranch("main").call()) {
      Files.writeString(origin.path(".gitignore"), ".meshplate/\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("tenants and their output").setAuthor("t", "t@invalid").setCommitter("t", "t@invalid")
          .setSign(false).call();
    }

    Path main = cloneOf(origin.root(), "main");
    assertThat(check(main, KEY)).startsWith("0 ");
    assertThat(main.resolve(".meshplate/cache/reach/dev")).as("facts kept for the clones that restore the cache")
        .isRegularFile();
    Path alone = cloneOf(origin.root(), "alone");
    assertThat(check(alone, null)).startsWith("0 ");
    assertThat(alone.resolve(".meshplate/cache/reach/dev")).as("a fresh clone's own check keeps no facts")
        .doesNotExist();

    Path pr = cloneOf(origin.root(), "pr");
    TestFiles.copy(main.resolve(".meshplate/cache"), pr.resolve(".meshplate/cache"));
    Path quota = pr.resolve("output/dev/tenants/payments/resource-quota.yaml");
    FileTime modified = Files.getLastModifiedTime(quota);
    String text = Files.readString(quota);
    assertThat(text).contains("services.loadbalancers: \"0\"");
    Files.writeString(quota, text.replace("services.loadbalancers: \"0\"", "services.loadbalancers: \"9\""));
    Files.setLastModifiedTime(quota, modified);
    assertThat(check(pr, KEY)).startsWith("1 ").contains("output/dev/tenants/payments/resource-quota.yaml");

    assertThat(check(pr, "too-short")).startsWith("2 ").contains("MESHPLATE_CACHE_KEY: CACHE-KEY-TOO-SHORT");
    // diff too, whose review by effect would otherwise only say it could not be worked out.
    assertThat(run(pr, "too-short", "diff", "--base", "HEAD")).startsWith("2 ")
        .contains("MESHPLATE_CACHE_KEY: CACHE-KEY-TOO-SHORT");

    // reach in a clone whose restored cache no stamp of its own proves: the facts kept for a
    // folder's content are taken by the blob ids of the files read, so an edited file is parsed,
    // and the table is the one a run without any cache prints.
    Path edited = cloneOf(origin.root(), "edited");
    TestFiles.copy(main.resolve(".meshplate/cache"), edited.resolve(".meshplate/cache"));
    Path policy = edited.resolve("output/dev/tenants/payments/authorization-policy.yaml");
    String rules = Files.readString(policy);
    assertThat(rules).contains("- /v1/payments/*");
    Files.writeString(policy, rules.replace("- /v1/payments/*", "- /v9/payments/*"));
    String withCache = run(edited, KEY, "reach", "--env", "dev", "--to", "payments");
    assertThat(withCache).startsWith("0 ").contains("[UNDECLARED: GET, POST /v9/payments/*]")
        .contains("[declared, blocked: GET, POST /v1/payments/*]");
    assertThat(run(edited, null, "reach", "--env", "dev", "--to", "payments", "--no-cache")).isEqualTo(withCache);
  }

  /** The key of one folder's inputs (the same in every clone) as {@code cache} computes it: the writer's identity is part of it. */
  private static byte[] keyOf(RenderCache cache) {
    return cache.key(digest -> digest.update((byte) 7));
  }

  private static RenderCache.Rendered lookUp(CacheDir dir) {
    RenderCache cache = RenderCache.open(dir);
    return cache.rendered(keyOf(cache));
  }

  private String check(Path root, String sharedKey) throws Exception {
    return run(root, sharedKey, "check");
  }

  /** meshplate in a JVM of its own with {@code MESHPLATE_CACHE_KEY} set (null: unset): its exit code, a space, what it printed. */
  private String run(Path root, String sharedKey, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "io.meshplate.Main", "--root", root.toString(), "--no-color"));
    args.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
    builder.environment().remove(CloneKey.VARIABLE);
    if (sharedKey != null) {
      builder.environment().put(CloneKey.VARIABLE, sharedKey);
    }
    Path log = Files.createTempFile(dir, command[0], ".log");
    Process process = builder.redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
    return process.exitValue() + " " + Files.readString(log);
  }

  private Path gitRepository(String name) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Git.init().setDirectory(root.toFile()).setInitialBranch("main").call().close();
    return root;
  }

  private Path cloneOf(Path origin, String name) throws Exception {
    Path clone = dir.resolve(name);
    Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).call().close();
    return clone;
  }
}
