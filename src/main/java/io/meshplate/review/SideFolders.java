package io.meshplate.review;

import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.reach.Facts;
import io.meshplate.reach.Reach;
import io.meshplate.yaml.Frozen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Takes the files of one side of a review in path order, a folder at a time, and keeps what the
 * review needs of each: the facts the connectivity model reads of each tenant and platform folder
 * ({@link Facts#of}), so the model is built without the objects; and the objects. A tenant folder
 * whose files are all the same on both sides (none of them among the change's differing manifests)
 * keeps only the objects a review reads across every tenant ({@link #ACROSS_TENANTS}): its other objects
 * cannot differ, so no finding can come from them, and a review holds the objects of the folders
 * a change touches instead of two whole trees (10,000 tenants did not fit in 6 GiB).
 *
 * <p>Facts made on the other side of the same folder content are taken as they are.
 */
final class SideFolders {
  /**
   * Kinds read across every tenant folder, whether it changed or not: Namespaces (who owns a
   * namespace, which control plane governs it), ServiceMeshMembers and Deployments (which control
   * plane a namespace and its gateways follow, for the rollout waves; of a Deployment only its
   * pod template's metadata is kept), and ServiceEntries (which hosts are external, for a changed
   * DestinationRule's TLS).
   */
  static final Set<String> ACROSS_TENANTS = Set.of("Namespace", "ServiceMeshMember", "Deployment", "ServiceEntry");

  private final SortedMap<String, List<Map<String, Object>>> files;
  private final SortedMap<String, String> changes;
  private final Map<String, Facts> otherFacts;
  private final SortedMap<String, Facts> facts = new TreeMap<>();
  private final SortedMap<String, List<Map<String, Object>>> folderFiles = new TreeMap<>();
  private String folder;

  /**
   * @param files where each file's objects go, by path relative to {@code output/}
   * @param changes the manifests that differ between the sides, by path relative to {@code output/}
   *     ({@link ChangeScope.Walked#outputChanges})
   * @param otherFacts the other side's facts by folder, when it was read first (else empty)
   */
  SideFolders(SortedMap<String, List<Map<String, Object>>> files, SortedMap<String, String> changes,
      Map<String, Facts> otherFacts) {
    this.files = files;
    this.changes = changes;
    this.otherFacts = otherFacts;
  }

  /** The next file in path order, with its objects. */
  void accept(String path, List<Map<String, Object>> objects) {
    // Files come in path order: most lie in the folder of the one before.
    String in = folder != null && path.startsWith(folder) && path.startsWith("/", folder.length()) ? folder
        : folderOf(path);
    if (!Objects.equals(in, folder)) {
      flush();
      folder = in;
    }
    if (in == null) {
      files.put(path, objects);
    } else {
      folderFiles.put(path, objects);
    }
  }

  /** The facts of every folder with files the model reads, once every file came. */
  SortedMap<String, Facts> finish() {
    flush();
    return facts;
  }

  private void flush() {
    if (folder == null) {
      return;
    }
    boolean same = changes.subMap(folder + "/", folder + "/" + Character.MAX_VALUE).isEmpty();
    SortedMap<String, List<Map<String, Object>>> read = new TreeMap<>();
    folderFiles.forEach((path, objects) -> {
      if (Reach.readsInFolder(path.substring(folder.length() + 1))) {
        read.put(path, objects);
      }
    });
    if (!read.isEmpty()) {
      Facts known = same ? otherFacts.get(folder) : null;
      facts.put(folder, known != null ? known : Facts.of(read));
    }
    boolean trim = same && folder.contains("/tenants/");
    folderFiles.forEach((path, objects) -> files.put(path, trim ? acrossTenants(objects) : objects));
    folderFiles.clear();
    folder = null;
  }

  /**
   * The objects of {@code objects} read across tenants, frozen ({@link Frozen}): a review holds them
   * for every folder of both sides, and the other side takes the same instances for the same file.
   */
  private static List<Map<String, Object>> acrossTenants(List<Map<String, Object>> objects) {
    if (Frozen.is(objects)) {
      return objects; // the other side's, for a file of the same content
    }
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> object : objects) {
      String kind = ObjectKey.of(object).kind();
      if (kind.equals("Deployment")) {
        kept.add(podTemplateOnly(object));
      } else if (ACROSS_TENANTS.contains(kind)) {
        kept.add(object);
      }
    }
    return Frozen.objects(kept);
  }

  /**
   * A Deployment as the rollout waves read it (which gateways a control plane injects): its
   * apiVersion, kind, metadata and pod template metadata. The containers are most of a gateway
   * Deployment, and a folder that did not change holds its Deployment only for this.
   */
  private static Map<String, Object> podTemplateOnly(Map<String, Object> deployment) {
    Map<String, Object> out = new LinkedHashMap<>(4);
    out.put("apiVersion", deployment.get("apiVersion"));
    out.put("kind", deployment.get("kind"));
    out.put("metadata", deployment.get("metadata"));
    Object template = Nodes.at(deployment, "spec", "template", "metadata");
    if (template != null) {
      out.put("spec", Map.of("template", Map.of("metadata", template)));
    }
    return out;
  }

  /**
   * The folder whose facts the model reads that holds {@code path}: a tenant's
   * ({@code prod/tenants/payments}, with its {@code argocd/}) or an overlay's platform folder
   * ({@code prod/platform}); null for any other file.
   */
  static String folderOf(String path) {
    FolderId folder = FolderId.of(path);
    return folder == null ? null : folder.path();
  }
}
