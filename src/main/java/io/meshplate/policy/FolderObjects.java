package io.meshplate.policy;

import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objects of one folder as the checks see them: every object with its file (and line, once
 * written out), and the namespaces the folder's tenant owns in any overlay. Kustomize's own
 * {@code kustomization.yaml} is left out: it is never applied to a cluster.
 */
public final class FolderObjects {
  private final FolderId folder;
  private final List<RenderedFile> files;
  private final List<PlacedObject> objects = new ArrayList<>();
  private final Set<String> owned;
  private final Set<String> ingressHosts;

  /**
   * @param lines for a file path, the line each of its documents starts on; files not in the
   *     map count as not written out yet (line 0)
   * @param owned the namespaces the folder's tenant owns (empty for the platform folder)
   * @param ingressHosts the FQDNs the tenant's descriptor exposes in the folder's overlay (empty
   *     for the platform folder)
   */
  public FolderObjects(FolderId folder, List<RenderedFile> files, Map<String, int[]> lines, Set<String> owned,
      Set<String> ingressHosts) {
    this.folder = folder;
    this.files = List.copyOf(files);
    this.owned = Set.copyOf(owned);
    this.ingressHosts = Set.copyOf(ingressHosts);
    for (RenderedFile file : this.files) {
      int[] starts = lines.get(file.path());
      List<Map<String, Object>> list = file.objects();
      for (int i = 0; i < list.size(); i++) {
        ObjectKey key = ObjectKey.of(list.get(i));
        if (!key.group().startsWith("kustomize.config.k8s.io")) {
          objects.add(new PlacedObject(file, list.get(i), key, starts != null && i < starts.length ? starts[i] : 0));
        }
      }
    }
  }

  public FolderId folder() {
    return folder;
  }

  /** Every object, in file order (files sorted by path). */
  public List<PlacedObject> objects() {
    return objects;
  }

  public List<RenderedFile> files() {
    return files;
  }

  /** The namespaces the folder's tenant owns, in every overlay it renders to. */
  public Set<String> owned() {
    return owned;
  }

  /** The FQDNs the folder's tenant exposes in its overlay (its effective ingress hosts). */
  public Set<String> ingressHosts() {
    return ingressHosts;
  }

  /**
   * The namespaces the folder populates: its Namespace objects and the namespaces of its
   * namespaced objects that the tenant owns. Each needs its own baseline policies.
   */
  Set<String> populatedNamespaces() {
    TreeSet<String> namespaces = new TreeSet<>();
    for (PlacedObject placed : objects) {
      if (placed.is("", "Namespace") && owned.contains(placed.key().name())) {
        namespaces.add(placed.key().name());
      } else if (owned.contains(placed.key().namespace())) {
        namespaces.add(placed.key().namespace());
      }
    }
    return namespaces;
  }
}
