package io.meshplate.pipeline;

import io.meshplate.Background;
import io.meshplate.GuardrailException;
import io.meshplate.InvalidInputException;
import io.meshplate.IoFailure;
import io.meshplate.MeshplateException;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.cache.DescriptorMemo;
import io.meshplate.cache.GatePack;
import io.meshplate.cache.RenderCache;
import io.meshplate.cache.RunRecord;
import io.meshplate.descriptor.ContentMemo;
import io.meshplate.descriptor.DescriptorLoader;
import io.meshplate.descriptor.DescriptorScaffold;
import io.meshplate.descriptor.SharedDocuments;
import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.Tenants;
import io.meshplate.manifest.FolderId;
import io.meshplate.output.FileId;
import io.meshplate.output.OutputSession;
import io.meshplate.output.OutputWriter;
import io.meshplate.output.WriteReport;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.OverlayLoader;
import io.meshplate.overlay.WaveAssignments;
import io.meshplate.policy.Guardrails;
import io.meshplate.policy.Placement;
import io.meshplate.reach.Findings;
import io.meshplate.reach.Reach;
import io.meshplate.reach.Report;
import io.meshplate.render.Renderer;
import io.meshplate.review.Deletion;
import io.meshplate.review.DeletionPolicy;
import io.meshplate.review.DeletionWatch;
import io.meshplate.review.Effects;
import io.meshplate.review.OutputSnapshot;
import io.meshplate.yaml.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The only class that knows the order of the stages (DESIGN §1): complete an interrupted write,
 * descriptors, overlays, cross-tenant guardrails, then folder by folder rendering with overlay
 * patches, canonical YAML, post-render invariants and optional schema validation (streamed, see
 * {@link FolderRun}), the overlay-wide and whole-render checks from the facts folders keep, and
 * the all-or-nothing write. Every failure is an
 * exception carrying positioned problems; nothing is written unless every stage passed.
 */
public final class Pipeline {
  /** Where the generated review routing lives, relative to the project root. */
  public static final String CODEOWNERS = CodeOwnersFile.PATH;

  private final Workspace workspace;
  private final String base;
  private final boolean useCache;
  private CacheDir cacheDir;

  /** A pipeline that uses the render cache in {@code .meshplate/cache/}. */
  public Pipeline(Workspace workspace) {
    this(workspace, null, true);
  }

  /**
   * @param base the revision a pull request starts from (null: {@code origin/main} if it
   *     resolves, else {@code HEAD}); a conflict between a tenant whose descriptor changed since
   *     then and one whose did not is reported at the changed one only
   */
  public Pipeline(Workspace workspace, String base) {
    this(workspace, base, true);
  }

  /**
   * @param base as for {@link #Pipeline(Workspace, String)}
   * @param useCache false renders and reads everything ({@code --no-cache}); the results are the
   *     same either way
   */
  public Pipeline(Workspace workspace, String base, boolean useCache) {
    this.workspace = workspace;
    this.base = base;
    this.useCache = useCache;
  }

  private CacheDir cache() {
    if (cacheDir == null) {
      cacheDir = useCache ? CacheDir.open(workspace.root()) : CacheDir.disabled();
    }
    return cacheDir;
  }

  /** Descriptors and overlays that passed every check before rendering. */
  public record Validated(Tenants tenants, OverlayCatalog overlays) {}

  /**
   * Descriptors (schema and semantic rules), overlays, then cross-tenant guardrails.
   *
   * @throws io.meshplate.InvalidInputException exit 3
   * @throws GuardrailException exit 4
   */
  public Validated validate() {
    return validate(null);
  }

  /** As {@link #validate()}, taking the documents {@code shared} holds instead of parsing them again (null: none). */
  private Validated validate(SharedDocuments shared) {
    ContentMemo own = DescriptorMemo.open(cache(), workspace);
    ContentMemo memo = shared == null ? own : shared.over(own);
    DescriptorLoader.Loaded descriptors = DescriptorLoader.read(workspace, memo);
    // Inputs that passed every check in an earlier run pass them again: only their reading is
    // repeated (on 1,000 unchanged tenants the rules and guardrails took a quarter of a second).
    boolean known = memo.validatedBefore(descriptors.digest());
    Tenants tenants = known ? descriptors.known() : descriptors.checked();
    OverlayCatalog overlays = OverlayLoader.load(workspace, memo);
    List<Problem> problems = known ? List.of() : crossTenantProblems(tenants, overlays);
    if (!known && problems.isEmpty()) {
      memo.validated(descriptors.digest());
    }
    DescriptorMemo.save(own);
    if (!problems.isEmpty()) {
      throw new GuardrailException(problems);
    }
    return new Validated(tenants, overlays);
  }

  /** The guardrails across tenants and the rollout waves' assignments. */
  private List<Problem> crossTenantProblems(Tenants tenants, OverlayCatalog overlays) {
    List<Placement> placements = placements(tenants, overlays);
    List<Problem> problems = new ArrayList<>(Guardrails.check(placements));
    if (!problems.isEmpty()) {
      // Only now is Git asked which descriptors the change touched: a passing run never opens it.
      problems = new ArrayList<>(
          Guardrails.check(placements, OutputSnapshot.changedDescriptors(workspace, base).orElse(null)));
    }
    problems.addAll(WaveAssignments.check(tenants.all(), overlays));
    return problems;
  }

  /**
   * Before a command reads {@code output/}: completes a write a killed run committed (see
   * {@link OutputWriter#complete}).
   *
   * @return a sentence per thing done, for a note
   */
  public List<String> completeInterruptedWrite() {
    return OutputWriter.complete(workspace.root());
  }

  /**
   * {@code meshplate new}: writes the commented skeleton {@code tenants/<name>.yaml} only when it
   * validates as written, in every overlay (a tenant {@code openshift} would own
   * {@code openshift-dev}, a 60-character name a namespace longer than 63 characters).
   *
   * @throws io.meshplate.UsageException exit 2, naming what the name breaks
   * @throws io.meshplate.OutputException exit 6 when the file exists
   */
  public Path scaffold(String name, String owner) {
    String text = DescriptorScaffold.text(workspace, name, owner);
    Set<Problem> problems = new TreeSet<>();
    for (String variant : List.of(text, DescriptorScaffold.withIngressExample(text))) {
      try {
        Tenant tenant = DescriptorLoader.loadOne(workspace, name, variant.getBytes(StandardCharsets.UTF_8));
        if (Files.isDirectory(workspace.overlays())) {
          problems.addAll(Guardrails.check(placements(Tenants.of(List.of(tenant)), OverlayLoader.load(workspace))));
        }
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      // Positions would point into a file that was never written: report the name only.
      throw new UsageException(problems.stream()
          .map(p -> new Problem(p.file(), 0, 0, p.rule(), p.message(), p.hint())).toList());
    }
    return DescriptorScaffold.write(workspace, name, text);
  }

  /**
   * Validates, renders the selection, checks the post-render invariants and, when {@code schemas}
   * is given, every object against the overlay's schemas, holding every output file in memory
   * (for {@code diff --render}). Writes nothing.
   *
   * @param schemas a folder of CRD and OpenAPI schemas, or null
   */
  public Rendering renderInMemory(Selection selection, Path schemas) {
    SortedMap<String, byte[]> files = new ConcurrentSkipListMap<>();
    Validated validated = validate();
    FolderRun.Summary summary = run(() -> validated, selection, schemas, RenderCache.disabled(), null, false,
        (folder, bytes, ids) -> bytes.forEach((name, content) -> files.put(folder.path() + "/" + name, content)));
    return rendering(files, selection, validated.overlays().names(), summary, codeOwners(validated));
  }

  /**
   * The connectivity of the selected overlays: every flow with every layer's answer, and the
   * intent check's findings (not thrown: the caller decides).
   *
   * @param render evaluate a fresh render (checked like {@code render}) instead of {@code output/}
   * @param from with {@code to}, a pair to evaluate even when no layer connects it (party ids or tenants)
   * @param flows keep every flow for the report; without, only the findings (a gate)
   * @param brief only the flows that are not denied, without every layer's answer: what a text
   *     table prints, evaluated as a gate evaluates (each flow until a layer denies all of it)
   */
  public Report reach(Selection selection, boolean render, String from, String to, boolean flows, boolean brief) {
    if (render) {
      Validated validated = validate();
      // Rendered and checked like render, one folder at a time, except for the connectivity
      // check, which is what this reports; nothing is written.
      FolderWork work = new FolderWork(workspace, () -> validated, null, new DiskFacts(workspace, CacheDir.disabled()),
          flows ? new FolderWork.ReachQuery(from, to, brief) : null);
      return Reach.report(new FolderRun(work, RenderCache.disabled(), (folder, bytes, ids) -> { }, false).reach(selection));
    }
    // output/ is made whole first, so its folders can be read while the descriptors are validated.
    OutputWriter.recover(workspace.root());
    try (DiskFacts disk = new DiskFacts(workspace, cache())) {
      disk.readAhead(selection.overlays().isEmpty() ? renderedOverlays() : selection.overlays());
      Validated validated = validate();
      List<String> overlays = overlays(selection, validated);
      return Reach.report(flows ? ReachStage.evaluate(workspace, disk, validated, overlays, from, to, brief)
          : ReachStage.check(workspace, disk, validated, overlays));
    }
  }

  /**
   * The overlay folders {@code output/} holds, sorted; none when it cannot be listed (a folder read
   * later reports its own failure).
   */
  private List<String> renderedOverlays() {
    try {
      return outputFolders();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The review by effect of two output snapshots: each judged by the connectivity model with the
   * descriptors and overlays of its own revision, and the flows that differ. When a side's
   * descriptors do not load, the effects are unavailable (with the reason) rather than failing
   * the review.
   *
   * <p>Each side's report holds its findings and the flows around the change, not every flow (see
   * {@link ReviewByEffect}): on 10,000 tenants, two reports of every flow did not fit in 6 GiB.
   *
   * <p>The snapshots are asked for only once both revisions are validated, so they may still be
   * being read on another thread ({@code meshplate diff}). A snapshot that fails to read leaves
   * the effects unavailable too; the caller that reads the snapshots reports that failure.
   *
   * @param beforeRef the revision {@code before} comes from, null for this workspace
   * @param afterRef the revision {@code after} comes from, null for this workspace
   */
  public Effects effects(String beforeRef, Supplier<OutputSnapshot> before, String afterRef,
      Supplier<OutputSnapshot> after) {
    // Checked before a revision's failure can make the effects unavailable: a MESHPLATE_CACHE_KEY
    // too short to use is the run's usage error (exit 2), as in every other command. Not by
    // opening the cache, which would create .meshplate/ while meshplate diff walks the work tree.
    CacheDir.checkSharedKey();
    try {
      // The two sides' descriptors are mostly the same files: the second side takes the first's documents.
      SharedDocuments shared = new SharedDocuments();
      // What the last check or render kept for output/ on disk: of use to a review of the work tree only.
      Function<String, byte[]> kept = afterRef != null ? overlay -> null
          : overlay -> GatePack.FINDINGS.read(cache(), overlay);
      return atRevision(beforeRef, shared, base -> atRevision(afterRef, shared,
          head -> ReviewByEffect.of(base, before.get(), head, after.get(), kept)));
    } catch (MeshplateException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      return Effects.unavailable(Messages.escape(reason));
    }
  }

  /**
   * {@code use} of the descriptors and overlays at {@code ref} (null: this workspace's), validated.
   * A revision's sources are exported to a temporary folder, which is deleted after: no cache is
   * kept there (on 10,000 tenants, encoding every descriptor for a cache nobody reads took seconds).
   */
  private <T> T atRevision(String ref, SharedDocuments shared,
      Function<Validated, T> use) {
    return ref == null ? use.apply(new Pipeline(workspace).validate(shared))
        : OutputSnapshot.withSourcesAt(workspace, ref, ws -> use.apply(new Pipeline(ws, null, false).validate(shared)));
  }

  /**
   * The warnings that need no render: a callee allowing a caller that does not call it
   * ({@code REACH-NOT-CALLED}), or an ingress host routed to a service that does not allow the gateway
   * ({@code REACH-NOT-ALLOWED}). {@code render} and {@code check} report them with the rest.
   */
  public List<Problem> intentWarnings(Validated validated) {
    return ReachStage.intent(validated).warnings();
  }

  private static List<String> overlays(Selection selection, Validated validated) {
    return selection.overlays().isEmpty() ? validated.overlays().names() : List.copyOf(selection.overlays());
  }

  /** As {@link #renderInMemory}, keeping nothing: {@code validate --schemas}. */
  public Rendering verify(Selection selection, Path schemas) {
    Validated validated = validate();
    FolderRun.Summary summary = run(() -> validated, selection, schemas, RenderCache.disabled(), null, false,
        (folder, bytes, ids) -> { });
    return rendering(Map.of(), selection, validated.overlays().names(), summary, codeOwners(validated));
  }

  /**
   * What a render wrote.
   *
   * @param codeOwnersWritten whether {@value #CODEOWNERS} changed
   * @param notes what completing an interrupted write did first, one sentence each
   */
  public record Written(Rendering rendering, WriteReport written, boolean codeOwnersWritten, List<String> notes) {}

  /**
   * Renders and writes only what changed, pruning owned files no longer rendered; then
   * {@value #CODEOWNERS} on its own (temp file and atomic rename), only when its bytes changed.
   * The lock is taken first, so a run that holds it is reported before anything else.
   */
  public Written renderAndWrite(Selection selection, Path schemas) {
    // The plan (the inputs' digest, or validating them) reads no file of output/: it is worked out
    // on another core while this thread takes the lock and loads what the last run wrote, and a
    // problem it finds is reported after the lock's. Render with nothing changed, 1,000 tenants:
    // 0.977 of the time (20 alternating pairs).
    CompletableFuture<Plan> planning = CompletableFuture.supplyAsync(() -> plan(selection, schemas));
    try (OutputSession session = OutputWriter.write(workspace.root())) {
      if (!useCache) {
        session.readEverything();
      }
      Plan plan = Background.joined(planning);
      session.own(scopes(selection, plan.overlays()));
      if (plan.everything()) {
        session.ownTopLevelFiles();
      }
      RenderCache cache = RenderCache.open(cache());
      FolderRun.Summary summary = run(plan.validated(), selection, schemas, cache, plan.last(), true, new FolderRun.Sink() {
        @Override
        public boolean cached(FolderId folder, List<FileId> ids) {
          return session.cached(folder.path(), ids);
        }

        @Override
        public void accept(FolderId folder, SortedMap<String, byte[]> bytes, Map<String, FileId> ids) {
          session.bundle(folder.path(), bytes, ids);
        }
      });
      String codeOwners = plan.codeOwners();
      WriteReport written = session.finish();
      plan.remember(summary, codeOwners);
      // A replay of the recorded run uses the entries that run kept, and stores none.
      if (plan.everything() && plan.last() == null) {
        cache.pruneUnused();
      }
      Rendering rendering = rendering(Map.of(), selection, plan.overlays(), summary, codeOwners);
      boolean owners = CodeOwnersFile.write(workspace.root(), codeOwners);
      return new Written(rendering, written, owners, session.notes());
    }
  }

  /**
   * The render result and what writing it would change, without writing.
   *
   * @param codeOwnersStale whether {@value #CODEOWNERS} is missing or differs from
   *     {@link Rendering#codeOwners()}
   * @param deletions the outcome of the deletion guard, or null when none was asked for
   * @param notes what completing an interrupted write did first, one sentence each
   */
  public record Staleness(Rendering rendering, WriteReport changes, boolean codeOwnersStale,
      DeletionCheck deletions, List<String> notes) {
    /** Nothing to write: output files and CODEOWNERS are current, and no foreign file is there. */
    public boolean isCurrent() {
      return changes.isNoop() && changes.foreignPaths().isEmpty() && !codeOwnersStale;
    }
  }

  /**
   * What the deletion guard of {@code check} compares with.
   *
   * @param base a Git revision, or null for {@code origin/main} if it resolves, else {@code HEAD}
   */
  public record DeletionRequest(String base, DeletionPolicy policy) {}

  /**
   * The outcome of the deletion guard.
   *
   * @param base the revision compared with, or null when the guard did not run (no Git
   *     repository or no commit, and no revision given)
   * @param approved deletions let through by {@code --allow-deletion}, with their blast radius
   */
  public record DeletionCheck(String base, List<Deletion> approved) {
    public DeletionCheck {
      approved = List.copyOf(approved);
    }
  }

  /**
   * Completes an interrupted write, renders and compares with {@code output/} and
   * {@value #CODEOWNERS}; writes nothing there. With {@code guard}, also the deletion guard:
   * compares the render with the output committed at the base and fails when a tenant folder
   * disappears or a tenant loses more than the policy's share of its objects in an overlay,
   * unless the policy approves that tenant. A render of everything is compared with the whole
   * committed output (an overlay that disappears takes its tenants with it); a selection only
   * with the folders it rendered.
   *
   * @throws GuardrailException exit 4, also one problem per blocked deletion with its blast radius
   * @throws io.meshplate.UsageException when the guard's base is given but does not resolve
   */
  public Staleness check(Selection selection, Path schemas, DeletionRequest guard) {
    List<String> notes = completeInterruptedWrite();
    Plan plan = plan(selection, schemas);
    List<String> scopes = scopes(selection, plan.overlays());
    String ref = guard == null ? null
        : guard.base() != null ? guard.base() : DeletionWatch.defaultBase(workspace).orElse(null);
    try (OutputSession session = OutputWriter.compare(workspace.root(), scopes, notes);
        DeletionWatch watch = ref == null ? null
            : DeletionWatch.open(workspace, ref, plan.everything() ? null : scopes, guard.policy())) {
      if (plan.everything()) {
        session.ownTopLevelFiles();
      }
      if (!useCache) {
        session.readEverything();
      }
      FolderRun.Summary summary = run(plan.validated(), selection, schemas, RenderCache.open(cache()), plan.last(), false,
          new FolderRun.Sink() {
            @Override
            public boolean cached(FolderId folder, List<FileId> ids) {
              return (watch == null || watch.cached(folder.overlay(), folder.tenant(), ids))
                  && session.cached(folder.path(), ids);
            }

            @Override
            public void accept(FolderId folder, SortedMap<String, byte[]> bytes, Map<String, FileId> ids) {
              session.bundle(folder.path(), bytes, ids);
              if (watch != null) {
                watch.rendered(folder.overlay(), folder.tenant(), bytes, ids);
              }
            }
          });
      String codeOwners = plan.codeOwners();
      WriteReport changes = session.finish();
      List<Deletion> approved = watch == null ? List.of() : watch.finish();
      plan.remember(summary, codeOwners);
      return new Staleness(rendering(Map.of(), selection, plan.overlays(), summary, codeOwners), changes,
          CodeOwnersFile.isStale(workspace.root(), codeOwners), guard == null ? null : new DeletionCheck(ref, approved),
          notes);
    }
  }

  /** The bytes of {@value #CODEOWNERS} on disk now (empty when missing), for a stale-file diff. */
  public byte[] codeOwnersOnDisk() {
    return CodeOwnersFile.current(workspace.root());
  }

  /**
   * How a run starts: from the record of an identical earlier run of everything (nothing to
   * validate or model), or from a validation of the workspace (done on first use).
   */
  private final class Plan {
    private final Selection selection;
    private final byte[] inputs;
    private final RunRecord last;
    private final Supplier<Validated> validated;

    Plan(Selection selection, Path schemas) {
      this.selection = selection;
      boolean everything = selection.overlays().isEmpty() && selection.tenants().isEmpty();
      this.inputs = everything && schemas == null ? RunRecord.inputsOf(workspace, cache()) : null;
      this.last = RunRecord.matching(cache(), inputs);
      // With positions: the connectivity check cites descriptor lines.
      this.validated = memoized(Pipeline.this::validate);
      if (last == null) {
        Validated v = validated.get();
        Renderer.checkFilters(v.overlays(), v.tenants().all(), selection.overlays(), selection.tenants());
      }
    }

    boolean everything() {
      return selection.overlays().isEmpty() && selection.tenants().isEmpty();
    }

    RunRecord last() {
      return last;
    }

    Supplier<Validated> validated() {
      return validated;
    }

    List<String> overlays() {
      return last != null ? last.overlays() : validated.get().overlays().names();
    }

    String codeOwners() {
      return last != null ? last.codeOwners() : Pipeline.codeOwners(validated.get());
    }

    /** After a run of everything that passed: the record the next identical run starts from. */
    void remember(FolderRun.Summary summary, String codeOwners) {
      if (inputs != null && last == null) {
        new RunRecord(inputs, overlays(), summary.folders(), summary.tenants(), summary.overlays(),
            summary.placements(), summary.objects(), codeOwners, summary.warnings()).save(cache());
      }
    }
  }

  private Plan plan(Selection selection, Path schemas) {
    return new Plan(selection, schemas);
  }

  /**
   * @param writes whether the run writes {@code output/} (a render): it keeps the facts of every
   *     folder it renders, as does a run whose cache other clones read (CI's shared key), see {@link
   *     DiskFacts#rendered}
   */
  private FolderRun.Summary run(Supplier<Validated> validated, Selection selection, Path schemas, RenderCache cache,
      RunRecord last, boolean writes, FolderRun.Sink sink) {
    SchemaCheck check = schemas == null ? null : new SchemaCheck(validated.get().overlays(), schemas);
    CacheDir kept = cache.enabled() ? cache() : CacheDir.disabled();
    DiskFacts disk = new DiskFacts(workspace, kept, writes || kept.shared());
    FolderRun run = new FolderRun(new FolderWork(workspace, validated, check, disk), cache, sink, check != null);
    FolderRun.Summary summary = last != null ? run.replay(last) : run.run(selection);
    return check == null ? summary : summary.withNotes(check.notes());
  }

  private Rendering rendering(Map<String, byte[]> files, Selection selection, List<String> overlays,
      FolderRun.Summary summary, String codeOwners) {
    return new Rendering(new TreeMap<>(files), scopes(selection, overlays), summary.tenants(),
        summary.overlays(), summary.placements(), summary.objects(), codeOwners, summary.notes(), summary.warnings());
  }

  private static String codeOwners(Validated validated) {
    return CodeOwnersFile.text(validated.tenants(), validated.overlays().defaults());
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  private static List<Placement> placements(Tenants tenants, OverlayCatalog overlays) {
    List<Placement> placements = new ArrayList<>();
    for (OverlayChain chain : overlays.chains().values()) {
      var rules = OverlayRulesFactory.of(chain);
      for (Tenant tenant : tenants.all()) {
        if (chain.includes(tenant.spec())) {
          placements.add(new Placement(tenant, rules, chain.effectiveSpec(tenant)));
        }
      }
    }
    return placements;
  }

  /**
   * The folders this run owns: whole overlays, or with {@code --tenant} only those tenants'
   * folders (in every selected overlay, so a folder the tenant left is pruned).
   */
  private List<String> scopes(Selection selection, List<String> overlayNames) {
    List<String> overlays = selection.overlays().isEmpty()
        ? overlayFolders(overlayNames) : List.copyOf(selection.overlays());
    List<String> scopes = new ArrayList<>();
    for (String overlay : overlays) {
      if (selection.tenants().isEmpty()) {
        scopes.add(overlay + "/");
      } else {
        selection.tenants().forEach(t -> scopes.add(overlay + "/tenants/" + t + "/"));
      }
    }
    return scopes;
  }

  /**
   * Every overlay, plus every folder of {@code output/} an overlay no longer exists for: a full
   * render owns them too, so the files it once wrote there are pruned (only files carrying the
   * meshplate header are ever deleted).
   */
  private List<String> overlayFolders(List<String> overlayNames) {
    Set<String> folders = new TreeSet<>(overlayNames);
    try {
      folders.addAll(outputFolders());
    } catch (NoSuchFileException absent) {
      // nothing rendered yet
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_READ, "output/", "cannot list", e);
    }
    return List.copyOf(folders);
  }

  /** The folders directly in {@code output/} (links not followed), sorted. */
  private List<String> outputFolders() throws IOException {
    try (Stream<Path> entries = Files.list(workspace.output())) {
      return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
