package io.meshplate.output;

import io.meshplate.BytesIn;
import io.meshplate.IoFailure;
import io.meshplate.Problem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compares the desired content of one folder with what is on disk: one listing of the folder,
 * then per desired file nothing (absent), its stamp (the last run saw it with that content), or
 * its bytes. Files the folder holds beyond the desired ones are deleted when meshplate owns them
 * and reported as foreign otherwise. Sub-folders are left to the session's final walk: another
 * folder of the run may lie below.
 */
final class FolderComparison {
  private final OutputSession session;
  private final Path output;
  private final OutputState state;
  private final OutputState.Seen seen;
  private final String folder;
  private final Map<String, FileStamp.Look> entries;
  /**
   * Whether {@link #verify} proved every file by the stamp the last run recorded, and the last run
   * recorded no other: the folder's record is then the saved one, kept as it is rather than
   * encoded again (in a render with nothing changed, every folder's).
   */
  private boolean asSeen;

  FolderComparison(OutputSession session, Path output, OutputState state, String folder, Ancestors.State where) {
    this.session = session;
    this.output = output;
    this.state = state;
    this.seen = state.seen(folder);
    this.folder = folder;
    this.entries = where == Ancestors.State.FOLDER ? list() : new HashMap<>();
  }

  /**
   * Compares rendered content.
   *
   * @return the names of the folder's sub-folders, for the final walk
   */
  List<String> compare(SortedMap<String, byte[]> files, Map<String, FileId> ids) {
    checkCase(files.keySet());
    List<OutputState.Entry> record = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      compare(name, file.getValue(), ids.get(name), entries.remove(name), record);
    }
    state.record(folder, record);
    return rest();
  }

  /**
   * Checks content known only by id (the render cache), changing nothing: every file must be on
   * disk with exactly that content, proven by its stamp or by reading it.
   *
   * @return what to record for the folder ({@link #accept}), or null when the folder must be
   *     handed in with its content
   */
  List<OutputState.Entry> verify(List<FileId> files) {
    List<OutputState.Entry> record = new ArrayList<>();
    int proven = 0;
    for (FileId id : files) {
      FileStamp.Look look = entries.get(id.name());
      if (look == null || look.kind() != FileStamp.Kind.FILE || look.stamp().size() != id.size()) {
        return null;
      }
      String path = folder + "/" + id.name();
      if (seen.proves(id.name(), look.stamp(), id.blob())) {
        proven++;
      } else {
        byte[] bytes = read(path, look.stamp().size());
        if (bytes == null || !id.sameBlob(FileId.blobId(bytes))) {
          return null;
        }
      }
      record.add(new OutputState.Entry(id.name(), look.stamp(), id.blob()));
    }
    asSeen = !files.isEmpty() && proven == files.size() && seen.size() == files.size();
    return record;
  }

  /**
   * Takes content {@link #verify} proved to be on disk: the folder is done without its bytes.
   *
   * @return the sub-folders, for the final walk
   */
  List<String> accept(List<FileId> files, List<OutputState.Entry> record) {
    files.forEach(id -> {
      entries.remove(id.name());
      session.unchanged();
    });
    if (asSeen) {
      state.keep(folder);
    } else {
      state.record(folder, record);
    }
    return rest();
  }

  private void compare(String name, byte[] bytes, FileId id, FileStamp.Look existing, List<OutputState.Entry> record) {
    String path = folder + "/" + name;
    if (existing == null) {
      written(name, session.write(path, bytes, false), id, record);
    } else if (existing.kind() == FileStamp.Kind.LINK || existing.kind() == FileStamp.Kind.OTHER) {
      session.problem(problem(path, OutputSession.RULE_SYMLINK,
          "is a symbolic link or special file, not a regular file", "replace the link with a real directory or remove it"));
    } else if (existing.kind() == FileStamp.Kind.FOLDER) {
      session.problem(problem(path, OutputSession.RULE_CONFLICT, "is a directory but should be a rendered file",
          "remove or rename what is in the way; nothing was written"));
    } else if (existing.stamp().size() == bytes.length && (seen.proves(name, existing.stamp(), id.blob())
        || Arrays.equals(read(path, bytes.length), bytes))) {
      session.unchanged();
      record.add(new OutputState.Entry(name, existing.stamp(), id.blob()));
    } else if (session.isOwned(path)) {
      written(name, session.write(path, bytes, true), id, record);
    } else {
      session.problem(problem(path, OutputSession.RULE_NOT_OWNED,
          "exists and was not generated by meshplate (its first line is not the meshplate header)",
          "move the file away or rename the tenant/template that renders to it"));
    }
  }

  /**
   * Records a file to be written, to be stamped once it is. One that is only reported (by
   * {@code check}) is not recorded: the file on disk does not hold that blob, and a stamp taken of
   * it would prove the stale content current to the next run.
   */
  private static void written(String name, boolean staged, FileId id, List<OutputState.Entry> record) {
    if (staged) {
      record.add(new OutputState.Entry(name, null, id.blob()));
    }
  }

  /** The entries left after the desired files: owned ones go, others are foreign; folders are returned. */
  private List<String> rest() {
    List<String> subfolders = new ArrayList<>();
    for (Map.Entry<String, FileStamp.Look> left : new TreeMap<>(entries).entrySet()) {
      String path = folder + "/" + left.getKey();
      FileStamp.Kind kind = left.getValue().kind();
      if (kind == FileStamp.Kind.FOLDER) {
        subfolders.add(left.getKey());
      } else if (kind == FileStamp.Kind.FILE && session.isOwned(path)) {
        session.delete(path);
      } else {
        session.foreign(path);
      }
    }
    return subfolders;
  }

  /** The bytes of a file a look found regular, of {@code size} bytes (see {@link BytesIn#readFile(Path, long)}). */
  private byte[] read(String path, long size) {
    try {
      return BytesIn.readFile(output.resolve(path), size);
    } catch (IOException e) {
      session.problem(IoFailure.problem(IoFailure.OUTPUT_READ, "output/" + path, "cannot read", e));
      return null;
    }
  }

  /** Names that differ only by case collide on case-insensitive file systems (macOS, Windows). */
  private void checkCase(java.util.Set<String> names) {
    Map<String, String> byFolded = new HashMap<>();
    for (String name : names) {
      String clash = byFolded.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      if (clash != null) {
        String path = folder + "/" + name;
        session.problem(problem(path, OutputSession.RULE_CONFLICT, "differs from " + folder + "/" + clash
            + " only by letter case, which collides on case-insensitive file systems",
            "remove or rename what is in the way; nothing was written"));
      }
    }
  }

  private Map<String, FileStamp.Look> list() {
    try {
      return FileStamp.list(output.resolve(folder), name -> true);
    } catch (NoSuchFileException gone) {
      return new HashMap<>(); // removed since the ancestors were checked: absent
    } catch (IOException e) {
      session.problem(IoFailure.problem(IoFailure.OUTPUT_READ, "output/" + folder, "cannot list", e));
      return new HashMap<>();
    }
  }

  static Problem problem(String path, String rule, String message, String hint) {
    return Problem.at("output/" + path, 0, 0, rule, "output/" + path + " " + message).withHint(hint);
  }
}
