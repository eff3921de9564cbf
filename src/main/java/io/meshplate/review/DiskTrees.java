package io.meshplate.review;

import io.meshplate.IoFailure;
import io.meshplate.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/** Reads a snapshot from the files on disk. */
final class DiskTrees {
  private DiskTrees() {}

  static OutputSnapshot read(Workspace workspace, OutputSnapshot other) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    SortedMap<String, String> ids = new TreeMap<>();
    SortedMap<String, String> templates = new TreeMap<>();
    // Git blob ids: a work-tree file compares equal to its committed version, and unchanged
    // files reuse the other side's parse. A file the index vouches for is not even read.
    Map<String, String> vouched = other == null ? Map.of() : GitTrees.vouchedOutputIds(workspace);
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      OutputFiles.Batch parsing = new OutputFiles.Batch(files);
      Path output = workspace.output();
      for (Path file : regularFiles(output)) {
        String path = OutputSnapshot.display(output, file);
        if (!OutputFiles.isManifest(path)) {
          continue;
        }
        String indexed = vouched.get(path);
        List<Map<String, Object>> unread = indexed == null ? null : other.reusable(path, indexed);
        if (unread != null) {
          files.put(path, unread);
          ids.put(path, indexed);
        } else {
          byte[] content = bytes(file);
          String id = hasher.idFor(Constants.OBJ_BLOB, content).name();
          List<Map<String, Object>> known = other == null ? null : other.reusable(path, id);
          if (known != null) {
            files.put(path, known);
          } else {
            parsing.add(OutputFiles.OUTPUT + path, path, content);
          }
          ids.put(path, id);
        }
      }
      parsing.finish();
      for (Path file : regularFiles(workspace.templates())) {
        templates.put(workspace.display(file), hasher.idFor(Constants.OBJ_BLOB, bytes(file)).name());
      }
    }
    return new OutputSnapshot("work tree", files, templates, ids, TenantOwners.read(workspace));
  }

  private static List<Path> regularFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_READ, folder.toString(), "cannot read", e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_READ, file.toString(), "cannot read", e);
    }
  }
}
