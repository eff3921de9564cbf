package io.meshplate.review;

import io.meshplate.OutputException;
import io.meshplate.Workspace;
import io.meshplate.output.OutputWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
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
    try (Repository repo = GitTrees.open(workspace.root())) {
      String prefix = GitTrees.prefix(repo, workspace.root());
      String output = prefix + OutputFiles.OUTPUT;
      String state = prefix + OutputWriter.META + "/";
      SortedMap<String, String> outputChanges = new TreeMap<>();
      List<String> changed = new ArrayList<>();
      try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(walk.parseCommit(GitTrees.resolve(repo, base)).getTree());
        int other;
        if (head != null) {
          other = tree.addTree(walk.parseCommit(GitTrees.resolve(repo, head)).getTree());
          tree.setFilter(TreeFilter.ANY_DIFF);
        } else {
          other = GitTrees.addWorkTree(repo, tree);
          tree.setFilter(new Differs(0, other));
        }
        tree.setRecursive(true);
        while (tree.next()) {
          WorkingTreeIterator file = head == null ? tree.getTree(other, WorkingTreeIterator.class) : null;
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
      }
      return new Walked(of(changed), outputChanges);
    } catch (IOException e) {
      throw new OutputException("cannot read Git repository at " + workspace.root() + ": " + e.getMessage(), e);
    }
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

  /**
   * The paths whose entries differ between two of a walk's trees; the others (the index) only
   * lend ids. A folder of the work tree has no id, so every folder is entered.
   */
  private static final class Differs extends TreeFilter {
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

    @Override
    public boolean shouldBeRecursive() {
      return false;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }

  /** The tenant a path belongs to, or null for a platform path. */
  static String tenantOf(String path) {
    String[] parts = path.split("/", -1);
    if (parts.length == 2 && parts[0].equals("tenants") && parts[1].endsWith(".yaml") && parts[1].length() > 5) {
      return parts[1].substring(0, parts[1].length() - 5);
    }
    if (parts.length >= 5 && parts[0].equals("output") && parts[2].equals("tenants") && !parts[3].isEmpty()) {
      return parts[3];
    }
    return null;
  }

  /** Whether the change touches anything but tenant descriptors and tenant output. */
  public boolean touchesPlatform() {
    return !platformPaths.isEmpty();
  }
}
