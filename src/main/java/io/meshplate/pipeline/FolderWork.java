package io.meshplate.pipeline;

import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.cache.RenderCache;
import io.meshplate.cache.TreeVerdicts;
import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedFolder;
import io.meshplate.output.FileId;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.policy.ArgoCdSite;
import io.meshplate.policy.FactSet;
import io.meshplate.policy.FolderFacts;
import io.meshplate.policy.FolderObjects;
import io.meshplate.policy.Invariants;
import io.meshplate.reach.Facts;
import io.meshplate.reach.OverlayCheck;
import io.meshplate.reach.PlatformFacts;
import io.meshplate.reach.Reach;
import io.meshplate.reach.TenantFacts;
import io.meshplate.render.FolderRender;
import io.meshplate.render.OverlayRenderer;
import io.meshplate.render.PatchFacts;
import io.meshplate.yaml.CanonicalYaml;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything it takes to render and check one folder: the validated workspace, one renderer per
 * overlay, the invariants and the namespaces each tenant owns, all set up on first use (a run
 * that finds every folder in the cache never validates). One folder goes render, parse back,
 * patch, canonical bytes, invariants, facts, then to the sink, and its objects are dropped.
 */
final class FolderWork {
  /**
   * What the connectivity check keeps of one folder rendered this run (one of the three is set):
   * the key of its content when its facts went into the overlay's pack, to be read back from there
   * when the overlay is judged; else the model's facts, built while the folder's objects are in
   * memory. A render keeps an overlay's folders until every one is done: as objects, 10,000 tenants'
   * facts took some 130 MiB per overlay for the whole time, against their encoding the pack holds
   * anyway.
   */
  record Reached(TenantFacts tenant, PlatformFacts platform, byte[] packed) {
    static Reached packed(byte[] content) {
      return new Reached(null, null, content);
    }
  }

  /**
   * A connectivity report instead of the gate ({@code meshplate reach --render}): every flow is
   * kept, with every pair between {@code from} and {@code to} (either may be null).
   */
  record ReachQuery(String from, String to, boolean brief) {}

  /** A rendered folder's outcome, and its cache entry when it passed its own checks. */
  record Rendered(FolderRun.Outcome outcome, RenderCache.Entry entry) {}

  private final Workspace workspace;
  private final Supplier<Pipeline.Validated> validated;
  private final SchemaCheck schemas;
  private final ReachQuery query;
  private final DiskFacts disk;
  private final Map<String, OverlayRenderer> renderers = new ConcurrentHashMap<>();
  private volatile Invariants invariants;
  private volatile Map<String, Set<String>> owned;

  /**
   * @param validated the validated workspace, computed once on first call
   * @param schemas the schema check of {@code --schemas}, or null
   * @param disk the connectivity facts of folders this run does not render, read from {@code output/}
   */
  FolderWork(Workspace workspace, Supplier<Pipeline.Validated> validated, SchemaCheck schemas, DiskFacts disk) {
    this(workspace, validated, schemas, disk, null);
  }

  /** @param query a connectivity report to build instead of the gate, or null */
  FolderWork(Workspace workspace, Supplier<Pipeline.Validated> validated, SchemaCheck schemas, DiskFacts disk,
      ReachQuery query) {
    this.workspace = workspace;
    this.validated = validated;
    this.schemas = schemas;
    this.disk = disk;
    this.query = query;
  }

  /** The overlays of the selection, sorted. */
  List<String> overlays(Selection selection) {
    List<String> names = new ArrayList<>();
    for (String name : validated.get().overlays().names()) {
      if (selection.overlays().isEmpty() || selection.overlays().contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Every folder of the selection. */
  List<FolderId> folders(Selection selection) {
    List<FolderId> folders = new ArrayList<>();
    overlays(selection).forEach(overlay -> folders.addAll(renderer(overlay).folders(selection.tenants())));
    return folders;
  }

  /** Everything the folder's files and checks depend on, for its cache key. */
  void inputs(FolderId id, MessageDigest digest) {
    renderer(id.overlay()).digestInputs(id, digest);
    digest.update(String.join(",", ownedBy(id)).getBytes(StandardCharsets.UTF_8));
    factKinds().forEach(kind -> digest.update(kind.id().getBytes(StandardCharsets.UTF_8)));
  }

  List<FolderFacts<?>> factKinds() {
    return invariants().facts();
  }

  /** The ids of the facts only the whole-tree checks read ({@link Invariants#treeOnlyFacts}). */
  Set<String> treeOnlyFacts() {
    return invariants().treeOnlyFacts();
  }

  /**
   * Renders, writes out, checks and hands on one folder.
   *
   * @param reach whether to take its connectivity facts (and keep them in its overlay's pack): not
   *     in a run that replays a recorded one, which judges no connectivity (at 10,000 tenants,
   *     keeping them first read a pack of some 80 MB per overlay for nothing)
   */
  Rendered render(FolderId id, byte[] key, FolderRun.Sink sink, boolean reach) {
    FolderRender rendered = renderer(id.overlay()).render(id);
    if (!rendered.templateProblems().isEmpty() || !rendered.patchProblems().isEmpty()) {
      return new Rendered(new FolderRun.Outcome(id, key, rendered.templateProblems(), rendered.patchProblems(),
          List.of(), rendered.facts(), null, 0, false, null), null);
    }
    RenderedFolder folder = rendered.folder();
    SortedMap<String, byte[]> bytes = new TreeMap<>();
    Map<String, FileId> ids = new HashMap<>();
    Map<String, int[]> lines = new HashMap<>();
    for (RenderedFile file : folder.files()) {
      CanonicalYaml.Text text = CanonicalYaml.writeWithLines(file);
      String name = file.path().substring(id.path().length() + 1);
      byte[] content = text.text().getBytes(StandardCharsets.UTF_8);
      bytes.put(name, content);
      ids.put(name, FileId.of(name, content));
      lines.put(file.path(), text.lines());
    }
    Invariants.Verdict verdict = invariants().checkFolder(
        new FolderObjects(id, folder.files(), lines, ownedBy(id), ingressHosts(id)));
    List<Problem> problems = new ArrayList<>(verdict.problems());
    if (schemas != null) {
      problems.addAll(schemas.check(folder));
    }
    if (problems.isEmpty() && !bytes.isEmpty()) {
      sink.accept(id, bytes, ids);
    }
    Reached reached = null;
    if (problems.isEmpty() && reach) {
      Facts facts = facts(folder.files());
      byte[] content = DiskFacts.contentKey(ids);
      reached = disk.rendered(id.path(), content, facts) ? Reached.packed(content) : reached(id, facts, content);
    }
    FolderRun.Outcome outcome = new FolderRun.Outcome(id, key, List.of(), List.of(), problems, rendered.facts(),
        verdict.facts(), folder.objects(), !bytes.isEmpty(), reached);
    RenderCache.Entry entry = problems.isEmpty()
        ? RenderCache.Entry.of(List.copyOf(new TreeMap<>(ids).values()), folder.objects(),
            encode(rendered.facts(), verdict.facts()))
        : null;
    return new Rendered(outcome, entry);
  }

  /** Tells the facts reader that {@code output/} holds exactly {@code files} of a folder served from the cache. */
  void served(FolderId id, List<FileId> files) {
    disk.served(id.path(), files);
  }

  /** The connectivity model's facts of a rendered folder, from its files (kustomization.yaml left out). */
  private static Facts facts(List<RenderedFile> files) {
    Map<String, List<Map<String, Object>>> byPath = new TreeMap<>();
    files.stream().filter(f -> f.template() != null).forEach(f -> byPath.put(f.path(), f.objects()));
    return Facts.of(byPath);
  }

  /** @param content the key of the folder content the facts were read from; null when unknown */
  private Reached reached(FolderId id, Facts facts, byte[] content) {
    OverlayChain chain = validated.get().overlays().chain(id.overlay());
    return id.isPlatform() ? new Reached(null, Reach.platformFacts(chain, facts, content), null)
        : new Reached(Reach.tenantFacts(chain, validated.get().tenants().byName().get(id.tenant()), facts, content),
            null, null);
  }

  /**
   * The connectivity check of one overlay, judged whole: folders rendered this run give their
   * facts; the others (served from the cache, or outside a {@code --tenant} selection) are read
   * from {@code output/}, which holds exactly their content. A finding's line is looked up in the
   * file's rendered bytes, rendering its folder again only then.
   *
   * @param outcomes the overlay's folders rendered or served from the cache this run
   */
  OverlayCheck checkReach(String overlay, List<FolderRun.Outcome> outcomes) {
    Map<FolderId, Reached> known = new HashMap<>();
    outcomes.forEach(o -> {
      if (o.reach() != null) {
        known.put(o.id(), o.reach());
      }
    });
    // A report cites most files (a gate a few): each folder is rendered once for all its files.
    Map<FolderId, Map<String, byte[]>> cited = new ConcurrentHashMap<>();
    Function<String, byte[]> contents = file -> {
      String path = file.startsWith("output/") ? file.substring("output/".length()) : file;
      FolderId id = FolderId.of(path);
      byte[] bytes = id == null ? null : cited.computeIfAbsent(id, this::renderedBytes).get(path);
      return bytes == null ? new byte[0] : bytes;
    };
    OverlayChain chain = validated.get().overlays().chain(overlay);
    List<TenantFacts> tenants = validated.get().tenants().all().parallelStream()
        .filter(t -> chain.includes(t.spec()))
        .map(t -> facts(new FolderId(overlay, t.name()), known).tenant())
        .filter(Objects::nonNull)
        .toList();
    PlatformFacts platform = facts(FolderId.platform(overlay), known).platform();
    disk.save(overlay);
    return query == null ? disk.gate(platform, tenants, contents)
        : Reach.evaluate(platform, tenants, contents, query.from(), query.to(), query.brief());
  }

  private Reached facts(FolderId id, Map<FolderId, Reached> known) {
    Reached reached = known.get(id);
    if (reached != null && reached.packed() != null) {
      Facts packed = disk.renderedFacts(id.path(), reached.packed());
      // The pack gives back what this run put, unless the entry it kept for the same content was
      // made by an earlier run and cannot be read: the folder is then rendered again, in memory.
      return reached(id, packed != null ? packed : facts(renderer(id.overlay()).render(id).folder().files()),
          reached.packed());
    }
    if (reached != null) {
      return reached;
    }
    DiskFacts.Read onDisk = disk.read(id.path());
    if (onDisk == null && id.isPlatform()) {
      // A run that does not render the platform folder (--tenant) on a tree without it on disk
      // (a fresh clone, a first render): its facts decide mesh membership and the root-namespace
      // policies, so it is rendered here, in memory, as a whole render would. A folder that does
      // not render is left to the render that covers it, and judged as absent meanwhile.
      FolderRender rendered = renderer(id.overlay()).render(id);
      if (rendered.templateProblems().isEmpty() && rendered.patchProblems().isEmpty()) {
        return reached(id, facts(rendered.folder().files()), null);
      }
    }
    return onDisk == null && !id.isPlatform() ? new Reached(null, null, null)
        : onDisk == null ? reached(id, Facts.of(Map.of()), null) : reached(id, onDisk.facts(), onDisk.content());
  }

  /** The rendered bytes of a folder's files, by path (empty when the folder does not render). */
  private Map<String, byte[]> renderedBytes(FolderId id) {
    FolderRender rendered = renderer(id.overlay()).render(id);
    Map<String, byte[]> bytes = new HashMap<>();
    if (rendered.folder() != null) {
      for (RenderedFile file : rendered.folder().files()) {
        bytes.put(file.path(), CanonicalYaml.write(file).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes;
  }

  /** Template syntax problems of an overlay whose templates were loaded. */
  List<Problem> templateProblems(String overlay) {
    OverlayRenderer renderer = renderers.get(overlay);
    return renderer == null ? List.of() : renderer.templateProblems();
  }

  /** Overlay patch problems; with {@code whole}, also the overlay-wide patch checks. */
  List<Problem> overlayProblems(String overlay, boolean whole, Set<String> kinds, BitSet matched) {
    OverlayRenderer renderer = renderer(overlay);
    List<Problem> problems = new ArrayList<>(renderer.patchProblems());
    if (whole && problems.isEmpty()) {
      problems.addAll(renderer.checkPatches(kinds, matched));
    }
    return problems;
  }

  List<Problem> checkOverlay(String overlay, SortedMap<FolderId, FactSet> facts) {
    return invariants().checkOverlay(overlay, facts);
  }

  /**
   * The whole-tree checks, unless they passed over exactly these inputs in a recent run
   * ({@link TreeVerdicts}): then what every folder kept is not even decoded. A render after one
   * tenant's allow rule changed, 1,000 tenants x 3 overlays: 3.71 -> 2.92 s; 3,000: 10.2 -> 7.7 s;
   * 10,000: 25.6-29.6 -> 21.6-25.6 s once folders served from the cache hold what they kept by
   * digest only (peak 1.58-1.61 -> 1.42-1.43 GiB); alternating runs of both builds, each change new.
   * When the kept objects changed, no slower.
   */
  List<Problem> checkTree(SortedMap<FolderId, FactSet> facts) {
    CacheDir cache = disk.cache();
    byte[] key = cache.enabled() ? invariants().treeKey(facts) : null;
    if (key != null && TreeVerdicts.passed(cache, key)) {
      return List.of();
    }
    List<Problem> problems = invariants().checkTree(facts);
    if (key != null && problems.isEmpty()) {
      TreeVerdicts.remember(cache, key);
    }
    return problems;
  }

  private OverlayRenderer renderer(String overlay) {
    return renderers.computeIfAbsent(overlay, name -> {
      Pipeline.Validated v = validated.get();
      return OverlayRenderer.of(workspace, v.overlays().chain(name), v.tenants().all(), v.overlays().meshVersions());
    });
  }

  private Set<String> ownedBy(FolderId id) {
    if (id.isPlatform()) {
      return Set.of();
    }
    Map<String, Set<String>> known = owned;
    if (known == null) {
      known = new HashMap<>();
      Pipeline.Validated v = validated.get();
      for (OverlayChain chain : v.overlays().chains().values()) {
        for (Tenant tenant : v.tenants().all()) {
          if (chain.includes(tenant.spec())) {
            known.computeIfAbsent(tenant.name(), k -> new TreeSet<>()).add(chain.namespaceOf(tenant.name()));
          }
        }
      }
      owned = known;
    }
    return known.getOrDefault(id.tenant(), Set.of());
  }

  /** The FQDNs the folder's tenant exposes in its overlay (its effective ingress hosts). */
  private Set<String> ingressHosts(FolderId id) {
    if (id.isPlatform()) {
      return Set.of();
    }
    return ingressHosts(validated.get().overlays().chain(id.overlay()), validated.get().tenants().byName().get(id.tenant()));
  }

  /** The FQDNs a tenant placed in an overlay exposes there. */
  static Set<String> ingressHosts(OverlayChain chain, Tenant tenant) {
    var rules = OverlayRulesFactory.of(chain);
    Set<String> fqdns = new TreeSet<>();
    chain.effectiveSpec(tenant).ingress().hosts().forEach(h -> fqdns.add(rules.fqdn(h.name())));
    return fqdns;
  }

  private Invariants invariants() {
    Invariants known = invariants;
    if (known == null) {
      known = invariantsOf(validated.get().overlays());
      invariants = known;
    }
    return known;
  }

  /** The invariants, with every overlay delivered where its values say ({@code argocd.*}). */
  static Invariants invariantsOf(OverlayCatalog overlays) {
    Object argocd = overlays.defaults().get("argocd");
    String namespace = argocd instanceof Map<?, ?> m && m.get("namespace") instanceof String s
        ? s : "openshift-gitops";
    Map<String, ArgoCdSite> sites = new HashMap<>();
    for (OverlayChain chain : overlays.chains().values()) {
      sites.put(chain.name(), ArgoCdSite.of(chain.values(), namespace));
    }
    return Invariants.withSites(namespace, sites);
  }

  private byte[] encode(PatchFacts patchFacts, FactSet facts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      patchFacts.write(out);
      out.write(facts.toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
