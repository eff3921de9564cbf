package io.meshplate.review;

import io.meshplate.GuardrailException;
import io.meshplate.IoFailure;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.output.FileId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The deletion guard of {@code check}, fed one rendered tenant folder at a time while the render
 * streams, so neither side is ever held whole: the committed side is an index of Git blob ids
 * per tenant folder, and only folders whose rendered files differ from their committed blobs are
 * parsed (both sides) to count what disappears. Tenant folders committed but not rendered count
 * as removed. The outcome is what a review of two whole snapshots decides ({@link
 * Reviewer#review}): a tenant folder removed, or more than the policy's share of a tenant's
 * objects in one overlay, needs an approval.
 */
public final class DeletionWatch implements AutoCloseable {
  /** A tenant folder as committed: file names and their blob ids. */
  private record Committed(String overlay, String tenant, Map<String, ObjectId> files) {}

  private final Repository repo;
  private final String ref;
  private final DeletionPolicy policy;
  private final Map<String, Committed> committed;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final DeletionTally tally = new DeletionTally();

  private DeletionWatch(Repository repo, String ref, DeletionPolicy policy, Map<String, Committed> committed) {
    this.repo = repo;
    this.ref = ref;
    this.policy = policy;
    this.committed = committed;
  }

  /** {@code origin/main} when it resolves, else {@code HEAD}; empty without a repository or commit. */
  public static Optional<String> defaultBase(Workspace workspace) {
    return GitTrees.defaultBase(workspace);
  }

  /**
   * Indexes the tenant folders of the output committed at {@code ref}.
   *
   * @param scopes folders below {@code output/} the render covers ({@code prod/}); null for all
   * @throws io.meshplate.UsageException when {@code ref} does not name a commit
   */
  public static DeletionWatch open(Workspace workspace, String ref, Collection<String> scopes, DeletionPolicy policy) {
    Repository repo = GitTrees.open(workspace.root());
    try {
      Map<String, Committed> folders = new HashMap<>();
      Map<String, String> names = new HashMap<>(); // a dozen file names, shared by every folder
      GitTrees.forEachOutputFile(repo, workspace, ref, (path, id) -> {
        FolderId in = FolderId.of(path);
        if (in == null || in.isPlatform() || !OutputFiles.isManifest(path)
            || scopes != null && scopes.stream().noneMatch(path::startsWith)) {
          return;
        }
        String folder = in.path();
        folders.computeIfAbsent(folder, f -> new Committed(in.overlay(), in.tenant(), new TreeMap<>()))
            .files().put(names.computeIfAbsent(path.substring(folder.length() + 1), n -> n), id.copy());
      });
      return new DeletionWatch(repo, ref, policy, folders);
    } catch (RuntimeException e) {
      repo.close();
      throw e;
    }
  }

  /**
   * One rendered folder: nothing to do when its files are the committed blobs; otherwise both
   * sides are parsed and what disappears is counted. Thread-safe; platform folders are ignored.
   *
   * @param files file name to rendered bytes
   * @param ids the same files' ids (their Git blob ids, computed once by the render)
   */
  public void rendered(String overlay, String tenant, SortedMap<String, byte[]> files,
      Map<String, FileId> ids) {
    if (tenant == null) {
      return;
    }
    String folder = overlay + "/tenants/" + tenant;
    seen.add(folder);
    Committed before = committed.get(folder);
    if (before == null || before.files().equals(manifestBlobs(ids.values()))) {
      return;
    }
    Set<ObjectKey> after = new HashSet<>();
    files.forEach((name, bytes) -> {
      if (OutputFiles.isManifest(name)) {
        OutputFiles.parse("(rendered) output/" + folder + "/" + name, folder + "/" + name, bytes)
            .forEach(o -> after.add(ObjectKey.of(o)));
      }
    });
    count(before, after, false);
  }

  /**
   * A folder the render cache knows by its files' ids: true when it is exactly the committed
   * folder (or a folder the commit did not have), so nothing is removed there; false asks for
   * the folder's content ({@link #rendered}).
   */
  public boolean cached(String overlay, String tenant, List<FileId> files) {
    if (tenant == null) {
      return true;
    }
    String folder = overlay + "/tenants/" + tenant;
    Committed before = committed.get(folder);
    if (before != null && !before.files().equals(manifestBlobs(files))) {
      return false;
    }
    seen.add(folder);
    return true;
  }

  /** The blob ids of a folder's manifests, by file name. */
  private static Map<String, ObjectId> manifestBlobs(Collection<FileId> files) {
    Map<String, ObjectId> blobs = new TreeMap<>();
    files.stream().filter(f -> OutputFiles.isManifest(f.name())).forEach(f -> blobs.put(f.name(), ObjectId.fromRaw(f.blob())));
    return blobs;
  }

  /** Compares a committed folder with the keys rendered there (empty: the folder is gone). */
  private void count(Committed before, Set<ObjectKey> after, boolean folderGone) {
    Set<ObjectKey> keys = new HashSet<>();
    Set<String> ownNamespaces = new HashSet<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      for (Map.Entry<String, ObjectId> file : before.files().entrySet()) {
        String path = before.overlay() + "/tenants/" + before.tenant() + "/" + file.getKey();
        for (Map<String, Object> object : OutputFiles.parse(ref + ":output/" + path, path,
            GitTrees.blob(reader, file.getValue()))) {
          ObjectKey key = ObjectKey.of(object);
          keys.add(key);
          if (key.kind().equals("Namespace")) {
            ownNamespaces.add(key.name());
          }
        }
      }
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, ref + ":output/" + before.overlay() + "/tenants/" + before.tenant(),
          "cannot read the committed output", e);
    }
    List<ObjectKey> removed = new ArrayList<>();
    keys.stream().filter(k -> !after.contains(k)).forEach(removed::add);
    if (!folderGone && !DeletionTally.tooMany(removed.size(), keys.size(), policy)) {
      return;
    }
    // Namespaces the tenant owns (its Namespace objects), not shared ones such as Argo CD's.
    List<String> namespaces = new ArrayList<>();
    for (ObjectKey key : removed) {
      String namespace = key.kind().equals("Namespace") ? key.name() : key.namespace();
      if (ownNamespaces.contains(namespace)) {
        namespaces.add(namespace);
      }
    }
    tally.add(before.tenant(), before.overlay(), removed.size(), keys.size(), folderGone, namespaces);
  }

  /**
   * Counts the committed folders no render reached (their tenant is gone from the overlay) and
   * decides.
   *
   * @return the approved deletions, with their blast radius
   * @throws GuardrailException one problem per deletion that needs an approval
   */
  public List<Deletion> finish() {
    new TreeMap<>(committed).forEach((folder, before) -> {
      if (!seen.contains(folder)) {
        count(before, Set.of(), true);
      }
    });
    List<Deletion> deletions = tally.deletions(policy);
    List<Problem> blocked = Reviewer.blocked(deletions);
    if (!blocked.isEmpty()) {
      throw new GuardrailException(blocked);
    }
    return deletions;
  }

  @Override
  public void close() {
    repo.close();
  }
}
