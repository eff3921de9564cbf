package io.meshplate.review;

import io.meshplate.Workspace;
import io.meshplate.reach.Facts;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One side of a review: the rendered objects of every output file, and the platform sources
 * ({@code templates/}) they came from, identified by content hash.
 *
 * @param label how the side is named in reports: {@code HEAD (1a2b3c4)}, {@code work tree}
 * @param files output path relative to {@code output/} ({@code prod/tenants/payments/sidecar.yaml})
 *     to the objects in that file, in file order
 * @param templates path relative to the project root ({@code templates/base/...}) to a content
 *     hash; empty when the side has no sources (an in-memory render)
 * @param fileIds output path to the Git blob id of its content, so a second snapshot can reuse
 *     the parsed objects of every file that did not change (an in-memory render has them too)
 * @param owners each tenant's {@code spec.owners} (sorted) as its descriptor on this side says,
 *     for the review to name a change of who approves the tenant's changes; empty when the side
 *     has no descriptors
 * @param facts for a side read around a change ({@link #reviewSides}): the connectivity model's
 *     facts of each tenant and platform folder ({@code prod/tenants/payments}), made while the
 *     files were read, since the objects of a folder that did not change are not all kept; empty
 *     when every object is kept (the facts are then made from them)
 */
public record OutputSnapshot(
    String label,
    SortedMap<String, List<Map<String, Object>>> files,
    SortedMap<String, String> templates,
    SortedMap<String, String> fileIds,
    SortedMap<String, List<String>> owners,
    SortedMap<String, Facts> facts) {

  public OutputSnapshot {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    templates = Collections.unmodifiableSortedMap(new TreeMap<>(templates));
    fileIds = Collections.unmodifiableSortedMap(new TreeMap<>(fileIds));
    owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
    facts = Collections.unmodifiableSortedMap(new TreeMap<>(facts));
  }

  /** A snapshot holding every object. */
  public OutputSnapshot(String label, SortedMap<String, List<Map<String, Object>>> files,
      SortedMap<String, String> templates, SortedMap<String, String> fileIds, SortedMap<String, List<String>> owners) {
    this(label, files, templates, fileIds, owners, new TreeMap<>());
  }

  /** A snapshot without descriptors. */
  public OutputSnapshot(String label, SortedMap<String, List<Map<String, Object>>> files,
      SortedMap<String, String> templates, SortedMap<String, String> fileIds) {
    this(label, files, templates, fileIds, new TreeMap<>());
  }

  /** A snapshot without content ids (nothing to reuse from it). */
  public OutputSnapshot(String label, SortedMap<String, List<Map<String, Object>>> files,
      SortedMap<String, String> templates) {
    this(label, files, templates, new TreeMap<>());
  }

  /**
   * The committed {@code output/} and {@code templates/} at a Git revision, read from the object
   * database (no checkout).
   *
   * @throws io.meshplate.UsageException when {@code ref} does not name a commit
   */
  public static OutputSnapshot fromGit(Workspace workspace, String ref) {
    return GitTrees.read(workspace, ref, null, null);
  }

  /**
   * Like {@link #fromGit(Workspace, String)}, reusing the parsed objects of {@code other} for
   * every file whose content is the same (a pull request changes few files of many).
   */
  public static OutputSnapshot fromGit(Workspace workspace, String ref, OutputSnapshot other) {
    return GitTrees.read(workspace, ref, other, null);
  }

  /** The {@code output/} and {@code templates/} folders as they are on disk now. */
  public static OutputSnapshot fromWorkTree(Workspace workspace) {
    return DiskTrees.read(workspace, null);
  }

  /** Like {@link #fromWorkTree(Workspace)}, reusing the parsed objects of unchanged files of {@code other}. */
  public static OutputSnapshot fromWorkTree(Workspace workspace, OutputSnapshot other) {
    return DiskTrees.read(workspace, other);
  }

  /**
   * The two sides of a review of committed output, read around the change: {@code base} at its
   * revision, and {@code head} at its revision or, when null, the work tree. Each side holds the
   * connectivity model's facts of every folder ({@link #facts}), and of a tenant folder whose files
   * are the same on both sides only the objects a review reads across tenants: what the review
   * holds grows with the change, not with the tree. Not for comparing with a fresh render, which
   * needs every object.
   *
   * @param changes the output manifests that differ on the new side ({@link ChangeScope#walk}): a
   *     folder none of them lies in is the same on both sides, and the work tree's manifests are
   *     the base's with them applied
   * @throws io.meshplate.UsageException when a revision does not name a commit
   */
  public static OutputSnapshot[] reviewSides(Workspace workspace, String base, String head,
      ChangeScope.Walked changes) {
    OutputSnapshot before = GitTrees.read(workspace, base, null, changes.outputChanges());
    OutputSnapshot after = head == null ? DiskTrees.readAroundChange(workspace, before, changes.outputChanges())
        : GitTrees.read(workspace, head, before, changes.outputChanges());
    return new OutputSnapshot[] {before, after};
  }

  /** The parsed objects of {@code path} in this snapshot if its content id is {@code id}, else null. */
  List<Map<String, Object>> reusable(String path, String id) {
    return id.equals(fileIds.get(path)) ? files.get(path) : null;
  }

  /**
   * A render held in memory: the canonical bytes of every output file (what {@code render} would
   * write), parsed exactly as the committed files are, so equal content compares equal.
   *
   * @param files path relative to {@code output/} to the file's bytes
   */
  public static OutputSnapshot fromRendered(String label, SortedMap<String, byte[]> files) {
    return RenderedTrees.parse(label, files, new TreeMap<>(), new TreeMap<>());
  }

  /**
   * A fresh render of the descriptors and templates committed at {@code ref}: {@code tenants/}
   * and {@code templates/} are copied from the object database into a temporary folder, rendered
   * there by {@code render}, and the folder is removed. For a pull request that did not commit
   * its output.
   *
   * @param render renders a workspace in memory to output bytes (path relative to {@code output/})
   * @throws io.meshplate.UsageException when {@code ref} does not name a commit
   */
  public static OutputSnapshot renderedAt(Workspace workspace, String ref,
      Function<Workspace, SortedMap<String, byte[]>> render) {
    return RenderedTrees.atRevision(workspace, ref, render);
  }

  /**
   * Applies {@code use} to the descriptors and templates committed at {@code ref}, written to a
   * temporary workspace that is removed afterwards (for judging a revision's output with its own
   * descriptors).
   *
   * @throws io.meshplate.UsageException when {@code ref} does not name a commit
   */
  public static <T> T withSourcesAt(Workspace workspace, String ref, Function<Workspace, T> use) {
    return RenderedTrees.withSources(workspace, ref, (sources, exported) -> use.apply(exported));
  }

  /** A fresh render of the descriptors and templates on disk now (not {@code output/}). */
  public static OutputSnapshot renderedWorkTree(Workspace workspace,
      Function<Workspace, SortedMap<String, byte[]>> render) {
    OutputSnapshot sources = DiskTrees.read(workspace, null);
    return RenderedTrees.parse("work tree, rendered", render.apply(workspace), sources.templates(), sources.owners());
  }

  /**
   * The tenants whose descriptor changed since {@code ref} (null: {@link #defaultBase}), added
   * ones included; empty when that cannot be known (no repository, no such revision).
   */
  public static Optional<Set<String>> changedDescriptors(Workspace workspace, String ref) {
    String base = ref != null ? ref : defaultBase(workspace).orElse(null);
    return base == null ? Optional.empty() : GitTrees.changedDescriptors(workspace, base);
  }

  /**
   * The revision {@code check} guards deletions against when none is given: {@code origin/main}
   * when it resolves, else {@code HEAD}; empty outside a Git repository or before the first commit.
   */
  public static Optional<String> defaultBase(Workspace workspace) {
    return GitTrees.defaultBase(workspace);
  }

  /**
   * Only the files below the given folders ({@code prod/}, {@code prod/tenants/payments/}), so a
   * render of a selection is compared with the same part of the committed output.
   */
  public OutputSnapshot within(Collection<String> scopes) {
    SortedMap<String, List<Map<String, Object>>> kept = new TreeMap<>();
    SortedMap<String, String> keptIds = new TreeMap<>();
    files.forEach((path, objects) -> {
      if (scopes.stream().anyMatch(path::startsWith)) {
        kept.put(path, objects);
        if (fileIds.containsKey(path)) {
          keptIds.put(path, fileIds.get(path));
        }
      }
    });
    return new OutputSnapshot(label, kept, templates, keptIds, owners);
  }

  /**
   * Output files (relative to {@code output/}) whose objects differ between this snapshot and
   * {@code other}, or that only one of them has; sorted.
   */
  public SortedSet<String> differingFiles(OutputSnapshot other) {
    SortedSet<String> paths = new TreeSet<>(files.keySet());
    paths.addAll(other.files.keySet());
    paths.removeIf(path -> Objects.equals(files.get(path), other.files.get(path)));
    return paths;
  }

  /** The project root relative path of a templates entry, for messages. */
  static String display(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
