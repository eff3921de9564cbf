package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.cache.RenderCache;
import io.meshplate.manifest.FolderId;
import io.meshplate.output.FileId;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The render cache in .meshplate/cache/ only ever saves time: a render with it writes exactly
 * what a render without it writes, whatever changed and whatever happened to the cache.
 */
class RenderCacheTest {
  @TempDir Path dir;

  /** What a render of {@code project}'s inputs without any cache writes. */
  private String uncachedRender(TestProject project, String name) {
    TestProject fresh = TestProject.copyOf(dir.resolve(name));
    TestFiles.delete(fresh.path("tenants"));
    TestFiles.delete(fresh.path("templates"));
    TestFiles.copy(project.path("tenants"), fresh.path("tenants"));
    TestFiles.copy(project.path("templates"), fresh.path("templates"));
    Run render = fresh.run("render", "--no-cache");
    assertThat(render.exitCode()).as(render.err()).isZero();
    return fresh.outputHash();
  }

  @Test
  void anotherTenantsChangeThatReachesThisTenantInvalidatesItsEntry() {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    String ledgerDev = project.read("output/dev/tenants/ledger/authorization-policy.yaml");
    assertThat(ledgerDev).doesNotContain("reporting");

    // ledger allows reporting/exporter; reporting renders only to stage and prod, so ledger's
    // dev policy leaves that caller out. Only reporting's descriptor changes here.
    project.edit("tenants/reporting.yaml", "environments: [stage, prod]", "environments: [dev, stage, prod]");
    Run render = project.run("render");

    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(project.read("output/dev/tenants/ledger/authorization-policy.yaml"))
        .isNotEqualTo(ledgerDev).contains("reporting-dev/sa/exporter");
    assertThat(project.outputHash()).isEqualTo(uncachedRender(project, "fresh"));
  }

  /**
   * A link among the templates fails every render (TEMPLATE-NOT-FILE, exit 5), cached or not:
   * the cache must not serve the folders a link would have left unrendered.
   */
  @Test
  void aTemplateLinkFailsACachedRenderAsItFailsAFreshOne() throws IOException {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    String before = project.outputHash();
    Path link = project.path("templates/base/tenant/shared.yaml.ftl");
    Files.createSymbolicLink(link, link.getParent().relativize(project.path("templates/base/tenant/sidecar.yaml.ftl")));

    for (String[] args : List.of(new String[] {"render"}, new String[] {"render"}, new String[] {"check"},
        new String[] {"render", "--no-cache"})) {
      Run run = project.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(5);
      assertThat(run.err()).contains("templates/base/tenant/shared.yaml.ftl: TEMPLATE-NOT-FILE: a symbolic link");
      assertThat(project.outputHash()).isEqualTo(before);
    }
  }

  @Test
  void aTemplateChangeReachesEveryFolderAndAnUnchangedRunWritesNothing() {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    project.edit("templates/base/tenant/sidecar.yaml.ftl", "  name: default\n  namespace: ${namespace}\n",
        "  name: default\n  namespace: ${namespace}\n  labels:\n    reviewed: \"yes\"\n");

    Run second = project.run("render");
    Run third = project.run("render");

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains(" 27 files written,");
    assertThat(project.read("output/dev/tenants/ledger/sidecar.yaml")).contains("reviewed: \"yes\"");
    assertThat(third.out()).contains(" 0 files written,");
    assertThat(project.outputHash()).isEqualTo(uncachedRender(project, "fresh"));
  }

  /**
   * The whole-tree checks (Argo CD projects and deliveries, mesh telemetry, control planes) are
   * skipped only over inputs a recent run passed: the verdicts file is not even written again
   * when a change leaves what folders keep alone (a run of the checks keeps its verdict, in a new
   * file), and a change that breaks a tree rule fails however the run before ended and is never
   * kept as passed.
   */
  @Test
  void theWholeTreeChecksAreSkippedOnlyOverInputsThatPassed() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    Path verdicts = project.path(".meshplate/cache/tree");
    byte[] first = Files.readAllBytes(verdicts);
    Object file = fileKey(verdicts);

    // An allow rule is not among what folders keep for the tree checks.
    project.edit("tenants/payments.yaml", "methods: [GET]\n", "methods: [GET, HEAD]\n");
    Run allow = project.run("render");
    assertThat(allow.exitCode()).as(allow.err()).isZero();
    assertThat(allow.out()).doesNotContain(" 0 files written,");
    assertThat(fileKey(verdicts)).isEqualTo(file);

    // A whitelisted kind no folder renders breaks INV-ARGOCD-PROJECT in every overlay.
    String projects = "templates/base/platform/argocd/projects.yaml.ftl";
    String whitelist = "  namespaceResourceWhitelist:\n  - group: argoproj.io\n    kind: AppProject\n---\n";
    project.edit(projects, whitelist, whitelist.replace("---\n", "  - group: \"\"\n    kind: ConfigMap\n---\n"));
    Run broken = project.run("render");
    assertThat(broken.exitCode()).as(broken.out()).isEqualTo(4);
    assertThat(broken.err()).contains("INV-ARGOCD-PROJECT", "whitelists ConfigMap, which no folder it syncs renders");
    assertThat(project.run("check").exitCode()).isEqualTo(4);
    assertThat(Files.readAllBytes(verdicts)).isEqualTo(first);

    // Mended, the tree is the one that passed; a Telemetry change makes another, kept too.
    project.edit(projects, "  - group: \"\"\n    kind: ConfigMap\n", "");
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(fileKey(verdicts)).isEqualTo(file);
    project.edit("tenants/payments.yaml", "tracingPercent: 10", "tracingPercent: 5");
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(Files.readAllBytes(verdicts)).isNotEqualTo(first);
    assertThat(project.outputHash()).isEqualTo(uncachedRender(project, "fresh"));
  }

  /**
   * A folder served from the cache holds what it kept for the whole-tree checks by its digest
   * only. When those checks run and its cache entry is gone meanwhile (a full render elsewhere
   * pruned it), the folder is rendered in memory for them, and they pass as they would have.
   */
  @Test
  void treeFactsWhoseCacheEntryWentAwayMeanwhileComeFromARenderInMemory() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    // A Telemetry change: what folders keep changes, so the whole-tree checks run.
    project.edit("tenants/payments.yaml", "tracingPercent: 10", "tracingPercent: 5");
    Path verdicts = project.path(".meshplate/cache/tree");
    byte[] before = Files.readAllBytes(verdicts);
    Workspace workspace = new Workspace(project.root());
    CacheDir cache = CacheDir.open(project.root());
    AtomicBoolean pruned = new AtomicBoolean();
    FolderRun.Sink pruning = new FolderRun.Sink() {
      @Override
      public boolean cached(FolderId folder, List<FileId> files) {
        if (!pruned.getAndSet(true)) {
          // Once this folder was read from it, the entries go at once (other folders may be writing
          // theirs meanwhile, so the directory is moved aside rather than emptied file by file).
          moveAside(project.path(".meshplate/cache/folders"));
        }
        return true;
      }

      @Override
      public void accept(FolderId folder, SortedMap<String, byte[]> files, Map<String, FileId> ids) {
        // nothing is written: the run is about the checks
      }
    };
    Pipeline.Validated validated = new Pipeline(workspace).validate();
    FolderRun run = new FolderRun(new FolderWork(workspace, () -> validated, null, new DiskFacts(workspace, cache, false)),
        RenderCache.open(cache), pruning, false);

    FolderRun.Summary summary = run.run(Selection.ALL);

    assertThat(pruned).isTrue();
    assertThat(summary.tenants()).isEqualTo(7);
    // The checks ran over every folder's kept objects, passed, and their inputs were kept.
    assertThat(Files.readAllBytes(verdicts)).isNotEqualTo(before);
  }

  /**
   * A folder rendered by a run too large to keep every folder's facts as collected
   * ({@link FolderRun#HOLD_FACTS_UP_TO}, lowered here) holds what it keeps for the whole-tree checks
   * by digest only once its cache entry is stored, read back from that entry when the checks run.
   * An entry gone by then is made again by a render in memory: the checks see the same facts, so
   * they record the same verdict as a run that kept every folder's facts as collected.
   */
  @Test
  void treeFactsOfAFolderRenderedThisRunWhoseEntryWentAwayComeFromARenderInMemory() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    Workspace workspace = new Workspace(project.root());
    Pipeline.Validated validated = new Pipeline(workspace).validate();
    FolderRun.Sink nowhere = (folder, files, ids) -> { };
    coldRun(workspace, validated, nowhere, FolderRun.HOLD_FACTS_UP_TO);
    byte[] verdictOfAWholeCache = Files.readAllBytes(project.path(".meshplate/cache/tree"));
    TestFiles.delete(project.path(".meshplate/cache"));
    AtomicBoolean pruned = new AtomicBoolean();
    AtomicInteger accepted = new AtomicInteger();
    FolderRun.Sink pruning = (folder, files, ids) -> {
      // A folder's entry is stored after the sink takes its files: by the tenth folder, some are.
      if (accepted.incrementAndGet() >= 10 && !pruned.getAndSet(true)) {
        // The entries stored so far go; the folders rendered after this one store theirs anew.
        moveAside(project.path(".meshplate/cache/folders"));
      }
    };

    FolderRun.Summary summary = coldRun(workspace, validated, pruning, 0);

    assertThat(pruned).isTrue();
    assertThat(summary.tenants()).isEqualTo(7);
    assertThat(project.path(".meshplate/cache/folders.gone")).isDirectory();
    assertThat(Files.readAllBytes(project.path(".meshplate/cache/tree"))).isEqualTo(verdictOfAWholeCache);
  }

  /** Every folder rendered into {@code sink} with a cache that starts empty. */
  private static FolderRun.Summary coldRun(Workspace workspace, Pipeline.Validated validated, FolderRun.Sink sink,
      int holdFactsUpTo) {
    CacheDir cache = CacheDir.open(workspace.root());
    return new FolderRun(new FolderWork(workspace, () -> validated, null, new DiskFacts(workspace, cache, false)),
        RenderCache.open(cache), sink, false, holdFactsUpTo).run(Selection.ALL);
  }

  private static void moveAside(Path dir) {
    try {
      Files.move(dir, dir.resolveSibling(dir.getFileName() + ".gone"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's identity (device and inode where there are any): a file written again is a new one. */
  private static Object fileKey(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  @Test
  void aDamagedCacheOnlyCostsTime() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    project.edit("tenants/catalog.yaml", "accessLog: off", "accessLog: all");
    // Every cache file damaged one of three ways: a byte flipped in its middle, cut to half its
    // length, or emptied.
    try (Stream<Path> files = Files.walk(project.path(".meshplate/cache"))) {
      int damaged = 0;
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 40) {
          switch (damaged++ % 3) {
            case 0 -> {
              bytes[bytes.length / 2] ^= 0x5a;
              Files.write(file, bytes);
            }
            case 1 -> Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            default -> Files.write(file, new byte[0]);
          }
        }
      }
    }

    Run render = project.run("render");
    Run check = project.run("check");

    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(project.outputHash()).isEqualTo(uncachedRender(project, "fresh"));
  }

  @Test
  void aHandEditThatKeepsSizeAndModificationTimeIsStillFound() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(project.run("check").exitCode()).isZero();
    Path sidecar = project.path("output/prod/tenants/payments/sidecar.yaml");
    FileTime modified = Files.getLastModifiedTime(sidecar);
    String text = Files.readString(sidecar, StandardCharsets.UTF_8);
    assertThat(text).contains("REGISTRY_ONLY");
    Files.delete(sidecar); // a new inode, the way most editors save
    Files.writeString(sidecar, text.replace("REGISTRY_ONLY", "ALLOW_ANY_XXX"), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(sidecar, modified);

    Run check = project.run("check");

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("stale    output/prod/tenants/payments/sidecar.yaml", "+    mode: REGISTRY_ONLY");
    assertThat(project.run("render").out()).contains(" 1 files written,");
    assertThat(project.read("output/prod/tenants/payments/sidecar.yaml")).isEqualTo(text);
  }

  @Test
  void anInPlaceEditWithTheSameSizeIsFound() throws Exception {
    TestProject project = TestProject.copyOf(dir.resolve("project"));
    assertThat(project.run("render").exitCode()).isZero();
    Path sidecar = project.path("output/dev/tenants/catalog/sidecar.yaml");
    byte[] bytes = Files.readAllBytes(sidecar);
    String edited = new String(bytes, StandardCharsets.UTF_8).replace("REGISTRY_ONLY", "ALLOW_ANY_XXX");
    Files.write(sidecar, edited.getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);

    Run check = project.run("check");

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("stale    output/dev/tenants/catalog/sidecar.yaml");
    assertThat(List.of(project.run("render").exitCode())).containsExactly(0);
  }
}
