package io.meshplate.review;

import io.meshplate.OutputException;
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

  static OutputSnapshot read(Workspace workspace) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    Path output = workspace.output();
    for (Path file : regularFiles(output)) {
      String path = OutputSnapshot.display(output, file);
      if (OutputFiles.isManifest(path)) {
        files.put(path, OutputFiles.parse(OutputFiles.OUTPUT + path, path, bytes(file)));
      }
    }
    SortedMap<String, String> templates = new TreeMap<>();
    // Git blob ids, so a work-tree template compares equal to its committed version.
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      for (Path file : regularFiles(workspace.templates())) {
        templates.put(workspace.display(file), hasher.idFor(Constants.OBJ_BLOB, bytes(file)).name());
      }
    }
    return new OutputSnapshot("work tree", files, templates);
  }

  private static List<Path> regularFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new OutputException("cannot read " + folder + ": " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new OutputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
