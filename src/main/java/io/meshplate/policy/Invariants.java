package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.Sha256;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Security invariants checked on the rendered object trees, after templates and overlay patches,
 * without trusting either: a template edit that breaks one fails {@code render} and
 * {@code check} (the caller throws {@code GuardrailException}, exit 4).
 *
 * <p>Rules (ids are stable):
 * <ul>
 *   <li>{@code INV-ALLOW-SOURCE}: every rule of an ALLOW AuthorizationPolicy in a tenant folder
 *       has a {@code from} with a positive source and no bare {@code *}.
 *   <li>{@code INV-ARGOCD-HUB}: Argo CD objects only in hub folders ({@code .../argocd/}), in the
 *       Argo CD namespace; hub folders are synced to the cluster Argo CD runs in, mesh folders
 *       to their overlay's cluster; each folder by exactly one Application.
 *   <li>{@code INV-ARGOCD-PROJECT}: every project allows exactly what the folders it syncs hold
 *       (kinds, cluster-scoped objects by name, namespaces, the repository) and no mesh folder's
 *       project reaches the Argo CD namespace; tenant teams' projects stay in their namespaces.
 *   <li>{@code INV-CLUSTER-SCOPED}: cluster-scoped kinds only under {@code <overlay>/platform/};
 *       the tenant's own Namespace object is the one exception.
 *   <li>{@code INV-DEFAULT-DENY-NETPOL}: each tenant namespace has a default-deny NetworkPolicy.
 *   <li>{@code INV-DENY-ALL}: each tenant namespace has an allow-nothing AuthorizationPolicy.
 *   <li>{@code INV-EXPORT-LOCAL}: ServiceEntry, VirtualService, DestinationRule in tenant
 *       folders have {@code exportTo: ["."]}.
 *   <li>{@code INV-FOLDER}: tenant files under {@code <overlay>/tenants/<tenant>/}, platform files
 *       under {@code <overlay>/platform/}.
 *   <li>{@code INV-KIND-ALLOWED}: only allow-listed kinds in tenant folders.
 *   <li>{@code INV-MESH-DISCOVERY}: every control plane of an overlay discovers every tenant
 *       namespace (SMCP membership, Istio discovery selectors).
 *   <li>{@code INV-MESH-MTLS-OWNER}: mesh-wide STRICT mTLS has one owner (the OSSM 2 SMCP, or the
 *       root PeerAuthentication next to a Sail Istio).
 *   <li>{@code INV-MESH-SIDE-BY-SIDE}: an Istio beside a ServiceMeshControlPlane shares its
 *       namespace and trust domain, is RevisionBased, and the SMCP meets the pre-migration checklist.
 *   <li>{@code INV-MESH-TELEMETRY}: the root Telemetry enables metrics; every Telemetry provider
 *       is declared, tracing always names a tracer.
 *   <li>{@code INV-NAMESPACE-OWNED}: namespaced objects in tenant folders lie in a namespace the
 *       tenant owns (or in the fixed platform namespace of their kind); Namespace objects name one.
 *   <li>{@code INV-OBJECT-COLLISION}: no two objects of one overlay share group, kind, namespace
 *       and name.
 *   <li>{@code INV-OBJECT-NAME}: every object's name is valid for its kind (a Service a DNS-1035
 *       label, a Namespace a DNS-1123 label, ...), every label value a valid label value.
 *   <li>{@code INV-ONE-CONTROL-PLANE}: exactly one control plane injects each tenant namespace.
 *   <li>{@code INV-PRESERVE}: namespaces and the control plane carry Delete=false,Prune=false;
 *       ApplicationSets preserve resources; no resources finalizer.
 *   <li>{@code INV-REGISTRY-ONLY}: each tenant namespace has a REGISTRY_ONLY Sidecar; no ALLOW_ANY.
 *   <li>{@code INV-ROUTE}: a Route in a tenant folder exposes one of the tenant's ingress hosts in
 *       that overlay, through its own namespace's gateway Service, with TLS passthrough.
 *   <li>{@code INV-STRICT-MTLS}: each tenant namespace has a STRICT PeerAuthentication; nothing
 *       relaxes mTLS.
 * </ul>
 *
 * <p>Each folder is checked on its own ({@link Invariant}); {@code INV-OBJECT-COLLISION} also
 * across the folders of an overlay, from compact facts ({@link OverlayInvariant}); the Argo CD
 * and mesh telemetry rules over the whole render, from the few objects folders keep for them
 * ({@link TreeInvariant}, {@link KeptObjects}). To add a check: implement one of the three and
 * list it in the constructor.
 *
 * <p>A "tenant namespace" is every namespace the tenant owns that its folder populates. Kinds
 * are written {@code Kind.group} as kubectl does ({@code Sidecar.networking.istio.io}, plain
 * {@code ServiceAccount} for the core group).
 */
public final class Invariants {
  /** Kinds the tenant templates of DESIGN §5 render. */
  public static final Set<String> DEFAULT_TENANT_KINDS = Set.copyOf(new TreeSet<>(List.of(
      "Namespace", "ServiceAccount", "Service", "ResourceQuota", "LimitRange",
      "Deployment.apps", "Role.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io",
      "NetworkPolicy.networking.k8s.io", "ServiceMeshMember.maistra.io",
      "PeerAuthentication.security.istio.io", "AuthorizationPolicy.security.istio.io",
      "RequestAuthentication.security.istio.io", "Sidecar.networking.istio.io",
      "ServiceEntry.networking.istio.io", "DestinationRule.networking.istio.io",
      "Gateway.networking.istio.io", "VirtualService.networking.istio.io", "Telemetry.telemetry.istio.io",
      "PodMonitor.monitoring.coreos.com", "ServiceMonitor.monitoring.coreos.com",
      "PrometheusRule.monitoring.coreos.com", "AppProject.argoproj.io",
      // The tenant gateway's exposure and availability (INV-ROUTE checks every Route).
      "Route.route.openshift.io", "PodDisruptionBudget.policy")));

  private final List<Invariant> rules;
  private final List<OverlayInvariant<?>> overlayRules;
  private final List<TreeInvariant> treeRules;
  private final Function<String, ArgoCdSite> sites;

  /**
   * @param tenantKinds kinds allowed in tenant folders ({@code Kind.group})
   * @param fixedNamespaces kinds a tenant folder holds in a platform namespace, with that
   *     namespace ({@code AppProject.argoproj.io -> openshift-gitops})
   * @param sites where Argo CD delivers each overlay
   */
  public Invariants(Set<String> tenantKinds, Map<String, String> fixedNamespaces, Function<String, ArgoCdSite> sites) {
    this.sites = sites;
    UniqueObjects unique = new UniqueObjects();
    List<Invariant> all = new ArrayList<>(List.of(
        new AllowListedKinds(Set.copyOf(tenantKinds)),
        new ForbidClusterScopedKinds(),
        new RequirePreservedOnDeletion(),
        new RequireSingleMtlsOwner(),
        new RequireSideBySideControlPlanes(),
        new RequireDefaultDenyNetworkPolicy(),
        new RequireDenyAllPolicy(),
        new RequireLocalExport(),
        new RequireOwnedNamespace(new TreeMap<>(fixedNamespaces)),
        new RequireRegistryOnlySidecar(),
        new RequireOwnRoute(),
        new RequireSourceOnAllowRules(),
        new RequireStrictMtls(),
        new RequireTenantFolder(),
        new RequireValidNames(),
        unique));
    all.sort(Comparator.comparing(Invariant::rule));
    this.rules = List.copyOf(all);
    this.overlayRules = List.of(unique);
    List<TreeInvariant> tree = new ArrayList<>(List.of(new RequireArgoCdOnHub(), new RequireExactProjects(),
        new RequireMeshTelemetry(), new RequireOneControlPlane(), new RequireMeshDiscovery()));
    tree.sort(Comparator.comparing(TreeInvariant::rule));
    this.treeRules = List.copyOf(tree);
  }

  /**
   * The default allow-list, with each tenant's AppProject in {@code argoCdNamespace}, and every
   * overlay delivered by an Argo CD in that namespace to its own cluster.
   */
  public static Invariants withDefaults(String argoCdNamespace) {
    return withSites(argoCdNamespace, Map.of());
  }

  /** The default allow-list, and Argo CD delivering each overlay as {@code sites} says (the defaults for others). */
  public static Invariants withSites(String argoCdNamespace, Map<String, ArgoCdSite> sites) {
    Map<String, ArgoCdSite> copy = Map.copyOf(sites);
    ArgoCdSite fallback = ArgoCdSite.inCluster(argoCdNamespace);
    return new Invariants(DEFAULT_TENANT_KINDS, Map.of("AppProject.argoproj.io", argoCdNamespace),
        overlay -> copy.getOrDefault(overlay, fallback));
  }

  /** The rule ids, sorted. */
  public List<String> ruleIds() {
    TreeSet<String> ids = new TreeSet<>();
    rules.forEach(r -> ids.add(r.rule()));
    overlayRules.forEach(r -> ids.add(r.rule()));
    treeRules.forEach(r -> ids.add(r.rule()));
    return List.copyOf(ids);
  }

  /** The facts every folder must leave for the overlay and tree checks, in a fixed order (the cache's). */
  public List<FolderFacts<?>> facts() {
    List<FolderFacts<?>> facts = new ArrayList<>(overlayRules);
    facts.add(KeptObjects.INSTANCE);
    return List.copyOf(facts);
  }

  /**
   * The ids of the facts only the whole-tree checks read: a run may hold them by digest
   * ({@link FactSet#read(List, java.io.DataInputStream, Set, FactSet.Source)}), since those checks usually stand
   * ({@link #treeKey}).
   */
  public Set<String> treeOnlyFacts() {
    return Set.of(KeptObjects.INSTANCE.id());
  }

  /**
   * What checking one folder found.
   *
   * @param problems sorted; empty when the folder is safe on its own
   * @param facts what the overlay checks need of it
   */
  public record Verdict(List<Problem> problems, FactSet facts) {}

  /** Checks one folder on its own and collects its facts; safe to call from several threads. */
  public Verdict checkFolder(FolderObjects folder) {
    List<Problem> problems = new ArrayList<>();
    for (Invariant rule : rules) {
      rule.check(folder, problems);
    }
    return new Verdict(problems.stream().sorted().distinct().toList(), FactSet.collect(facts(), folder));
  }

  /** Checks an overlay from the facts of its folders; every problem, sorted. */
  public List<Problem> checkOverlay(String overlay, SortedMap<FolderId, FactSet> folders) {
    List<Problem> problems = new ArrayList<>();
    for (OverlayInvariant<?> rule : overlayRules) {
      checkOne(rule, overlay, folders, problems);
    }
    return problems.stream().sorted().distinct().toList();
  }

  /** Checks the whole render from the facts of every folder it covers; every problem, sorted. */
  public List<Problem> checkTree(SortedMap<FolderId, FactSet> folders) {
    // Facts read from the cache decode on first use: on every core, before the checks read them in order.
    folders.values().parallelStream().forEach(set -> set.get(KeptObjects.INSTANCE));
    List<KeptObjects.Facts> kept = new ArrayList<>();
    folders.values().forEach(set -> kept.add(set.get(KeptObjects.INSTANCE)));
    TreeView view = new TreeView(kept, sites);
    // The rules read the view and nothing else they share: side by side, each into a list of its
    // own (the problems are sorted after). Most of a run's last seconds before it writes go here,
    // with one core idle while one rule ran after another.
    return treeRules.parallelStream().flatMap(rule -> {
      List<Problem> found = new ArrayList<>();
      rule.check(view, found);
      return found.stream();
    }).sorted().distinct().toList();
  }

  /**
   * Everything {@link #checkTree} reads, as a SHA-256: which folders, the digest of what each kept
   * ({@link FactSet#digest}), and where Argo CD delivers each of their overlays. The rules are
   * the code's, so a verdict kept under this key holds for the same build only.
   */
  public byte[] treeKey(SortedMap<FolderId, FactSet> folders) {
    MessageDigest digest = Sha256.digest();
    Set<String> overlays = new TreeSet<>();
    folders.forEach((id, set) -> {
      overlays.add(id.overlay());
      digest.update(id.path().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(set.digest(KeptObjects.INSTANCE));
    });
    for (String overlay : overlays) {
      // The site's fields, not its record toString, which is linked through method handles on its first call.
      ArgoCdSite site = sites.apply(overlay);
      digest.update((overlay + "\0" + site.clusterServer() + "\0" + site.namespace() + "\0" + site.outputPath() + "\0")
          .getBytes(StandardCharsets.UTF_8));
    }
    return digest.digest();
  }

  private static <F> void checkOne(OverlayInvariant<F> rule, String overlay, SortedMap<FolderId, FactSet> folders,
      List<Problem> problems) {
    SortedMap<FolderId, F> facts = new TreeMap<>();
    folders.forEach((id, set) -> facts.put(id, set.get(rule)));
    rule.check(overlay, facts, problems);
  }

  /**
   * Checks every invariant over a whole tree held in memory: each folder, then each overlay.
   *
   * @param namespacesByTenant the namespaces each tenant owns (across all overlays)
   * @param ingressHosts per overlay, the FQDNs each tenant's descriptor exposes there
   * @return every problem found, sorted; empty when the tree is safe
   */
  public List<Problem> check(RenderedTree tree, Map<String, Set<String>> namespacesByTenant,
      Map<String, Map<String, Set<String>>> ingressHosts) {
    SortedMap<FolderId, List<RenderedFile>> folders = new TreeMap<>();
    tree.files().values().forEach(file ->
        folders.computeIfAbsent(new FolderId(file.overlay(), file.tenant()), f -> new ArrayList<>()).add(file));
    List<Problem> problems = new ArrayList<>();
    SortedMap<String, SortedMap<FolderId, FactSet>> byOverlay = new TreeMap<>();
    SortedMap<FolderId, FactSet> all = new TreeMap<>();
    folders.forEach((id, files) -> {
      Set<String> owned = id.isPlatform() ? Set.of() : namespacesByTenant.getOrDefault(id.tenant(), Set.of());
      Set<String> hosts = id.isPlatform() ? Set.of()
          : ingressHosts.getOrDefault(id.overlay(), Map.of()).getOrDefault(id.tenant(), Set.of());
      Verdict verdict = checkFolder(new FolderObjects(id, files, Map.of(), owned, hosts));
      problems.addAll(verdict.problems());
      byOverlay.computeIfAbsent(id.overlay(), o -> new TreeMap<>()).put(id, verdict.facts());
      all.put(id, verdict.facts());
    });
    byOverlay.forEach((overlay, facts) -> problems.addAll(checkOverlay(overlay, facts)));
    problems.addAll(checkTree(all));
    return problems.stream().sorted().distinct().toList();
  }
}
