package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayLoader;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.render.Renderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A project rendered in memory the way {@code meshplate render} does it (descriptors,
 * guardrails, templates, overlay patches), before the post-render invariants, so a test can
 * assert on the objects themselves and run the invariants on purpose ({@link #invariantProblems}).
 */
record Rendered(Workspace workspace, RenderedTree tree) {
  static Rendered project() {
    return of(Path.of("").toAbsolutePath());
  }

  static Rendered of(Path root) {
    Workspace workspace = new Workspace(root);
    Pipeline.Validated validated = new Pipeline(workspace).validate();
    return new Rendered(workspace, Renderer.freemarker().render(workspace, validated.overlays(),
        validated.tenants().all(), Set.of(), Set.of()));
  }

  /** The tree invariants' view of the tree, with each overlay's Argo CD site from its values. */
  TreeView objects() {
    Map<FolderId, List<RenderedFile>> folders = new TreeMap<>();
    tree.files().values().forEach(file -> folders.computeIfAbsent(
        new FolderId(file.overlay(), file.tenant()), f -> new ArrayList<>()).add(file));
    List<KeptObjects.Facts> facts = new ArrayList<>();
    folders.forEach((id, files) ->
        facts.add(KeptObjects.INSTANCE.collect(new FolderObjects(id, files, Map.of(), Set.of(), Set.of()))));
    return new TreeView(facts, sites()::get);
  }

  /** Where Argo CD delivers each overlay, from the overlays' values. */
  Map<String, ArgoCdSite> sites() {
    Map<String, ArgoCdSite> sites = new HashMap<>();
    OverlayLoader.load(workspace).chains().values()
        .forEach(chain -> sites.put(chain.name(), ArgoCdSite.of(chain.values(), "openshift-gitops")));
    return sites;
  }

  /** What the rendered Applications and ApplicationSets make Argo CD sync. */
  List<Deliveries.Delivery> deliveries() {
    Deliveries deliveries = objects().deliveries();
    if (!deliveries.unprovable.isEmpty()) {
      throw new AssertionError(deliveries.unprovable);
    }
    return deliveries.all;
  }

  /**
   * The post-render invariants over this tree, each overlay delivered as its values say: the
   * problems {@code meshplate render} would refuse it with.
   */
  List<Problem> invariantProblems() {
    Map<String, Set<String>> owned = new HashMap<>();
    for (RenderedFile file : tree.files().values()) {
      for (Map<String, Object> object : file.objects()) {
        if (file.tenant() != null && "Namespace".equals(object.get("kind"))) {
          owned.computeIfAbsent(file.tenant(), t -> new TreeSet<>()).add(ObjectKey.of(object).name());
        }
      }
    }
    // The hosts each tenant exposes, as its Routes name them: these tests are not about INV-ROUTE.
    Map<String, Map<String, Set<String>>> hosts = new HashMap<>();
    for (RenderedFile file : tree.files().values()) {
      for (Map<String, Object> object : file.objects()) {
        if (file.tenant() != null && "Route".equals(object.get("kind"))) {
          hosts.computeIfAbsent(file.overlay(), o -> new HashMap<>())
              .computeIfAbsent(file.tenant(), t -> new TreeSet<>()).add(String.valueOf(at(object, "spec", "host")));
        }
      }
    }
    return Invariants.withSites("openshift-gitops", sites()).check(tree, owned, hosts);
  }

  /** A copy of this render whose file {@code path} holds what {@code change} makes of a deep copy of its objects. */
  Rendered with(String path, Consumer<List<Map<String, Object>>> change) {
    RenderedFile file = tree.files().get(path);
    if (file == null) {
      throw new AssertionError("no rendered file " + path);
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    file.objects().forEach(o -> objects.add(deepCopy(o)));
    change.accept(objects);
    TreeMap<String, RenderedFile> files = new TreeMap<>(tree.files());
    files.put(path, new RenderedFile(path, file.overlay(), file.tenant(), file.source(), file.template(),
        file.overlayChain(), objects));
    return new Rendered(workspace, new RenderedTree(files));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> object) {
    return (Map<String, Object>) copy(object);
  }

  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copy(v)));
      return copy;
    }
    return node;
  }

  /** Every object of the files directly in {@code folder} ({@code prod/tenants/payments}). */
  List<Map<String, Object>> in(String folder) {
    List<Map<String, Object>> objects = new ArrayList<>();
    tree.files().values().stream()
        .filter(f -> f.template() != null && Bundles.folderOf(f.path()).equals(folder))
        .forEach(f -> objects.addAll(f.objects()));
    return objects;
  }

  /** The one object of {@code kind} named {@code name} in {@code folder}. */
  Map<String, Object> object(String folder, String kind, String name) {
    List<Map<String, Object>> found = in(folder).stream()
        .filter(o -> ObjectKey.of(o).kind().equals(kind) && ObjectKey.of(o).name().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " objects " + kind + "/" + name + " in " + folder);
    }
    return found.get(0);
  }

  /** Every folder that holds a rendered file. */
  List<String> folders() {
    return tree.files().values().stream().map(RenderedFile::path).map(Bundles::folderOf).distinct().toList();
  }

  /** The value at a path of keys and list indexes: {@code at(o, "spec", "rules", 0, "from")}. */
  static Object at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      if (step instanceof Integer i && current instanceof List<?> list && i < list.size()) {
        current = list.get(i);
      } else if (current instanceof Map<?, ?> map) {
        current = map.get(step);
      } else {
        return null;
      }
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapAt(Object node, Object... path) {
    return (Map<String, Object>) at(node, path);
  }

  @SuppressWarnings("unchecked")
  static List<Object> listAt(Object node, Object... path) {
    return (List<Object>) at(node, path);
  }
}
