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

  /**
   * @param other a side whose parsed objects are reused for files of the same content, or null
   * @param aroundChange read around the change from {@code other} ({@link SideFolders}), which must
   *     then have been read so too
   */
  static OutputSnapshot read(Workspace workspace, OutputSnapshot other, boolean aroundChange) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    SortedMap<String, String> ids = new TreeMap<>();
    SortedMap<String, String> templates = new TreeMap<>();
    SideFolders folders = aroundChange ? new SideFolders(files, ids, other.fileIds(), other.facts()) : null;
    // Git blob ids: a work-tree file compares equal to its committed version, and unchanged
    // files reuse the other side's parse. A file the index vouches for is not even read.
    Map<String, String> vouched = other == null ? Map.of() : GitTrees.vouchedOutputIds(workspace);
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      OutputFiles.Batch parsing = folders == null ? new OutputFiles.Batch(files) : new OutputFiles.Batch(folders::accept);
      Path output = workspace.output();
      for (Path file : regularFiles(output)) {
        String path = OutputSnapshot.display(output, file);
        if (!OutputFiles.isManifest(path)) {
          continue;
        }
        String indexed = vouched.get(path);
        List<Map<String, Object>> unread = indexed == null ? null : other.reusable(path, indexed);
        if (unread != null) {
          ids.put(path, indexed);
          parsing.addParsed(path, unread);
        } else {
          byte[] content = bytes(file);
          String id = hasher.idFor(Constants.OBJ_BLOB, content).name();
          ids.put(path, id);
          List<Map<String, Object>> known = other == null ? null : other.reusable(path, id);
          if (known != null) {
            parsing.addParsed(path, known);
          } else {
            parsing.add(OutputFiles.OUTPUT + path, path, content);
          }
        }
      }
      parsing.finish();
      for (Path file : regularFiles(workspace.templates())) {
        templates.put(workspace.display(file), hasher.idFor(Constants.OBJ_BLOB, bytes(file)).name());
      }
    }
    return new OutputSnapshot("work tree", files, templates, ids, TenantOwners.read(workspace),
        folders == null ? new TreeMap<>() : folders.finish());
  }

  /**
   * The Git blob id of each manifest of {@code output/} on disk, by path relative to it: the
   * index's where it vouches for the file (the same size and modification time), else hashed.
   */
  static SortedMap<String, String> ids(Workspace workspace) {
    SortedMap<String, String> ids = new TreeMap<>();
    Map<String, String> vouched = GitTrees.vouchedOutputIds(workspace);
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      Path output = workspace.output();
      for (Path file : regularFiles(output)) {
        String path = OutputSnapshot.display(output, file);
        if (OutputFiles.isManifest(path)) {
          String indexed = vouched.get(path);
          ids.put(path, indexed != null ? indexed : hasher.idFor(Constants.OBJ_BLOB, bytes(file)).name());
        }
      }
    }
    return ids;
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
