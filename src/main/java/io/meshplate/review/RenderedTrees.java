package io.meshplate.review;

import io.meshplate.IoFailure;
import io.meshplate.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/** Snapshots of renders held in memory, of the work tree or of the sources at a revision. */
final class RenderedTrees {
  private RenderedTrees() {}

  static OutputSnapshot parse(String label, SortedMap<String, byte[]> rendered, SortedMap<String, String> templates,
      SortedMap<String, List<String>> owners) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    SortedMap<String, String> ids = new TreeMap<>();
    OutputFiles.Batch parsing = new OutputFiles.Batch(files);
    // Blob ids, as the committed side has them: a review by effect tells unchanged folders by them.
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      rendered.forEach((path, bytes) -> {
        if (OutputFiles.isManifest(path)) {
          parsing.add("(rendered) output/" + path, path, bytes);
          ids.put(path, hasher.idFor(Constants.OBJ_BLOB, bytes).name());
        }
      });
    }
    parsing.finish();
    return new OutputSnapshot(label, files, templates, ids, owners);
  }

  static OutputSnapshot atRevision(Workspace workspace, String ref,
      Function<Workspace, SortedMap<String, byte[]>> render) {
    return withSources(workspace, ref, (sources, exported) ->
        parse(sources.label() + ", rendered", render.apply(exported), sources.templates(), TenantOwners.read(exported)));
  }

  /**
   * Writes {@code tenants/} and {@code templates/} as committed at {@code ref} to a temporary
   * folder, applies {@code use} to it as a workspace, and removes the folder.
   */
  static <T> T withSources(Workspace workspace, String ref,
      BiFunction<GitTrees.Sources, Workspace, T> use) {
    Path temp;
    try {
      temp = Files.createTempDirectory("meshplate-render-");
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, System.getProperty("java.io.tmpdir"), "cannot create a temporary folder to render " + ref, e);
    }
    try {
      GitTrees.Sources sources = GitTrees.exportSources(workspace, ref, temp);
      return use.apply(sources, new Workspace(temp));
    } finally {
      delete(temp);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary folder is harmless; the render result is what matters.
    }
  }
}
