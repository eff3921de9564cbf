package io.meshplate.review;

import io.meshplate.IoFailure;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.yaml.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/** Reads a snapshot from a commit's tree, straight from the object database. */
final class GitTrees {
  private GitTrees() {}

  /**
   * @param other a side whose parsed objects are reused for files of the same content, or null
   * @param changes with them, the side is read around the change ({@link SideFolders}): the
   *     manifests that differ between the sides; null reads every object
   */
  static OutputSnapshot read(Workspace workspace, String ref, OutputSnapshot other, SortedMap<String, String> changes) {
    try (Repository repo = open(workspace.root())) {
      String prefix = prefix(repo, workspace.root());
      ObjectId id = resolve(repo, ref);
      try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
        RevCommit commit = walk.parseCommit(id);
        SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
        SortedMap<String, String> templates = new TreeMap<>();
        SortedMap<String, String> ids = new TreeMap<>();
        SortedMap<String, List<String>> owners = new TreeMap<>();
        SideFolders folders = changes == null ? null
            : new SideFolders(files, changes, other == null ? Map.of() : other.facts());
        OutputFiles.Batch parsing = folders == null ? new OutputFiles.Batch(files) : new OutputFiles.Batch(folders::accept);
        try (TreeWalk tree = new TreeWalk(reader)) {
          tree.addTree(commit.getTree());
          tree.setRecursive(true);
          tree.setFilter(PathFilterGroup.createFromStrings(
              prefix + OutputFiles.OUTPUT.substring(0, OutputFiles.OUTPUT.length() - 1),
              prefix + OutputFiles.TEMPLATES.substring(0, OutputFiles.TEMPLATES.length() - 1),
              prefix + "tenants"));
          while (tree.next()) {
            String path = tree.getPathString().substring(prefix.length());
            if (path.startsWith(TenantOwners.FOLDER)) {
              TenantOwners.add(path, blob(reader, tree.getObjectId(0)), owners);
            } else if (path.startsWith(OutputFiles.TEMPLATES)) {
              templates.put(path, tree.getObjectId(0).name());
            } else if (OutputFiles.isManifest(path)) {
              String relative = path.substring(OutputFiles.OUTPUT.length());
              String blob = tree.getObjectId(0).name();
              if (other != null) {
                // The other side's strings where they are equal: 430,000 paths and ids each on 10,000 tenants.
                SortedMap<String, String> from = other.fileIds().tailMap(relative);
                String samePath = from.isEmpty() ? null : from.firstKey();
                relative = relative.equals(samePath) ? samePath : relative;
                String sameBlob = other.fileIds().get(relative);
                blob = blob.equals(sameBlob) ? sameBlob : blob;
              }
              List<Map<String, Object>> known = other == null ? null : other.reusable(relative, blob);
              ids.put(relative, blob);
              if (known != null) {
                parsing.addParsed(relative, known);
              } else {
                parsing.add(ref + ":" + path, relative, blob(reader, tree.getObjectId(0)));
              }
            }
          }
        }
        parsing.finish();
        String label = ref + " (" + commit.abbreviate(7).name() + ")";
        return new OutputSnapshot(label, files, templates, ids, owners,
            folders == null ? new TreeMap<>() : folders.finish());
      }
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, ".git", "cannot read the Git repository", e);
    }
  }

  /**
   * Calls {@code action} with each file of the {@code output/} folder committed at {@code ref}:
   * its path relative to {@code output/} and its blob id. Nothing is read but trees.
   */
  static void forEachOutputFile(Repository repo, Workspace workspace, String ref,
      BiConsumer<String, ObjectId> action) {
    String prefix = prefix(repo, workspace.root());
    ObjectId id = resolve(repo, ref);
    try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
        TreeWalk tree = new TreeWalk(reader)) {
      tree.addTree(walk.parseCommit(id).getTree());
      tree.setRecursive(true);
      tree.setFilter(PathFilterGroup.createFromStrings(prefix + OutputFiles.OUTPUT.substring(0, OutputFiles.OUTPUT.length() - 1)));
      while (tree.next()) {
        action.accept(tree.getPathString().substring(prefix.length() + OutputFiles.OUTPUT.length()), tree.getObjectId(0));
      }
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, ref + ":output/", "cannot read the Git repository", e);
    }
  }

  /** The platform sources of a revision, written out: how the side is named, and template ids. */
  record Sources(String label, SortedMap<String, String> templates) {}

  /** Writes {@code tenants/} and {@code templates/} as committed at {@code ref} below {@code target}. */
  static Sources exportSources(Workspace workspace, String ref, Path target) {
    try (Repository repo = open(workspace.root())) {
      String prefix = prefix(repo, workspace.root());
      ObjectId id = resolve(repo, ref);
      try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
          TreeWalk tree = new TreeWalk(reader)) {
        RevCommit commit = walk.parseCommit(id);
        SortedMap<String, String> templates = new TreeMap<>();
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        tree.setFilter(PathFilterGroup.createFromStrings(prefix + "tenants",
            prefix + OutputFiles.TEMPLATES.substring(0, OutputFiles.TEMPLATES.length() - 1)));
        while (tree.next()) {
          String path = tree.getPathString().substring(prefix.length());
          if (path.startsWith(OutputFiles.TEMPLATES)) {
            templates.put(path, tree.getObjectId(0).name());
          }
          Path file = target.resolve(path).normalize();
          if (!file.startsWith(target)) {
            continue; // Git paths never climb out; refuse anyway rather than write elsewhere
          }
          Files.createDirectories(file.getParent());
          Files.write(file, blob(reader, tree.getObjectId(0)));
        }
        return new Sources(ref + " (" + commit.abbreviate(7).name() + ")", templates);
      }
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, ".git", "cannot read the Git repository", e);
    }
  }

  /**
   * The tenants whose descriptor {@code tenants/<name>.yaml} on disk differs from (or is
   * missing at) revision {@code ref}; empty without a repository or when {@code ref} does not
   * resolve, since then nothing is known about what changed.
   */
  static Optional<Set<String>> changedDescriptors(Workspace workspace, String ref) {
    try (Repository repo = find(workspace.root())) {
      if (repo == null) {
        return Optional.empty();
      }
      ObjectId id = repo.resolve(ref + "^{commit}");
      if (id == null) {
        return Optional.empty();
      }
      String prefix = prefix(repo, workspace.root());
      Map<String, String> committed = new TreeMap<>();
      try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
          TreeWalk tree = new TreeWalk(reader)) {
        tree.addTree(walk.parseCommit(id).getTree());
        tree.setRecursive(true);
        tree.setFilter(PathFilterGroup.createFromStrings(prefix + "tenants"));
        while (tree.next()) {
          committed.put(tree.getPathString().substring(prefix.length()), tree.getObjectId(0).name());
        }
      }
      Set<String> changed = new TreeSet<>();
      try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
          Stream<Path> files = Files.list(workspace.tenants())) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String name = file.getFileName().toString();
          String path = "tenants/" + name;
          String now = hasher.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file)).name();
          if (name.endsWith(".yaml") && !now.equals(committed.get(path))) {
            changed.add(name.substring(0, name.length() - ".yaml".length()));
          }
        }
      }
      return Optional.of(changed);
    } catch (IOException | RevisionSyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * The blob ids the index vouches for, of the files below {@code output/} in the work tree (by
   * path relative to {@code output/}): those whose size and modification time match their index
   * entry, as {@code git status} decides it without reading them. Empty outside a repository.
   */
  static Map<String, String> vouchedOutputIds(Workspace workspace) {
    try (Repository repo = find(workspace.root())) {
      if (repo == null || repo.isBare()) {
        return Map.of();
      }
      String output = prefix(repo, workspace.root()) + OutputFiles.OUTPUT;
      Map<String, String> ids = new HashMap<>();
      try (TreeWalk tree = new TreeWalk(repo)) {
        int work = addWorkTree(repo, tree);
        int index = work - 1;
        tree.setRecursive(true);
        tree.setFilter(PathFilterGroup.createFromStrings(output.substring(0, output.length() - 1)));
        while (tree.next()) {
          DirCacheIterator entry = tree.getTree(index, DirCacheIterator.class);
          WorkingTreeIterator file = tree.getTree(work, WorkingTreeIterator.class);
          if (entry != null && file != null && FileMode.REGULAR_FILE.equals(file.getEntryFileMode())
              && file.compareMetadata(entry.getDirCacheEntry()) == WorkingTreeIterator.MetadataDiff.EQUAL) {
            ids.put(tree.getPathString().substring(output.length()), entry.getEntryObjectId().name());
          }
        }
      }
      return ids;
    } catch (IOException unreadable) {
      return Map.of(); // then every file is read and hashed, as without a repository
    }
  }

  /**
   * Adds the work tree to {@code tree}, with the index beside it: a file whose size and times
   * match its index entry takes the index's blob id instead of being read and hashed, as
   * {@code git status} decides it (on 1,000 tenants, 52,000 output files a review would otherwise
   * read). A file the index cannot vouch for (changed since, or written in the same instant as
   * the index) is hashed as before.
   *
   * @return the work tree's position in the walk (the index's is the one before it)
   */
  static int addWorkTree(Repository repo, TreeWalk tree) throws IOException {
    return addWorkTree(repo, tree, repo.readDirCache());
  }

  /** As {@link #addWorkTree(Repository, TreeWalk)}, with the index already read. */
  static int addWorkTree(Repository repo, TreeWalk tree, DirCache dirCache) throws IOException {
    int index = tree.addTree(new DirCacheIterator(dirCache));
    FileTreeIterator files = new FileTreeIterator(repo);
    int work = tree.addTree(files);
    files.setDirCacheIterator(tree, index);
    return work;
  }

  /** {@code origin/main} when it resolves, else {@code HEAD}; empty without a repository or commit. */
  static Optional<String> defaultBase(Workspace workspace) {
    try (Repository repo = find(workspace.root())) {
      if (repo == null) {
        return Optional.empty();
      }
      for (String candidate : List.of("origin/main", "HEAD")) {
        if (repo.resolve(candidate + "^{commit}") != null) {
          return Optional.of(candidate);
        }
      }
      return Optional.empty();
    } catch (IOException | RevisionSyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * The content of a blob, as the object reader inflated it, not copied ({@link
   * org.eclipse.jgit.lib.ObjectLoader#getCachedBytes}): every caller only reads it. A review
   * reads a side's every file from Git, and the copy was 0.64 GB of the 18 GB a diff of 10,000
   * tenants allocated.
   */
  static byte[] blob(ObjectReader reader, AnyObjectId id) throws IOException {
    return reader.open(id).getCachedBytes();
  }

  static Repository open(Path root) {
    Repository repo;
    try {
      repo = find(root);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, ".git", "cannot open the Git repository", e);
    }
    if (repo == null) {
      throw new UsageException("meshplate: " + root + " is not inside a Git repository"
          + " (run it in a clone of the source repository, or pass --root)");
    }
    return repo;
  }

  /** The repository that holds {@code root}, or null outside one. */
  private static Repository find(Path root) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
    return builder.getGitDir() == null ? null : builder.setMustExist(true).build();
  }

  /** Where the project root lies inside the repository: {@code ""} or {@code "sub/dir/"}. */
  static String prefix(Repository repo, Path root) {
    if (repo.isBare()) {
      return "";
    }
    Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
    String relative = top.relativize(root).toString().replace('\\', '/');
    return relative.isEmpty() ? "" : relative + "/";
  }

  static ObjectId resolve(Repository repo, String ref) {
    ObjectId id;
    try {
      id = repo.resolve(ref + "^{commit}");
    } catch (RevisionSyntaxException | IOException e) {
      id = null;
    }
    if (id == null) {
      throw new UsageException(String.format(Locale.ROOT,
          "unknown Git revision '%s' (name a branch, tag or commit, e.g. --base HEAD~1 or --base origin/main)",
          Messages.escape(ref)));
    }
    return id;
  }
}
