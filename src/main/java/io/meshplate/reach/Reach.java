package io.meshplate.reach;

import io.meshplate.descriptor.Tenant;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.yaml.SourceMap;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The connectivity model: who can talk to whom, evaluated on rendered objects, and whether that
 * equals what the descriptors declare. The only entry to the {@code reach} package.
 *
 * <p>The model is built from facts, one tenant folder at a time, so a render can feed it while it
 * streams and drop the objects:
 *
 * <pre>
 * List&lt;TenantFacts&gt; tenants = ...;       // Reach.tenantFacts(chain, tenant, Facts.of(files)) per tenant folder
 * PlatformFacts platform = Reach.platformFacts(chain, Facts.of(platformFiles));
 * OverlayCheck check = Reach.check(platform, tenants, contents);   // one overlay: the gate
 * Findings findings = Reach.findings(List.of(check, ...));          // all overlays, merged
 * Report report = Reach.report(List.of(Reach.evaluate(...), ...));  // every flow, for people
 * </pre>
 */
public final class Reach {
  private Reach() {}

  /**
   * The facts of one tenant in one overlay: its declarations (the descriptor with the overlay's
   * environment overrides) and its rendered folder.
   *
   * @param facts the facts of its rendered folder ({@link Facts#of}, or {@link Facts#decode} from a cache)
   * @param content the key of the folder content they were read from ({@code FactsPack.contentKey}), so a
   *     gate can tell the folder unchanged ({@link GateMemory}); null when unknown
   */
  public static TenantFacts tenantFacts(OverlayChain chain, Tenant tenant, Facts facts, byte[] content) {
    return new TenantFacts(chain.name(), TenantIntent.of(chain, tenant), facts, tenant.file(), tenant.positions(),
        content);
  }

  /**
   * Whether a {@code --from} or {@code --to} value names a party that is not a tenant's: the
   * internet, a platform party ({@code platform:router}) or an external host ({@code external:HOST}).
   */
  public static boolean namesNonTenantParty(String query) {
    return query.equals(PlatformParties.INTERNET) || PlatformParties.IDS.contains(query)
        || query.startsWith(PlatformParties.EXTERNAL) && query.length() > PlatformParties.EXTERNAL.length();
  }

  /** The parties {@link #namesNonTenantParty} accepts, as a message lists them. */
  public static String nonTenantParties() {
    return PlatformParties.INTERNET + ", " + String.join(", ", PlatformParties.IDS) + " or "
        + PlatformParties.EXTERNAL + "HOST";
  }

  /**
   * Whether the model reads an output file, by its name within its folder: every YAML file
   * ({@code .yaml} or {@code .yml}, the extensions kustomize and Argo CD read), whether meshplate
   * wrote it or someone added it by hand, except a kustomization, which is build wiring. The one
   * rule for {@code output/} on disk and for the output of a revision under review.
   */
  public static boolean readsFile(String name) {
    return (name.endsWith(".yaml") || name.endsWith(".yml")) && !KUSTOMIZATIONS.contains(name);
  }

  /**
   * Whether the model reads the file at {@code path} within an output folder: a file
   * {@link #readsFile} names, directly in the folder or in its hub sub-folder ({@code argocd/},
   * read as hub objects); nothing deeper.
   */
  public static boolean readsInFolder(String path) {
    int slash = path.indexOf('/');
    if (slash < 0) {
      return readsFile(path);
    }
    return path.startsWith(Bundles.HUB + "/") && path.indexOf('/', slash + 1) < 0 && readsFile(path.substring(slash + 1));
  }

  /** The names kustomize takes for a folder's kustomization. */
  private static final Set<String> KUSTOMIZATIONS = Set.of("kustomization.yaml",
      "kustomization.yml", "Kustomization");

  /**
   * Whether the model reads nothing of an object of this apiVersion and kind but its kind (it
   * cannot open or close a connection), so a reader need not build the rest.
   */
  public static boolean ignores(String apiVersion, String kind) {
    List<String> groups = IGNORED_GROUPS.get(kind);
    if (groups == null) {
      return false;
    }
    int slash = apiVersion.indexOf('/');
    for (String group : groups) {
      if (slash < 0 ? group.isEmpty() : group.length() == slash && apiVersion.startsWith(group)) {
        return true;
      }
    }
    return false;
  }

  /** {@link Facts#NO_EFFECT} by kind: the groups of each (a lookup per document, no string built). */
  private static final Map<String, List<String>> IGNORED_GROUPS = ObjectKey.groupsByKind(Facts.NO_EFFECT);

  /**
   * The facts of an overlay's platform side: its values and its {@code platform/} folder.
   *
   * @param content as for {@link #tenantFacts}
   */
  public static PlatformFacts platformFacts(OverlayChain chain, Facts facts, byte[] content) {
    return new PlatformFacts(chain.name(), chain.values(), chain.provenance(), facts, content);
  }

  /**
   * Evaluates one overlay and checks that effect equals intent.
   *
   * @param tenants every tenant of the overlay (a partial list reports the missing tenants' flows as blocked)
   * @param contents the bytes of an output file named {@code output/...}, to cite lines; may return null
   */
  public static OverlayCheck check(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents) {
    return check(platform, tenants, contents, null, false);
  }

  /**
   * As {@link #check(PlatformFacts, List, Function)}, evaluating again only the flows that touch
   * a tenant changed since {@code last} (see {@link GateMemory}); the findings are those a whole
   * evaluation gives. The check's {@link OverlayCheck#memory} is what the next gate may reuse.
   *
   * @param last what the gate of this overlay kept last time; null evaluates every flow
   * @param tableWhenWhole a gate that evaluates every flow (no memory, or one no longer of use)
   *     also gives the memory of a table ({@link OverlayCheck#flowMemory}), as {@link #table} would
   *     keep it: the next table then evaluates only what changed since, instead of every flow. A
   *     gate that reuses its memory gives none, and costs no more than without it.
   */
  public static OverlayCheck check(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents,
      GateMemory<Checker.Finding> last, boolean tableWhenWhole) {
    List<TenantFacts> sorted = sorted(tenants);
    return gate(platform, sorted, new Mesh(platform, sorted), locator(contents, sorted), last,
        tableWhenWhole ? Keeps.TABLE_WHEN_WHOLE : Keeps.FINDINGS, null);
  }

  /**
   * What a gate of one overlay ({@link #check} with {@code last}) keeps for the next, as a review
   * compares with it: {@code last} itself when the platform side and every tenant are as
   * {@code last} judged them (a pull request's check has just judged this very {@code output/}),
   * found from their fingerprints without modelling the overlay; else the gate's.
   */
  public static GateMemory<?> memory(PlatformFacts platform, List<TenantFacts> tenants,
      Function<String, byte[]> contents, GateMemory<Checker.Finding> last) {
    return GateMemory.judged(last, platform, tenants) ? last : check(platform, tenants, contents, last, false).memory();
  }

  /**
   * As {@link #check(PlatformFacts, List, Function)}, keeping every flow for a report (and the
   * model, to compare with another render); with {@code from} and {@code to} (party ids or
   * tenants) every pair between them is evaluated too, so a pair nothing connects still shows
   * which layers deny it.
   *
   * @param brief keep only what a table without every layer's answer prints: the flows that are
   *     not denied, without their steps; each flow is then evaluated only until a layer denies all
   *     of it, as a gate does (the findings are the same)
   */
  public static OverlayCheck evaluate(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents,
      String from, String to, boolean brief) {
    List<TenantFacts> sorted = sorted(tenants);
    return report(platform, new Mesh(platform, sorted), locator(contents, sorted), from, to, brief);
  }

  /**
   * A report of the flows between {@code from} and {@code to} (party ids or tenants, see {@link
   * Report#matching}), with the findings of the whole overlay, as {@link #evaluate} and then
   * {@link Report#select} give them, for a fraction of the work. The findings come from a gate
   * ({@link #check} with {@code last}, whose memory the check hands on), and only the flows with an
   * end in the namespaces of the query's tenants are evaluated for the report: every flow the
   * query selects has its source there, or its destination. A side that names a platform party,
   * an external host or the internet narrows nothing; when neither side narrows, every flow is
   * evaluated.
   */
  public static OverlayCheck query(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents,
      String from, String to, boolean brief, GateMemory<Checker.Finding> last) {
    List<TenantFacts> sorted = sorted(tenants);
    Mesh mesh = new Mesh(platform, sorted);
    Locator locator = locator(contents, sorted);
    Prints prints = new Prints(platform, sorted, mesh);
    OverlayCheck gate = gate(platform, prints, prints.reuse(last), locator, last, Keeps.FINDINGS, null);
    Evaluator evaluator = prints.evaluator.stoppingAtDenial(brief);
    Checker checker = new Checker(platform.overlay(), evaluator.declared, locator, true, brief);
    Set<String> within = narrowest(queried(mesh, from), queried(mesh, to));
    List<String> hosts = within == null ? prints.hosts
        : prints.hosts.stream().filter(h -> prints.namespacesRead(h).stream().anyMatch(within::contains)).toList();
    OverlayFlows.evaluate(evaluator, from, to, checker::judge, checker::record, within, hosts);
    return new OverlayCheck(platform.overlay(), gate.findings, locator, checker, evaluator, gate.memory(), null,
        gate.evaluatedAgain());
  }

  /**
   * The table of {@code meshplate reach} without {@code --from} and {@code --to}: the flows that
   * are not denied, without their steps ({@link #evaluate} with {@code brief}), and the findings of
   * the whole overlay, as a gate ({@link #check} with {@code lastFindings}) gives them. The flows of
   * the last table ({@code lastFlows}) are taken again where a gate would take their findings
   * again ({@link GateMemory}), and only the others are evaluated; the check's
   * {@link OverlayCheck#flowMemory} is what the next table may reuse. One evaluation serves both:
   * a flow either memory lacks is evaluated once.
   */
  public static OverlayCheck table(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents,
      GateMemory<Checker.Finding> lastFindings, GateMemory<Flow> lastFlows) {
    List<TenantFacts> sorted = sorted(tenants);
    return gate(platform, sorted, new Mesh(platform, sorted), locator(contents, sorted), lastFindings, Keeps.TABLE,
        lastFlows);
  }

  /**
   * One side of a review of two renders: this side's findings, as a gate gives them, and every
   * layer's answer for the flows that may differ from the other side's, as the memory {@code
   * otherSide} of its gate says ({@link #memory}, or an earlier review's; null when the other side
   * lacks the overlay). Those are the flows with a tenant end in a namespace whose folder or
   * declarations differ between the sides, and those of the ingress hosts such a change can touch;
   * every other flow is the same on both sides (see {@link GateMemory}), so {@link #compare} of two
   * reviews finds what {@link #compare} of two whole evaluations finds, and a side's report holds
   * only the flows around the change. Without {@code otherSide}, with another platform side, or when
   * a changed folder reaches beyond its namespace, every flow is evaluated, as {@link #evaluate}
   * does, and the check keeps no {@link OverlayCheck#memory}, so the other side's review evaluates
   * every flow too.
   */
  public static OverlayCheck review(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents,
      GateMemory<?> otherSide) {
    GateMemory<Checker.Finding> other = GateMemory.ofFindings(otherSide);
    List<TenantFacts> sorted = sorted(tenants);
    Mesh mesh = new Mesh(platform, sorted);
    Locator locator = locator(contents, sorted);
    Prints prints = new Prints(platform, sorted, mesh);
    Reuse reuse = prints.reuse(other);
    if (reuse.changed() == null) {
      // No memory to hand on either: the other side then evaluates every flow as well.
      return report(platform, mesh, locator, null, null, false);
    }
    OverlayCheck gate = gate(platform, prints, reuse, locator, other, Keeps.FINDINGS, null);
    Evaluator evaluator = prints.evaluator.stoppingAtDenial(false);
    Checker checker = new Checker(platform.overlay(), evaluator.declared, locator, true, false);
    OverlayFlows.evaluate(evaluator, null, null, checker::judge, checker::record, reuse.changed(),
        reuse.unsettled(prints.hosts));
    return new OverlayCheck(platform.overlay(), gate.findings, locator, checker, evaluator, gate.memory(), null,
        gate.evaluatedAgain());
  }

  /** The tenant of a party id ({@code payments/api}), null for platform, internet and external parties. */
  public static String tenantOf(String party) {
    int slash = party.indexOf('/');
    return slash > 0 && party.indexOf(':') < 0 ? party.substring(0, slash) : null;
  }

  /**
   * Completes the checks of {@link #review} with every flow of {@code tenants} (names), in every
   * overlay: a review draws the calls of the tenants whose flows changed whole, the unchanged ones
   * too. A check that evaluated every flow is left as it is.
   */
  public static void addFlowsOf(List<OverlayCheck> reviewed, Set<String> tenants) {
    reviewed.forEach(c -> c.addFlowsOf(tenants));
  }

  /**
   * What a run takes from what the last one kept: the namespaces whose flows it evaluates again
   * (null: every flow), and the ingress hosts whose flows hold (see {@link GateMemory}).
   */
  private record Reuse(Set<String> changed, Set<String> settledHosts) {
    static final Reuse NOTHING = new Reuse(null, Set.of());

    /** @param namespacesRead {@link IngressChain#namespacesRead}, worked out once per host for both memories */
    static Reuse of(GateMemory<?> last, byte[] platformPrint, Map<String, GateMemory.Print> judged,
        Function<String, Set<String>> namespacesRead, List<String> hosts) {
      Set<String> changed = GateMemory.changedNamespaces(last, platformPrint, judged);
      if (changed == null) {
        return NOTHING;
      }
      Set<String> settled = new HashSet<>();
      Set<String> mentioned = GateMemory.mentionedHosts(last, judged);
      for (String host : hosts) {
        String h = Hosts.lower(host); // as the flows name it (Evaluation#via)
        if (!mentioned.contains("*") && !mentioned.contains(h)
            && namespacesRead.apply(h).stream().noneMatch(changed::contains)) {
          settled.add(h);
        }
      }
      return new Reuse(changed, settled);
    }

    /** What {@code last} kept that still holds (a new, growing list). */
    <T> List<GateMemory.Kept<T>> held(GateMemory<T> last) {
      List<GateMemory.Kept<T>> out = new ArrayList<>();
      if (changed != null) {
        for (GateMemory.Kept<T> k : last.kept) {
          if (k.holds(changed, settledHosts)) {
            out.add(k);
          }
        }
      }
      return out;
    }

    /** Whether nothing changed since {@code last}: what it kept is exactly what this run keeps. */
    boolean nothingChanged() {
      return changed != null && changed.isEmpty();
    }

    /** What two runs evaluate between them: every flow that either evaluates. */
    Reuse or(Reuse other) {
      if (changed == null || other.changed == null) {
        return NOTHING;
      }
      Set<String> both = new HashSet<>(changed);
      both.addAll(other.changed);
      Set<String> settled = new HashSet<>(settledHosts);
      settled.retainAll(other.settledHosts);
      return new Reuse(both, settled);
    }

    /** Whether the flow {@code tag} was kept from must be judged again: what was kept of it does not hold. */
    boolean due(GateMemory.Kept<?> tag) {
      return changed == null || !tag.holds(changed, settledHosts);
    }

    /** The ingress hosts whose flows are evaluated. */
    List<String> unsettled(List<String> hosts) {
      return hosts.stream().filter(h -> !settledHosts.contains(Hosts.lower(h))).toList();
    }
  }

  /**
   * The namespaces of the parties {@code query} names, when all of them are a tenant's services or
   * gateway (none when it names a tenant or service not placed here); null when it names anything
   * else (a platform party, an external host, the internet) or is null: then it does not narrow
   * what is evaluated.
   */
  private static Set<String> queried(Mesh mesh, String query) {
    if (query == null) {
      return null;
    }
    Set<String> namespaces = new TreeSet<>();
    for (Party party : mesh.parties.values()) {
      if (Report.matches(query, party.id())) {
        String namespace = GateMemory.tenantNamespace(party);
        if (namespace == null) {
          return null;
        }
        namespaces.add(namespace);
      }
    }
    boolean tenantSide = !query.contains(":") && !query.equals(PlatformParties.INTERNET);
    return namespaces.isEmpty() && !tenantSide ? null : namespaces;
  }

  /** The smaller of two narrowings (null: does not narrow). */
  private static Set<String> narrowest(Set<String> a, Set<String> b) {
    return a == null ? b : b == null || a.size() <= b.size() ? a : b;
  }

  /** Every flow evaluated for a report (see {@link #evaluate}). */
  private static OverlayCheck report(PlatformFacts platform, Mesh mesh, Locator locator, String from, String to,
      boolean brief) {
    Evaluator evaluator = new Evaluator(mesh, brief);
    Checker checker = new Checker(platform.overlay(), evaluator.declared, locator, true, brief);
    checker.unmodelled(mesh.opaque());
    checker.checkDeclarations();
    OverlayFlows.evaluate(evaluator, from, to, checker::judge, checker::record, null,
        OverlayFlows.ingressHosts(evaluator));
    return new OverlayCheck(platform.overlay(), checker.findings, locator, checker, evaluator, null, null, null);
  }

  private static List<TenantFacts> sorted(List<TenantFacts> tenants) {
    List<TenantFacts> sorted = new ArrayList<>(tenants);
    sorted.sort(Comparator.comparing(TenantFacts::tenant));
    return sorted;
  }

  /** Cites output files by their bytes, descriptors by their positions. */
  private static Locator locator(Function<String, byte[]> contents, List<TenantFacts> tenants) {
    Map<String, List<SourceMap>> descriptors = new HashMap<>();
    tenants.forEach(t -> descriptors.put(t.file, List.of(t.positions)));
    return new Locator(contents, descriptors);
  }

  /** What a gate keeps for the next run besides its findings. */
  private enum Keeps {
    /** Nothing: a gate. */
    FINDINGS,
    /** The flows of a table too, reported and kept ({@link #table}). */
    TABLE,
    /** The flows of a table too, kept but not reported, when every flow is evaluated anyway. */
    TABLE_WHEN_WHOLE
  }

  /**
   * A gate: evaluates the flows a change since {@code last} touches (those with an end in a
   * changed namespace, and the ingress hosts that read one or that a changed tenant names), takes
   * the findings of the others from it, and keeps every flow's findings, with the namespaces of
   * its tenant ends or its ingress host, for the next gate ({@link GateMemory}). With
   * {@link Keeps#TABLE}, the same for the flows a table prints, from and for {@code lastFlows}.
   */
  private static OverlayCheck gate(PlatformFacts platform, List<TenantFacts> tenants, Mesh mesh, Locator locator,
      GateMemory<Checker.Finding> last, Keeps keeps, GateMemory<Flow> lastFlows) {
    Prints prints = new Prints(platform, tenants, mesh);
    return gate(platform, prints, prints.reuse(last), locator, last, keeps, lastFlows);
  }

  /**
   * What a gate compares with what the last one kept: the fingerprints of the platform side and
   * of every tenant, and the overlay's ingress hosts with the namespaces each one's chain reads.
   */
  private static final class Prints {
    /** Each flow only until a layer denies all of it. */
    final Evaluator evaluator;
    final byte[] platform;
    final Map<String, GateMemory.Print> tenants;
    final List<String> hosts;
    private final IngressChain ingress;
    private final Map<String, Set<String>> read = new HashMap<>();

    Prints(PlatformFacts platform, List<TenantFacts> tenants, Mesh mesh) {
      this.evaluator = new Evaluator(mesh, true);
      this.platform = GateMemory.fingerprint(platform);
      this.tenants = tenants.parallelStream().collect(Collectors.toMap(
          TenantFacts::tenant, t -> new GateMemory.Print(t.intent.namespace(), GateMemory.fingerprint(t),
              GateMemory.local(t, mesh), GateMemory.calls(t), GateMemory.hosts(t))));
      this.hosts = OverlayFlows.ingressHosts(evaluator);
      this.ingress = new IngressChain(evaluator);
    }

    Set<String> namespacesRead(String host) {
      return read.computeIfAbsent(host, ingress::namespacesRead);
    }

    /** What this run takes from {@code last}. */
    Reuse reuse(GateMemory<?> last) {
      return Reuse.of(last, platform, tenants, this::namespacesRead, hosts);
    }
  }

  /** @param findings what this gate takes from {@code last} ({@link Prints#reuse}) */
  private static OverlayCheck gate(PlatformFacts platform, Prints prints, Reuse findings, Locator locator,
      GateMemory<Checker.Finding> last, Keeps keeps, GateMemory<Flow> lastFlows) {
    Evaluator evaluator = prints.evaluator;
    byte[] platformPrint = prints.platform;
    Map<String, GateMemory.Print> judged = prints.tenants;
    List<String> hosts = prints.hosts;
    boolean table = keeps == Keeps.TABLE;
    boolean keepsFlows = table || keeps == Keeps.TABLE_WHEN_WHOLE && findings.changed() == null;
    Checker checker = new Checker(platform.overlay(), evaluator.declared, locator, keepsFlows, keepsFlows);
    checker.unmodelled(evaluator.mesh.opaque());
    checker.checkDeclarations();
    List<GateMemory.Kept<Checker.Finding>> keptFindings = findings.held(last);
    keptFindings.forEach(k -> checker.findings.add(k.value()));
    Reuse flows = table ? prints.reuse(lastFlows) : findings;
    // The flows to keep are written as they come (a memory that nothing changed is kept as read).
    GateMemory.Recorder<Flow> keptFlows = platformPrint == null || !keepsFlows || flows.nothingChanged() ? null
        : new GateMemory.Recorder<>(GateMemory.FLOWS);
    if (table) {
      for (GateMemory.Kept<Flow> k : flows.held(lastFlows)) {
        checker.carry(k.value());
        if (keptFlows != null) {
          keptFlows.add(k);
        }
      }
    }
    Reuse either = findings.or(flows);
    // Each flow's judgement with what the next run needs to tell whether it still holds (most
    // flows of a gate have nothing to keep: no finding, no flow).
    record Tagged(Checker.Judgement judgement, GateMemory.Kept<Void> tag) {}
    OverlayFlows.evaluate(evaluator, null, null, e -> {
      Checker.Judgement judgement = checker.judge(e);
      boolean nothing = judgement.findings().isEmpty() && judgement.kept() == null;
      return new Tagged(judgement, nothing ? null : GateMemory.Kept.of(e, null));
    }, t -> {
      GateMemory.Kept<Void> tag = t.tag();
      if (tag == null) {
        return;
      }
      if (findings.due(tag)) {
        for (Checker.Finding f : t.judgement().findings()) {
          checker.findings.add(f);
          keptFindings.add(new GateMemory.Kept<>(tag.namespaces(), tag.host(), f));
        }
      }
      Flow flow = t.judgement().kept();
      if (flow != null && flows.due(tag)) {
        if (table) {
          checker.carry(flow);
        }
        if (keptFlows != null) {
          keptFlows.add(new GateMemory.Kept<>(tag.namespaces(), tag.host(), flow));
        }
      }
    }, either.changed(), either.unsettled(hosts));
    if (table) {
      checker.sortFlows();
    }
    // Nothing changed: the memory read is the one to keep, the same object, so it is not written again.
    GateMemory<Checker.Finding> memory = platformPrint == null ? null : findings.nothingChanged() ? last
        : new GateMemory<>(platformPrint, judged, keptFindings, GateMemory.FINDINGS);
    GateMemory<Flow> flowMemory = keptFlows != null ? keptFlows.memory(platformPrint, judged)
        : platformPrint == null || !keepsFlows ? null : lastFlows;
    return new OverlayCheck(platform.overlay(), checker.findings, locator, table ? checker : null,
        table ? evaluator : null, memory, flowMemory, (table ? flows : findings).changed());
  }

  /** The findings of every overlay checked, merged and sorted. */
  public static Findings findings(List<OverlayCheck> checks) {
    return Findings.merge(checks);
  }

  /** A report of every flow and finding of the overlays checked, for {@code meshplate reach} and review. */
  public static Report report(List<OverlayCheck> checks) {
    Findings findings = findings(checks);
    // The overlay is the first thing flows sort by, and a run checks each overlay once: each
    // overlay's flows are sorted on a core of their own and follow one another in overlay order.
    // A table's are sorted already (Checker#sortFlows), which a sort finds in one pass.
    List<Flow> flows = new ArrayList<>();
    checks.stream().sorted(Comparator.comparing(OverlayCheck::overlay)).toList().parallelStream()
        .map(c -> {
          List<Flow> sorted = new ArrayList<>(c.flows());
          sorted.sort(null);
          return sorted;
        }).toList().forEach(flows::addAll);
    SortedSet<String> parties = new TreeSet<>();
    checks.forEach(c -> parties.addAll(c.parties()));
    return new Report(checks.stream().map(OverlayCheck::overlay).sorted().toList(), flows, findings.errors(),
        findings.warnings(), List.copyOf(parties));
  }

  /**
   * The declaration-only warnings: a callee allowing a caller that does not call it
   * ({@code REACH-NOT-CALLED}), an ingress host routed to a service that does not allow the
   * gateway ({@code REACH-NOT-ALLOWED}). Needs no render, so {@code validate} prints them.
   */
  public static Findings intent(Map<OverlayChain, List<Tenant>> tenantsByOverlay) {
    List<OverlayCheck> checks = new ArrayList<>();
    for (Map.Entry<OverlayChain, List<Tenant>> e : tenantsByOverlay.entrySet()) {
      OverlayChain chain = e.getKey();
      List<TenantFacts> tenants = new ArrayList<>();
      Map<String, List<SourceMap>> descriptors = new TreeMap<>();
      for (Tenant t : e.getValue()) {
        tenants.add(new TenantFacts(chain.name(), TenantIntent.of(chain, t), new Facts(), t.file(), t.positions(), null));
        descriptors.put(t.file(), List.of(t.positions()));
      }
      Mesh mesh = new Mesh(new PlatformFacts(chain.name(), chain.values(), chain.provenance(), new Facts(), null),
          tenants);
      Locator locator = new Locator(f -> null, descriptors);
      Checker checker = new Checker(chain.name(), new Declared(mesh), locator, false, false);
      checker.checkDeclarations();
      checks.add(new OverlayCheck(chain.name(), checker.findings, locator, null, null, null, null, null));
    }
    return findings(checks);
  }

  /**
   * Prints a report.
   *
   * @param detail every layer's answer under each flow (text and markdown), denied flows included
   */
  public static String format(Report report, ReachFormat format, boolean detail) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    write(report, format, detail, text);
    return text.toString(StandardCharsets.UTF_8);
  }

  /**
   * As {@link #format}, written to {@code out} in UTF-8: the reports of a large tree are written
   * as they are made instead of being held whole, the text table encoded on every core.
   */
  public static void write(Report report, ReachFormat format, boolean detail, OutputStream out) {
    if (format != ReachFormat.TEXT) {
      report.locate(); // the text table locates as it formats, on every core
    }
    try {
      switch (format) {
        case TEXT -> TextReport.write(report, detail, out);
        case MARKDOWN -> out.write(MarkdownReport.render(report, detail).getBytes(StandardCharsets.UTF_8));
        case JSON, HTML -> {
          OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
          if (format == ReachFormat.JSON) {
            JsonReport.write(report, buffered);
          } else {
            HtmlReport.write(report, buffered);
          }
          buffered.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The flows that differ between two reports: gained, lost, widened, narrowed, changed requests
   * or transport, and denied flows whose denying layers changed. Flows are matched by overlay, family, source,
   * destination, port and host.
   */
  public static List<FlowChange> compare(List<OverlayCheck> before, List<OverlayCheck> after) {
    Map<String, Flow> old = new TreeMap<>();
    before.forEach(c -> c.flows().forEach(f -> old.put(key(f), f)));
    Map<String, Flow> now = new TreeMap<>();
    after.forEach(c -> c.flows().forEach(f -> now.put(key(f), f)));
    // A pair only one side evaluated is evaluated on the other side too, so a layer that now
    // admits a pair another layer still denies shows as changed defence.
    Set<String> partial = new HashSet<>();
    complete(old, now, after, partial);
    complete(now, old, before, partial);
    Map<String, OverlayCheck> beforeByOverlay = new HashMap<>();
    before.forEach(c -> beforeByOverlay.put(c.overlay(), c));
    Map<String, OverlayCheck> afterByOverlay = new HashMap<>();
    after.forEach(c -> afterByOverlay.put(c.overlay(), c));
    SortedSet<String> keys = new TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    List<FlowChange> changes = new ArrayList<>();
    for (String k : keys) {
      Flow b = old.get(k);
      Flow a = now.get(k);
      Flow any = a != null ? a : b;
      String was = passes(b);
      String is = passes(a);
      FlowChange.Change change = null;
      if (was == null && is != null) {
        change = FlowChange.Change.GAINED;
      } else if (was != null && is == null) {
        change = FlowChange.Change.LOST;
      } else if (was != null && !was.equals(is)) {
        change = FlowChange.Change.CHANGED;
        OverlayCheck then = beforeByOverlay.get(any.overlay());
        OverlayCheck here = afterByOverlay.get(any.overlay());
        int order = then == null || here == null ? 0 : here.compareRequests(then, a);
        change = order > 0 ? FlowChange.Change.WIDENED : order < 0 ? FlowChange.Change.NARROWED : change;
      } else if (a != null && b != null && !layers(a).equals(layers(b))) {
        change = FlowChange.Change.LAYERS;
        String[] delta = layerDelta(b, a);
        was = delta[0];
        is = delta[1];
      }
      if (change != null) {
        changes.add(new FlowChange(any.overlay(), any.family(), any.from(), any.to(), any.port(), any.host(), change,
            was == null ? "nothing" : was, is == null ? "nothing" : is, a != null && !a.undeclared().isEmpty(),
            partial.contains(k), any.family() != Family.INGRESS
                && any.steps().stream().anyMatch(st -> st.layer() == Layer.GATEWAY_AUTHORIZATION)));
      }
    }
    changes.sort(null);
    return changes;
  }

  /** Evaluates on {@code side} the flows only {@code from} has; {@code partial} collects those whose parties it lacks. */
  private static void complete(Map<String, Flow> from, Map<String, Flow> into, List<OverlayCheck> side,
      Set<String> partial) {
    Map<String, OverlayCheck> byOverlay = new HashMap<>();
    side.forEach(c -> byOverlay.put(c.overlay(), c));
    for (Map.Entry<String, Flow> e : from.entrySet()) {
      OverlayCheck check = byOverlay.get(e.getValue().overlay());
      if (!into.containsKey(e.getKey()) && check == null) {
        partial.add(e.getKey());
      } else if (!into.containsKey(e.getKey())) {
        Flow there = check.evaluate(e.getValue());
        if (there != null) {
          into.put(e.getKey(), there);
        } else {
          partial.add(e.getKey());
        }
      }
    }
  }

  private static String key(Flow f) {
    return f.overlay() + "|" + f.family() + "|" + f.to() + "|" + f.port() + "|" + f.from() + "|" + f.host();
  }

  /** What passes (requests and transport), or null when nothing does. */
  private static String passes(Flow f) {
    if (f == null || f.verdict() == Verdict.DENIED) {
      return null;
    }
    String requests = TextReport.join(f.verdict() == Verdict.ALLOWED ? f.requests() : f.unknown());
    return (f.verdict() == Verdict.UNKNOWN ? "maybe " : "") + requests
        + (f.transport() == null ? "" : " (" + f.transport() + ")");
  }

  /**
   * What each layer decides on its own: its outcome and, per request, what it admits. Which
   * objects decide is detail; a change here with the same combined answer is defence in depth
   * gained or lost.
   */
  private static List<String> layers(Flow f) {
    return f.steps().stream().filter(s -> !s.outcome().equals("n/a"))
        .map(s -> s.layer().title() + " " + s.outcome() + (s.admits().isEmpty() ? "" : " " + TextReport.join(s.admits())))
        .toList();
  }

  /** The layers whose answers differ, before and after: {@code AuthorizationPolicy allow GET any path}. */
  private static String[] layerDelta(Flow before, Flow after) {
    List<String> was = new ArrayList<>(layers(before));
    List<String> is = new ArrayList<>(layers(after));
    List<String> common = new ArrayList<>(was);
    common.retainAll(is);
    was.removeAll(common);
    is.removeAll(common);
    String verdict = after.verdict() == Verdict.DENIED ? "still denied; " : after.verdict() == Verdict.ALLOWED
        ? "same requests pass; " : "";
    return new String[] {was.isEmpty() ? "-" : String.join(", ", was),
        verdict + (is.isEmpty() ? "-" : String.join(", ", is))};
  }
}
