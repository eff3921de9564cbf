package io.meshplate.review;

import io.meshplate.OutputException;
import io.meshplate.Workspace;
import io.meshplate.manifest.Bundles;
import io.meshplate.output.OutputWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Which tenants and which other paths a change touches: every path that differs between two
 * revisions (or a revision and the work tree, ignored files aside). A tenant's paths are its
 * descriptor {@code tenants/<t>.yaml} and its output folders {@code output/<overlay>/tenants/<t>/};
 * everything else (templates, platform output, the pipeline, the code, CODEOWNERS) is a platform
 * path, which CODEOWNERS gives to the platform team.
 *
 * @param tenants tenants whose descriptor or output changed, sorted
 * @param platformPaths every other changed path, relative to the project root, sorted (paths of
 *     the repository outside the project keep their repository path, with a leading {@code /})
 */
public record ChangeScope(SortedSet<String> tenants, SortedSet<String> platformPaths) {
  public ChangeScope {
    tenants = Collections.unmodifiableSortedSet(new TreeSet<>(tenants));
    platformPaths = Collections.unmodifiableSortedSet(new TreeSet<>(platformPaths));
  }

  /** Classifies changed paths, relative to the project root. */
  public static ChangeScope of(List<String> changedPaths) {
    SortedSet<String> tenants = new TreeSet<>();
    SortedSet<String> platform = new TreeSet<>();
    for (String path : changedPaths) {
      String tenant = tenantOf(path);
      if (tenant != null) {
        tenants.add(tenant);
      } else {
        platform.add(path);
      }
    }
    return new ChangeScope(tenants, platform);
  }

  /**
   * The paths that differ between {@code base} and {@code head}, a revision, or the work tree
   * when {@code head} is null.
   *
   * @throws io.meshplate.UsageException when a revision does not resolve
   */
  public static ChangeScope between(Workspace workspace, String base, String head) {
    return walk(workspace, base, head).scope();
  }

  /**
   * What one walk of a change finds: its scope, and for a review the output manifests that differ
   * on the new side ({@link OutputSnapshot#reviewSides}).
   *
   * @param outputChanges path relative to {@code output/} to the new side's blob id, null where
   *     the file is gone
   */
  public record Walked(ChangeScope scope, SortedMap<String, String> outputChanges) {}

  /**
   * As {@link #between}, with the new side's blob id of each output manifest that differs: the
   * walk compares the work tree by those ids anyway (through the index where it vouches for a
   * file, else by hashing it), so a review need not list and hash the work tree again.
   */
  public static Walked walk(Workspace workspace, String base, String head) {
    return walk(workspace, base, head, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #walk(Workspace, String, String)}, the work tree listed in {@code shares} parts. */
  static Walked walk(Workspace workspace, String base, String head, int shares) {
    try (Repository repo = GitTrees.open(workspace.root())) {
      String prefix = GitTrees.prefix(repo, workspace.root());
      ObjectId from;
      ObjectId to = null;
      try (RevWalk walk = new RevWalk(repo)) {
        from = walk.parseCommit(GitTrees.resolve(repo, base)).getTree();
        if (head != null) {
          to = walk.parseCommit(GitTrees.resolve(repo, head)).getTree();
        }
      }
      List<TreeWalk> parts = new ArrayList<>();
      int other = 1; // the new side's position in each walk
      try {
        if (to != null) {
          TreeWalk tree = new TreeWalk(repo);
          parts.add(tree);
          tree.addTree(from);
          tree.addTree(to);
          tree.setFilter(TreeFilter.ANY_DIFF);
        } else {
          // Every file of the work tree is listed and its times read (on 10,000 tenants, 520,000
          // of them: 6 s on one core), in shares that run on every core. The index is read once;
          // each share's iterators are made here, and only read from on the share's thread.
          DirCache index = repo.readDirCache();
          for (int share = 0; share < shares; share++) {
            TreeWalk tree = new TreeWalk(repo);
            parts.add(tree);
            tree.addTree(from);
            other = GitTrees.addWorkTree(repo, tree, index);
            TreeFilter differs = new Differs(0, other);
            tree.setFilter(shares == 1 ? differs : AndTreeFilter.create(new Share(prefix, share, shares), differs));
          }
        }
        for (TreeWalk tree : parts) {
          tree.setRecursive(true);
        }
        int newSide = other;
        List<Found> found = parts.parallelStream().map(tree -> walkOne(tree, prefix, newSide, head == null)).toList();
        List<String> changed = new ArrayList<>();
        SortedMap<String, String> outputChanges = new TreeMap<>();
        for (Found one : found) {
          changed.addAll(one.changed());
          outputChanges.putAll(one.outputChanges());
        }
        return new Walked(of(changed), outputChanges);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        parts.forEach(TreeWalk::close);
      }
    } catch (IOException e) {
      throw new OutputException("cannot read Git repository at " + workspace.root() + ": " + e.getMessage(), e);
    }
  }

  /** What one walk found: the changed paths, and the output manifests among them with their new blob ids. */
  private record Found(List<String> changed, SortedMap<String, String> outputChanges) {}

  /**
   * The paths one walk finds changed, and its output manifests that differ, each with the new
   * side's blob id (null where the file is gone).
   */
  private static Found walkOne(TreeWalk tree, String prefix, int other, boolean workTree) {
    String output = prefix + OutputFiles.OUTPUT;
    String state = prefix + OutputWriter.META + "/";
    SortedMap<String, String> outputChanges = new TreeMap<>();
    List<String> changed = new ArrayList<>();
    try {
      while (tree.next()) {
        WorkingTreeIterator file = workTree ? tree.getTree(other, WorkingTreeIterator.class) : null;
        String path = tree.getPathString();
        if (file != null && tree.getRawMode(0) == 0
            && (file.isEntryIgnored() || path.startsWith(state))) {
          // A build folder or other ignored file is never part of a change, nor is meshplate's
          // state: a run on another thread may be creating that folder while this walk lists it,
          // before its .gitignore exists to say so.
          continue;
        }
        changed.add(path.startsWith(prefix) ? path.substring(prefix.length()) : "/" + path);
        if (path.startsWith(output) && OutputFiles.isManifest(path)) {
          outputChanges.put(path.substring(output.length()),
              tree.getRawMode(other) == 0 ? null : tree.getObjectId(other).name());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Found(changed, outputChanges);
  }

  /**
   * Whether {@code tenants/} or {@code templates/} in the work tree differ from {@code HEAD}
   * (ignored files aside): only then can {@code output/} be stale without a commit showing it.
   */
  public static boolean sourcesChangedSinceHead(Workspace workspace) {
    try (Repository repo = GitTrees.open(workspace.root())) {
      String prefix = GitTrees.prefix(repo, workspace.root());
      try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
        var head = repo.resolve("HEAD^{commit}");
        if (head == null) {
          return true;
        }
        tree.addTree(walk.parseCommit(head).getTree());
        int work = GitTrees.addWorkTree(repo, tree);
        tree.setRecursive(true);
        tree.setFilter(AndTreeFilter.create(
            PathFilterGroup.createFromStrings(prefix + "tenants", prefix + "templates"), new Differs(0, work)));
        while (tree.next()) {
          WorkingTreeIterator file = tree.getTree(work, WorkingTreeIterator.class);
          if (!(file != null && tree.getRawMode(0) == 0 && file.isEntryIgnored())) {
            return true;
          }
        }
        return false;
      }
    } catch (IOException e) {
      throw new OutputException("cannot read Git repository at " + workspace.root() + ": " + e.getMessage(), e);
    }
  }

  /** A filter that keeps no state between entries (so a walk may share it) and decides each path alone. */
  private abstract static class StatelessFilter extends TreeFilter {
    @Override
    public boolean shouldBeRecursive() {
      return false;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }

  /**
   * One of {@code shares} parts of a walk, so that the parts list the work tree on every core:
   * each tenant's output folder ({@code output/<overlay>/tenants/<tenant>}) belongs to one part by
   * its name, every other path to part 0. A part enters the folders above the tenant folders, and
   * decides at the tenant folder itself: what lies below is in the part that entered it.
   */
  private static final class Share extends StatelessFilter {
    private final String output;
    private final int tenantDepth;
    private final int share;
    private final int shares;

    Share(String prefix, int share, int shares) {
      this.output = prefix + OutputFiles.OUTPUT;
      this.tenantDepth = (int) output.chars().filter(c -> c == '/').count() + 2;
      this.share = share;
      this.shares = shares;
    }

    @Override
    public boolean include(TreeWalk walker) {
      int depth = walker.getDepth();
      if (depth > tenantDepth) {
        return true;
      }
      String path = walker.getPathString();
      if (depth == tenantDepth) {
        return isInTenants(path) ? (path.substring(path.lastIndexOf('/') + 1).hashCode() & Integer.MAX_VALUE) % shares == share
            : share == 0;
      }
      // Above the tenant folders: part 0's, and every part enters those on the way to
      // output/<overlay>/tenants/. (A file of such a name, in a tree where the others have a
      // folder, is then found by several parts: the scope is a set.)
      return share == 0 || onTheWay(path, depth);
    }

    /** An entry of {@code <prefix>output/<overlay>/tenants/}: a tenant folder, or a file beside them. */
    private boolean isInTenants(String path) {
      if (!path.startsWith(output)) {
        return false;
      }
      int overlayEnd = path.indexOf('/', output.length());
      return overlayEnd > 0 && path.startsWith("tenants/", overlayEnd + 1);
    }

    /** {@code <prefix>output/<overlay>/tenants/} or a folder above it, at {@code depth} (above the tenant folders). */
    private boolean onTheWay(String path, int depth) {
      if (depth < tenantDepth - 2) {
        return output.startsWith(path + "/");
      }
      return path.startsWith(output) && (depth == tenantDepth - 2 || path.endsWith("/tenants"));
    }
  }

  /**
   * The paths whose entries differ between two of a walk's trees; the others (the index) only
   * lend ids. A folder of the work tree has no id, so every folder is entered.
   */
  private static final class Differs extends StatelessFilter {
    private final int a;
    private final int b;

    Differs(int a, int b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public boolean include(TreeWalk walker) {
      return walker.getRawMode(a) != walker.getRawMode(b) || !walker.idEqual(a, b);
    }
  }

  /** The tenant a path belongs to, or null for a platform path. */
  static String tenantOf(String path) {
    if (path.startsWith(OutputFiles.OUTPUT)) {
      String tenant = Bundles.tenantOf(path.substring(OutputFiles.OUTPUT.length()));
      return tenant == null || tenant.isEmpty() ? null : tenant;
    }
    String[] parts = path.split("/", -1);
    if (parts.length == 2 && parts[0].equals("tenants") && parts[1].endsWith(".yaml") && parts[1].length() > 5) {
      return parts[1].substring(0, parts[1].length() - 5);
    }
    return null;
  }

  /** Whether the change touches anything but tenant descriptors and tenant output. */
  public boolean touchesPlatform() {
    return !platformPaths.isEmpty();
  }
}
