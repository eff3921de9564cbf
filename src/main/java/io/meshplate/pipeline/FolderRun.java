package io.meshplate.pipeline;

import io.meshplate.Background;
import io.meshplate.BytesIn;
import io.meshplate.GuardrailException;
import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.TemplateFailureException;
import io.meshplate.cache.RenderCache;
import io.meshplate.cache.RunRecord;
import io.meshplate.manifest.FolderId;
import io.meshplate.output.FileId;
import io.meshplate.policy.FactSet;
import io.meshplate.reach.Findings;
import io.meshplate.reach.OverlayCheck;
import io.meshplate.reach.Reach;
import io.meshplate.render.PatchFacts;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the folders of one run on every core, each through the render cache or {@link
 * FolderWork}: what stays in memory is one folder per thread plus each folder's facts; an
 * overlay's connectivity facts and the facts of its overlay-wide invariants only until its
 * folders are done and checked, those of the whole-tree checks until every folder is done (by
 * digest only, when the folder's cache entry holds them). Output is the same whatever the
 * order folders finish in: problems are sorted, facts are keyed by folder, and the sink takes
 * each folder's files on their own.
 *
 * <p>A run that starts from the record of an identical earlier run ({@link RunRecord}) knows
 * every folder's cache key without validating or building a template model: it only compares
 * the cached files with {@code output/}, and renders (validating first) a folder that differs.
 */
final class FolderRun {
  /** Where each checked folder goes: {@code output/} (written or compared), memory, or nowhere. */
  interface Sink {
    /**
     * A folder the render cache knows by its files' ids: true when nothing more is needed (the
     * files are in place); false (the default, for sinks that need bytes) asks for the folder to
     * be rendered and {@link #accept}ed.
     */
    default boolean cached(FolderId folder, List<FileId> files) {
      return false;
    }

    /**
     * @param files file name to bytes, the folder's complete content; thread-safe
     * @param ids the same files' ids
     */
    void accept(FolderId folder, SortedMap<String, byte[]> files, Map<String, FileId> ids);
  }

  /** What one folder left behind: problems, facts, counts, its cache key. Never its objects. */
  record Outcome(FolderId id, byte[] key, List<Problem> templateProblems, List<Problem> patchProblems,
      List<Problem> checkProblems, PatchFacts patchFacts, FactSet facts, long objects, boolean hasFiles,
      FolderWork.Reached reach) {
    /** The same outcome with {@code facts} instead of its own. */
    Outcome withFacts(FactSet facts) {
      return new Outcome(id, key, templateProblems, patchProblems, checkProblems, patchFacts, facts, objects, hasFiles,
          reach);
    }

    /** The same outcome once its overlay's connectivity check has run. */
    Outcome withoutReach() {
      return reach == null ? this : new Outcome(id, key, templateProblems, patchProblems, checkProblems, patchFacts,
          facts, objects, hasFiles, null);
    }
  }

  /**
   * What a whole run rendered.
   *
   * @param notes what the schema check could not verify, one line each (empty without it)
   * @param warnings the connectivity check's findings that never fail a run, sorted
   */
  record Summary(int tenants, int overlays, int placements, long objects, List<RunRecord.Folder> folders,
      List<String> notes, List<Problem> warnings) {
    Summary withNotes(List<String> notes) {
      return new Summary(tenants, overlays, placements, objects, folders, notes, warnings);
    }
  }

  /**
   * The most folders a run may render and still keep their facts as it collected them, for the
   * overlay and whole-tree checks, instead of reading them back from the cache entries it stores
   * ({@link #heldAsCached}). At 1,000 tenants x 3 overlays (3,021 folders) that reading back was
   * about 3% of a cold render's CPU, and holding the facts costs some 12 MB; at 10,000 tenants the
   * 115 MB it would cost are held through the connectivity checks, when a render's heap peaks.
   */
  static final int HOLD_FACTS_UP_TO = 6_000;

  private final FolderWork work;
  private final RenderCache cache;
  private final Sink sink;
  private final boolean checkSchemas;
  private final int holdFactsUpTo;

  FolderRun(FolderWork work, RenderCache cache, Sink sink, boolean checkSchemas) {
    this(work, cache, sink, checkSchemas, HOLD_FACTS_UP_TO);
  }

  /** @param holdFactsUpTo see {@link #HOLD_FACTS_UP_TO} (a test lowers it to try the other way) */
  FolderRun(FolderWork work, RenderCache cache, Sink sink, boolean checkSchemas, int holdFactsUpTo) {
    this.work = work;
    this.cache = cache;
    this.sink = sink;
    this.checkSchemas = checkSchemas;
    this.holdFactsUpTo = holdFactsUpTo;
  }

  /**
   * Runs the selected folders overlay by overlay, judging each overlay's connectivity as soon as
   * its folders are done, then the overlay-wide and whole-tree checks.
   *
   * @throws TemplateFailureException a template failed (exit 5)
   * @throws InvalidInputException an overlay patch failed (exit 3)
   * @throws GuardrailException an invariant or schema check failed (exit 4)
   */
  Summary run(Selection selection) {
    List<Outcome> outcomes = new ArrayList<>();
    List<OverlayCheck> reach = new ArrayList<>();
    Map<String, List<Problem>> overlayChecks = new TreeMap<>();
    runFolders(selection, outcomes, reach, overlayChecks);
    return conclude(selection, outcomes, reach, overlayChecks, true);
  }

  /**
   * Runs the selected folders as {@link #run} does and hands back each overlay's connectivity
   * check instead of judging it ({@code meshplate reach --render}); any other problem still fails.
   */
  List<OverlayCheck> reach(Selection selection) {
    List<Outcome> outcomes = new ArrayList<>();
    List<OverlayCheck> reach = new ArrayList<>();
    Map<String, List<Problem>> overlayChecks = new TreeMap<>();
    runFolders(selection, outcomes, reach, overlayChecks);
    conclude(selection, outcomes, reach, overlayChecks, false);
    return reach;
  }

  /**
   * @param overlayChecks receives each overlay's problems from its overlay-wide invariants, checked
   *     as soon as its folders are done
   */
  private void runFolders(Selection selection, List<Outcome> outcomes, List<OverlayCheck> reach,
      Map<String, List<Problem>> overlayChecks) {
    Map<String, List<FolderId>> byOverlay = new TreeMap<>();
    List<FolderId> folders = work.folders(selection);
    folders.forEach(id -> byOverlay.computeIfAbsent(id.overlay(), k -> new ArrayList<>()).add(id));
    boolean holdFacts = folders.size() <= holdFactsUpTo;
    CompletableFuture<OverlayCheck> pending = null;
    for (String overlay : work.overlays(selection)) {
      List<Outcome> mine = byOverlay.getOrDefault(overlay, List.of()).parallelStream()
          .map(id -> process(id, cache.enabled() ? cache.key(digest -> work.inputs(id, digest)) : null, holdFacts))
          .toList();
      // The overlay's connectivity facts are judged as soon as its folders are done, next to the
      // next overlay's folders, and then dropped: a run holds the facts of two overlays at most.
      // A folder that failed to render fails the run before any finding counts, so its overlay
      // is not judged.
      joinInto(pending, reach);
      pending = null;
      if (mine.stream().allMatch(o -> o.templateProblems().isEmpty() && o.patchProblems().isEmpty())) {
        pending = CompletableFuture.supplyAsync(() -> work.checkReach(overlay, mine));
      }
      // Its overlay-wide invariants too, and then their facts are held by digest only, as those of
      // the whole-tree checks are: a run holds them for one overlay, not for every overlay until
      // the end (on 10,000 tenants, 12.5 MB of encoded facts per overlay).
      overlayChecks.put(overlay, work.checkOverlay(overlay, invariantFacts(mine)));
      mine.forEach(o -> {
        if (o.facts() != null) {
          o.facts().keepOnly(work.treeOnlyFacts());
        }
        outcomes.add(o.withoutReach());
      });
    }
    joinInto(pending, reach);
  }

  /** The invariants' facts of an overlay's folders, by folder. */
  private static SortedMap<FolderId, FactSet> invariantFacts(List<Outcome> outcomes) {
    SortedMap<FolderId, FactSet> facts = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      if (outcome.facts() != null) {
        facts.put(outcome.id(), outcome.facts());
      }
    }
    return facts;
  }

  /** Waits for an overlay's connectivity check (when there is one) and adds it; its failure is the run's. */
  private static void joinInto(CompletableFuture<OverlayCheck> check, List<OverlayCheck> reach) {
    if (check != null) {
      reach.add(Background.joined(check));
    }
  }

  /** Runs the folders of an identical earlier run; what it rendered is known, only output/ is compared. */
  Summary replay(RunRecord record) {
    List<Outcome> outcomes = record.folders().parallelStream().map(folder -> {
      RenderCache.Rendered entry = cache.rendered(folder.key());
      if (entry != null && (entry.files().isEmpty() || sink.cached(folder.id(), entry.files()))) {
        return new Outcome(folder.id(), folder.key(), List.of(), List.of(), List.of(), null, null, entry.objects(),
            !entry.files().isEmpty(), null);
      }
      // Rendered to the same files as in the recorded run, whose connectivity check passed on them.
      // Its facts are held by digest: no check reads them, and with output/ gone every folder comes here.
      return renderAndKeep(folder.id(), folder.key(), false, false);
    }).toList();
    throwProblems(outcomes, List.of(), List.of(), List.of());
    return new Summary(record.tenants(), record.overlayCount(), record.placements(), record.objects(),
        record.folders(), List.of(), record.warnings());
  }

  /** @param holdFacts whether a folder rendered here keeps its facts as collected ({@link #HOLD_FACTS_UP_TO}) */
  private Outcome process(FolderId id, byte[] key, boolean holdFacts) {
    if (key != null && !checkSchemas) {
      Outcome known = fromCache(id, key, cache.get(key));
      if (known != null) {
        return known;
      }
    }
    return renderAndKeep(id, key, true, holdFacts);
  }

  /**
   * @param reach whether the folder's connectivity facts are wanted (its overlay is judged this run)
   * @param holdFacts whether the outcome keeps the facts as collected; otherwise they are held as
   *     a folder served from the cache holds them ({@link #heldAsCached})
   */
  private Outcome renderAndKeep(FolderId id, byte[] key, boolean reach, boolean holdFacts) {
    FolderWork.Rendered rendered = work.render(id, key, sink, reach);
    if (key != null && rendered.entry() != null) {
      cache.put(key, rendered.entry());
      return holdFacts ? rendered.outcome() : heldAsCached(rendered.outcome(), rendered.entry());
    }
    return rendered.outcome();
  }

  /**
   * A rendered folder's outcome holding its facts as a folder served from the cache does, in a run
   * too large to keep them as collected ({@link #HOLD_FACTS_UP_TO}): those only the whole-tree
   * checks read by digest, read again from the entry just stored when those checks run, after
   * every overlay's connectivity check. The whole-tree facts are mostly kept objects; 10,000
   * tenants x 3 overlays held 115 MB of them through those connectivity checks, when a render's
   * heap peaks.
   */
  private Outcome heldAsCached(Outcome outcome, RenderCache.Entry entry) {
    FactSet facts;
    try (DataInputStream in = entry.factsIn()) {
      PatchFacts.read(in);
      // Made from the folder and key only: holding the outcome would hold its facts.
      facts = cachedFacts(outcome.id(), outcome.key(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("the facts of " + outcome.id().path() + " do not decode as encoded", e);
    }
    return outcome.withFacts(facts);
  }

  /** The facts of a cache entry, read after its patch facts: the whole-tree ones by digest, read again when asked for. */
  private FactSet cachedFacts(FolderId id, byte[] key, DataInputStream in) throws IOException {
    return FactSet.read(work.factKinds(), in, work.treeOnlyFacts(), () -> factsAgain(id, key));
  }

  /** The outcome of a cached folder, when its entry is sound and the sink needs nothing more. */
  private Outcome fromCache(FolderId id, byte[] key, RenderCache.Entry entry) {
    if (entry == null) {
      return null;
    }
    PatchFacts patchFacts;
    FactSet facts;
    try (DataInputStream in = entry.factsIn()) {
      patchFacts = PatchFacts.read(in);
      facts = cachedFacts(id, key, in);
    } catch (IOException | RuntimeException damaged) {
      return null;
    }
    if (!entry.files().isEmpty() && !sink.cached(id, entry.files())) {
      return null;
    }
    work.served(id, entry.files());
    return new Outcome(id, key, List.of(), List.of(), List.of(), patchFacts, facts, entry.objects(),
        !entry.files().isEmpty(), null);
  }

  /**
   * The facts of a folder served from the cache, for the whole-tree checks that run again (they
   * held only their digest): from its cache entry, or when a run elsewhere has pruned it since,
   * from a render of the folder in memory (the same inputs, so the same facts; the digest proves it).
   */
  private byte[] factsAgain(FolderId id, byte[] key) throws IOException {
    RenderCache.Entry entry = cache.get(key);
    if (entry != null) {
      try (DataInputStream in = entry.factsIn()) {
        PatchFacts.read(in);
        return in.readAllBytes();
      }
    }
    FactSet rendered = work.render(id, key, (folder, bytes, ids) -> { }, false).outcome().facts();
    if (rendered == null) {
      throw new IOException("folder " + id.path() + " no longer renders as it did");
    }
    return rendered.toBytes();
  }

  /**
   * The overlay-wide and whole-tree checks on the folders' facts, and the connectivity findings.
   *
   * @param reach the connectivity check of each overlay whose folders all rendered
   * @param judgeReach whether its findings count (errors fail the run, warnings are kept)
   */
  private Summary conclude(Selection selection, List<Outcome> outcomes, List<OverlayCheck> reach,
      Map<String, List<Problem>> overlayChecks, boolean judgeReach) {
    List<Problem> templateProblems = new ArrayList<>();
    List<Problem> patchProblems = new ArrayList<>();
    List<Problem> checkProblems = new ArrayList<>();
    Map<String, List<Outcome>> byOverlay = new TreeMap<>();
    SortedMap<FolderId, FactSet> everyFolder = new TreeMap<>();
    outcomes.forEach(o -> byOverlay.computeIfAbsent(o.id().overlay(), k -> new ArrayList<>()).add(o));
    for (String overlay : work.overlays(selection)) {
      List<Outcome> mine = byOverlay.getOrDefault(overlay, List.of());
      Set<String> kinds = new TreeSet<>();
      BitSet matched = new BitSet();
      for (Outcome outcome : mine) {
        kinds.addAll(outcome.patchFacts().kinds());
        matched.or(outcome.patchFacts().matched());
      }
      everyFolder.putAll(invariantFacts(mine));
      templateProblems.addAll(work.templateProblems(overlay));
      patchProblems.addAll(work.overlayProblems(overlay, selection.tenants().isEmpty(), kinds, matched));
      checkProblems.addAll(overlayChecks.getOrDefault(overlay, List.of()));
    }
    List<Problem> warnings = List.of();
    if (templateProblems.isEmpty() && patchProblems.isEmpty()) {
      checkProblems.addAll(work.checkTree(everyFolder));
      if (judgeReach) {
        Findings findings = Reach.findings(reach);
        checkProblems.addAll(findings.errors());
        warnings = findings.warnings();
      }
    }
    throwProblems(outcomes, templateProblems, patchProblems, checkProblems);
    Set<String> tenants = new TreeSet<>();
    Set<String> overlaysRendered = new TreeSet<>();
    List<RunRecord.Folder> folders = new ArrayList<>();
    int placements = 0;
    long objects = 0;
    for (Outcome outcome : outcomes) {
      if (outcome.key() != null) {
        folders.add(new RunRecord.Folder(outcome.id(), outcome.key()));
      }
      if (!outcome.hasFiles()) {
        continue;
      }
      overlaysRendered.add(outcome.id().overlay());
      objects += outcome.objects();
      if (!outcome.id().isPlatform()) {
        tenants.add(outcome.id().tenant());
        placements++;
      }
    }
    return new Summary(tenants.size(), overlaysRendered.size(), placements, objects, folders, List.of(), warnings);
  }

  /** Template problems first (exit 5), then overlay problems (exit 3), then checks (exit 4). */
  private static void throwProblems(List<Outcome> outcomes, List<Problem> template, List<Problem> patch,
      List<Problem> check) {
    List<Problem> templateProblems = new ArrayList<>(template);
    List<Problem> patchProblems = new ArrayList<>(patch);
    List<Problem> checkProblems = new ArrayList<>(check);
    for (Outcome outcome : outcomes) {
      templateProblems.addAll(outcome.templateProblems());
      patchProblems.addAll(outcome.patchProblems());
      checkProblems.addAll(outcome.checkProblems());
    }
    if (!templateProblems.isEmpty()) {
      throw new TemplateFailureException(templateProblems);
    }
    if (!patchProblems.isEmpty()) {
      throw new InvalidInputException(patchProblems);
    }
    if (!checkProblems.isEmpty()) {
      throw new GuardrailException(checkProblems);
    }
  }
}
