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
   */
  static OutputSnapshot read(Workspace workspace, OutputSnapshot other) {
    return read(workspace, other, null, null);
  }

  /**
   * The work tree read around the change from {@code other} ({@link SideFolders}), which must have
   * been read so too: its manifests are {@code other}'s with {@code changes} (path relative to
   * {@code output/} to the work tree's blob id, null where the file is gone) applied.
   */
  static OutputSnapshot readAroundChange(Workspace workspace, OutputSnapshot other, SortedMap<String, String> changes) {
    SortedMap<String, String> known = new TreeMap<>(other.fileIds());
    changes.forEach((path, id) -> {
      if (id == null) {
        known.remove(path);
      } else {
        known.put(path, id);
      }
    });
    return read(workspace, other, known, changes);
  }

  /**
   * @param known the blob ids of the manifests, by path relative to {@code output/}, when known; null reads them
   * @param changes with {@code known}, the manifests that differ from {@code other}
   */
  private static OutputSnapshot read(Workspace workspace, OutputSnapshot other, SortedMap<String, String> known,
      SortedMap<String, String> changes) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    SortedMap<String, String> ids = new TreeMap<>();
    SortedMap<String, String> templates = new TreeMap<>();
    SideFolders folders = known == null ? null : new SideFolders(files, changes, other.facts());
    // Git blob ids: a work-tree file compares equal to its committed version, and unchanged
    // files reuse the other side's parse. A file the index vouches for is not even read.
    Map<String, String> vouched = known != null ? known : other == null ? Map.of() : GitTrees.vouchedOutputIds(workspace);
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      OutputFiles.Batch parsing = folders == null ? new OutputFiles.Batch(files) : new OutputFiles.Batch(folders::accept);
      Path output = workspace.output();
      for (String path : known != null ? known.keySet() : manifests(output)) {
        String indexed = vouched.get(path);
        List<Map<String, Object>> unread = indexed == null || other == null ? null : other.reusable(path, indexed);
        if (unread != null) {
          ids.put(path, indexed);
          parsing.addParsed(path, unread);
        } else {
          byte[] content = bytes(output.resolve(path));
          String id = hasher.idFor(Constants.OBJ_BLOB, content).name();
          ids.put(path, id);
          List<Map<String, Object>> reused = other == null ? null : other.reusable(path, id);
          if (reused != null) {
            parsing.addParsed(path, reused);
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

  /** The manifests below {@code output}, by path relative to it, sorted. */
  private static List<String> manifests(Path output) {
    return regularFiles(output).stream().map(f -> OutputSnapshot.display(output, f)).filter(OutputFiles::isManifest)
        .toList();
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
