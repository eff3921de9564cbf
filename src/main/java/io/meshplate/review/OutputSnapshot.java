package io.meshplate.review;

import io.meshplate.Workspace;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One side of a review: the rendered objects of every output file, and the platform sources
 * ({@code templates/}) they came from, identified by content hash.
 *
 * @param label how the side is named in reports: {@code HEAD (1a2b3c4)}, {@code work tree}
 * @param files output path relative to {@code output/} ({@code prod/tenants/payments/sidecar.yaml})
 *     to the objects in that file, in file order
 * @param templates path relative to the project root ({@code templates/base/...}) to a content
 *     hash; empty when the side has no sources (an in-memory render)
 */
public record OutputSnapshot(
    String label, SortedMap<String, List<Map<String, Object>>> files, SortedMap<String, String> templates) {

  public OutputSnapshot {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    templates = Collections.unmodifiableSortedMap(new TreeMap<>(templates));
  }

  /**
   * The committed {@code output/} and {@code templates/} at a Git revision, read from the object
   * database (no checkout).
   *
   * @throws io.meshplate.UsageException when {@code ref} does not name a commit
   */
  public static OutputSnapshot fromGit(Workspace workspace, String ref) {
    return GitTrees.read(workspace, ref);
  }

  /** The {@code output/} and {@code templates/} folders as they are on disk now. */
  public static OutputSnapshot fromWorkTree(Workspace workspace) {
    return DiskTrees.read(workspace);
  }

  /** A render held in memory (what {@code check} compares with the committed output). */
  public static OutputSnapshot fromRendered(String label, RenderedTree tree) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    for (RenderedFile file : tree.files().values()) {
      files.put(file.path(), file.objects());
    }
    return new OutputSnapshot(label, files, new TreeMap<>());
  }

  /** The project root relative path of a templates entry, for messages. */
  static String display(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
