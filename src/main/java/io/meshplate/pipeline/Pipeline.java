package io.meshplate.pipeline;

import io.meshplate.GuardrailException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.descriptor.DescriptorLoader;
import io.meshplate.descriptor.DescriptorScaffold;
import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.Tenants;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.output.OutputWriter;
import io.meshplate.output.WriteReport;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.OverlayLoader;
import io.meshplate.overlay.WaveAssignments;
import io.meshplate.policy.ArgoCdSite;
import io.meshplate.policy.Guardrails;
import io.meshplate.policy.Invariants;
import io.meshplate.policy.Placement;
import io.meshplate.reach.Findings;
import io.meshplate.reach.Reach;
import io.meshplate.reach.Report;
import io.meshplate.review.Deletion;
import io.meshplate.review.DeletionPolicy;
import io.meshplate.review.OutputSnapshot;
import io.meshplate.review.Reviewer;
import io.meshplate.render.Renderer;
import io.meshplate.yaml.CanonicalYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The only class that knows the order of the stages (DESIGN §1): descriptors, overlays,
 * cross-tenant guardrails, rendering with overlay patches, post-render invariants, optional
 * schema validation, canonical YAML, and the all-or-nothing write. Every failure is an
 * exception carrying positioned problems; nothing is written unless every stage passed.
 */
public final class Pipeline {
  private final Workspace workspace;
  private final String base;
  private final Renderer renderer = Renderer.freemarker();

  public Pipeline(Workspace workspace) {
    this(workspace, null);
  }

  /**
   * @param base the revision a pull request starts from (null: {@code origin/main} if it
   *     resolves, else {@code HEAD}); a conflict between a tenant whose descriptor changed since
   *     then and one whose did not is reported at the changed one only
   */
  public Pipeline(Workspace workspace, String base) {
    this.workspace = workspace;
    this.base = base;
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
    Tenants tenants = DescriptorLoader.loadAll(workspace);
    OverlayCatalog overlays = OverlayLoader.load(workspace);
    List<Problem> problems = new ArrayList<>(Guardrails.check(placements(tenants, overlays),
        OutputSnapshot.changedDescriptors(workspace, base).orElse(null)));
    problems.addAll(WaveAssignments.check(tenants.all(), overlays));
    if (!problems.isEmpty()) {
      throw new GuardrailException(problems);
    }
    return new Validated(tenants, overlays);
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
    Set<Problem> problems = new java.util.TreeSet<>();
    for (String variant : List.of(text, DescriptorScaffold.withIngressExample(text))) {
      try {
        Tenant tenant = DescriptorLoader.loadOne(workspace, name, variant.getBytes(StandardCharsets.UTF_8));
        if (java.nio.file.Files.isDirectory(workspace.overlays())) {
          problems.addAll(Guardrails.check(placements(Tenants.of(List.of(tenant)), OverlayLoader.load(workspace))));
        }
      } catch (io.meshplate.InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      // Positions would point into a file that was never written: report the name only.
      throw new io.meshplate.UsageException(problems.stream()
          .map(p -> new Problem(p.file(), 0, 0, p.rule(), p.message(), p.hint())).toList());
    }
    return DescriptorScaffold.write(workspace, name, text);
  }

  /**
   * Validates, renders the selection in memory, checks the post-render invariants and, when
   * {@code schemas} is given, every object against the overlay's schemas. Writes nothing.
   *
   * @param schemas a folder of CRD and OpenAPI schemas, or null
   */
  public Rendering renderInMemory(Selection selection, Path schemas) {
    Validated validated = validate();
    RenderedTree tree = renderer.render(
        workspace, validated.overlays(), validated.tenants().all(), selection.overlays(), selection.tenants());
    List<Problem> problems = new ArrayList<>(invariants(validated.overlays()).check(tree,
        namespacesByTenant(validated), ingressHosts(validated)));
    List<String> notes = List.of();
    if (schemas != null) {
      SchemaCheck.Result checked = SchemaCheck.check(tree, validated.overlays(), schemas);
      problems.addAll(checked.problems());
      notes = checked.notes();
    }
    if (!problems.isEmpty()) {
      throw new GuardrailException(problems);
    }
    SortedMap<String, byte[]> files = new ConcurrentSkipListMap<>();
    tree.files().values().parallelStream().forEach(
        file -> files.put(file.path(), CanonicalYaml.write(file).getBytes(StandardCharsets.UTF_8)));
    Findings reach = Reach.findings(
        ReachStage.check(workspace, validated, overlays(selection, validated), tree, files));
    if (!reach.errors().isEmpty()) {
      throw new GuardrailException(reach.errors());
    }
    Set<String> tenantsRendered = new TreeSet<>();
    int placements = 0;
    for (RenderedFile file : tree.files().values()) {
      if (file.tenant() != null && file.template() == null && !Bundles.isHub(Bundles.folderOf(file.path()))) {
        tenantsRendered.add(file.tenant());
        placements++;
      }
    }
    return new Rendering(tree, new TreeMap<>(files), scopes(selection, validated),
        tenantsRendered.size(), placements, CodeOwnersFile.text(validated.tenants(), validated.overlays().defaults()),
        notes, reach.warnings());
  }

  /**
   * The connectivity of the selected overlays: every flow with every layer's answer, and the
   * intent check's findings (not thrown: the caller decides).
   *
   * @param render evaluate a fresh render (checked like {@code render}) instead of {@code output/}
   * @param from with {@code to}, a pair to evaluate even when no layer connects it (party ids or tenants)
   * @param flows keep every flow for the report; without, only the findings (a gate)
   */
  public Report reach(Selection selection, boolean render, String from, String to, boolean flows) {
    Validated validated = validate();
    List<String> overlays = overlays(selection, validated);
    if (render) {
      RenderedTree tree = renderer.render(workspace, validated.overlays(), validated.tenants().all(),
          selection.overlays(), selection.tenants());
      List<Problem> problems = invariants(validated.overlays()).check(tree,
          namespacesByTenant(validated), ingressHosts(validated));
      if (!problems.isEmpty()) {
        throw new GuardrailException(problems);
      }
      return Reach.report(flows ? ReachStage.evaluate(workspace, validated, overlays, tree, from, to)
          : ReachStage.check(workspace, validated, overlays, tree, null));
    }
    OutputWriter.recover(workspace.root());
    return Reach.report(flows ? ReachStage.evaluate(workspace, validated, overlays, null, from, to)
        : ReachStage.check(workspace, validated, overlays, null, null));
  }

  /**
   * The review by effect of two output snapshots: each judged by the connectivity model with the
   * descriptors and overlays of its own revision, and the flows that differ. When a side's
   * descriptors do not load, the effects are unavailable (with the reason) rather than failing
   * the review.
   *
   * @param beforeRef the revision {@code before} comes from, null for this workspace
   * @param afterRef the revision {@code after} comes from, null for this workspace
   */
  public io.meshplate.review.Effects effects(OutputSnapshot before, String beforeRef, OutputSnapshot after,
      String afterRef) {
    try {
      List<io.meshplate.reach.OverlayCheck> old = checksOf(before, beforeRef);
      List<io.meshplate.reach.OverlayCheck> now = checksOf(after, afterRef);
      return new io.meshplate.review.Effects(Reach.compare(old, now), Reach.report(old), Reach.report(now), null);
    } catch (io.meshplate.MeshplateException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      return io.meshplate.review.Effects.unavailable(io.meshplate.yaml.Messages.escape(reason));
    }
  }

  private List<io.meshplate.reach.OverlayCheck> checksOf(OutputSnapshot snapshot, String ref) {
    java.util.function.Function<Workspace, List<io.meshplate.reach.OverlayCheck>> judge = ws -> {
      Validated validated = new Pipeline(ws).validate();
      List<String> overlays = validated.overlays().names().stream()
          .filter(o -> snapshot.files().keySet().stream().anyMatch(p -> p.startsWith(o + "/"))).toList();
      return ReachStage.evaluate(validated, overlays, snapshot.files());
    };
    return ref == null ? judge.apply(workspace) : OutputSnapshot.withSourcesAt(workspace, ref, judge);
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

  /** Where the generated review routing lives, relative to the project root. */
  public static final String CODEOWNERS = CodeOwnersFile.PATH;

  /**
   * What a render wrote.
   *
   * @param codeOwnersWritten whether {@value #CODEOWNERS} changed
   */
  public record Written(Rendering rendering, WriteReport written, int overlays, boolean codeOwnersWritten) {}

  /**
   * Renders and writes only what changed, pruning owned files no longer rendered; then
   * {@value #CODEOWNERS} on its own (temp file and atomic rename), only when its bytes changed.
   */
  public Written renderAndWrite(Selection selection, Path schemas) {
    OutputWriter.recover(workspace.root());
    Rendering rendering = renderInMemory(selection, schemas);
    WriteReport written = new OutputWriter().apply(workspace.root(), rendering.files(), rendering.scopes());
    boolean owners = CodeOwnersFile.write(workspace.root(), rendering.codeOwners());
    long overlays = rendering.tree().files().values().stream().map(RenderedFile::overlay).distinct().count();
    return new Written(rendering, written, (int) overlays, owners);
  }

  /**
   * The render result and what writing it would change, without writing.
   *
   * @param codeOwnersStale whether {@value #CODEOWNERS} is missing or differs from
   *     {@link Rendering#codeOwners()}
   */
  public record Staleness(Rendering rendering, WriteReport changes, boolean codeOwnersStale) {
    /** Nothing to write: output files and CODEOWNERS are current. */
    public boolean isCurrent() {
      return changes.isNoop() && !codeOwnersStale;
    }
  }

  /** Renders in memory and compares with {@code output/} and {@value #CODEOWNERS}; writes nothing. */
  public Staleness check(Selection selection, Path schemas) {
    Rendering rendering = renderInMemory(selection, schemas);
    return new Staleness(rendering,
        OutputWriter.plan(workspace.root(), rendering.files(), rendering.scopes()),
        CodeOwnersFile.isStale(workspace.root(), rendering.codeOwners()));
  }

  /** The bytes of {@value #CODEOWNERS} on disk now (empty when missing), for a stale-file diff. */
  public byte[] codeOwnersOnDisk() {
    return CodeOwnersFile.current(workspace.root());
  }

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
   * The deletion guard of {@code check}: compares the render with the output committed at
   * {@code base} and fails when a tenant folder disappears or a tenant loses more than the
   * policy's share of its objects in an overlay, unless the policy approves that tenant. A render
   * of everything is compared with the whole committed output (an overlay that disappears takes
   * its tenants with it); a selection only with the folders it rendered.
   *
   * @param selection what {@code rendering} covers
   * @param base a Git revision, or null for {@code origin/main} if it resolves, else {@code HEAD}
   * @throws GuardrailException exit 4, one problem per blocked tenant with its blast radius
   * @throws io.meshplate.UsageException when {@code base} is given but does not resolve
   */
  public DeletionCheck guardDeletions(Selection selection, Rendering rendering, String base, DeletionPolicy policy) {
    String ref = base != null ? base : OutputSnapshot.defaultBase(workspace).orElse(null);
    if (ref == null) {
      return new DeletionCheck(null, List.of());
    }
    OutputSnapshot committed = OutputSnapshot.fromGit(workspace, ref);
    if (!selection.overlays().isEmpty() || !selection.tenants().isEmpty()) {
      committed = committed.within(rendering.scopes());
    }
    OutputSnapshot rendered = OutputSnapshot.fromRendered("render", rendering.files());
    return new DeletionCheck(ref, Reviewer.enforceDeletionGuard(committed, rendered, policy));
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

  private static Invariants invariants(OverlayCatalog overlays) {
    Object argocd = overlays.defaults().get("argocd");
    String namespace = argocd instanceof Map<?, ?> m && m.get("namespace") instanceof String s
        ? s : "openshift-gitops";
    Map<String, ArgoCdSite> sites = new HashMap<>();
    for (OverlayChain chain : overlays.chains().values()) {
      sites.put(chain.name(), ArgoCdSite.of(chain.values(), namespace));
    }
    return Invariants.withSites(namespace, sites);
  }

  /** Per overlay, the FQDNs each tenant placed there exposes (its effective ingress hosts). */
  private static Map<String, Map<String, Set<String>>> ingressHosts(Validated validated) {
    Map<String, Map<String, Set<String>>> hosts = new HashMap<>();
    for (OverlayChain chain : validated.overlays().chains().values()) {
      var rules = OverlayRulesFactory.of(chain);
      for (Tenant tenant : validated.tenants().all()) {
        if (chain.includes(tenant.spec())) {
          Set<String> fqdns = new TreeSet<>();
          chain.effectiveSpec(tenant).ingress().hosts().forEach(h -> fqdns.add(rules.fqdn(h.name())));
          hosts.computeIfAbsent(chain.name(), k -> new HashMap<>()).put(tenant.name(), fqdns);
        }
      }
    }
    return hosts;
  }

  private static Map<String, Set<String>> namespacesByTenant(Validated validated) {
    Map<String, Set<String>> owned = new HashMap<>();
    for (OverlayChain chain : validated.overlays().chains().values()) {
      for (Tenant tenant : validated.tenants().all()) {
        if (chain.includes(tenant.spec())) {
          owned.computeIfAbsent(tenant.name(), k -> new TreeSet<>()).add(chain.namespaceOf(tenant.name()));
        }
      }
    }
    return owned;
  }

  /**
   * The folders this run owns: whole overlays, or with {@code --tenant} only those tenants'
   * folders (in every selected overlay, so a folder the tenant left is pruned).
   */
  private List<String> scopes(Selection selection, Validated validated) {
    List<String> overlays = selection.overlays().isEmpty()
        ? overlayFolders(validated) : List.copyOf(selection.overlays());
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
  private List<String> overlayFolders(Validated validated) {
    Set<String> folders = new TreeSet<>(validated.overlays().names());
    try (var entries = java.nio.file.Files.list(workspace.output())) {
      entries.filter(p -> java.nio.file.Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString())
          .forEach(folders::add);
    } catch (java.nio.file.NoSuchFileException absent) {
      // nothing rendered yet
    } catch (java.io.IOException e) {
      throw new io.meshplate.OutputException("cannot list output/: " + e.getMessage(), e);
    }
    return List.copyOf(folders);
  }

}
