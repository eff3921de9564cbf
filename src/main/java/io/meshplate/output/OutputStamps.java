package io.meshplate.output;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the files of {@code output/} hold, as far as the last run's state proves it without
 * reading them: a file whose stamp is the one meshplate recorded when it wrote or read the file
 * still holds that blob ({@link OutputState}). For a reader that keeps what it derives from a file
 * by the file's blob id (the connectivity facts). Read-only: it takes no lock and writes nothing.
 */
public final class OutputStamps {
  private final Path output;
  private final OutputState state;

  private OutputStamps(Path output, OutputState state) {
    this.output = output;
    this.state = state;
  }

  /** The proofs of the project at {@code root}: none when it has no saved state. */
  public static OutputStamps load(Path root) {
    Path output = root.resolve("output");
    return new OutputStamps(output, OutputState.load(root.resolve(OutputWriter.META), output));
  }

  /**
   * The blob ids of the regular files directly in {@code folder} whose names {@code wanted}
   * accepts (links and other entries are not files to read, so they are left out), by name;
   * empty when the folder does not exist (or is a link), null when the stamp of any such file proves
   * nothing. Null without a look at the folder when no state was saved at all (a fresh clone): on
   * 1,000 tenants x 3 overlays, listing and stamping the 52,000 files only to prove none of them
   * took 0.4 s of CPU from every {@code meshplate reach} on a fresh clone. A folder whose stamp
   * proves its last listing is not listed again: its recorded files are looked at by name.
   *
   * @param folder relative to {@code output/}, without a trailing slash
   */
  public SortedMap<String, byte[]> blobs(String folder, Predicate<String> wanted) {
    if (state.provesNothing()) {
      return null;
    }
    OutputState.Seen seen = state.seen(folder);
    SortedMap<String, byte[]> blobs = new TreeMap<>();
    Path dir = output.resolve(folder);
    FileStamp.Look dirLook;
    try {
      dirLook = FileStamp.look(dir);
    } catch (NoSuchFileException absent) {
      return blobs;
    } catch (IOException unreadable) {
      return null; // the reader reads the files and reports what fails
    }
    if (dirLook.kind() != FileStamp.Kind.FOLDER) {
      return blobs; // a link the reader does not follow either, or not a folder
    }
    Map<String, FileStamp.Look> looks = seen.unchangedListing(dirLook.stamp()) != null
        ? FileStamp.lookEach(dir, seen.files(), wanted) : null;
    try {
      looks = looks != null ? looks : FileStamp.list(dir, wanted);
    } catch (NoSuchFileException absent) {
      return blobs;
    } catch (IOException unreadable) {
      return null; // the reader reads the files and reports what fails
    }
    for (Map.Entry<String, FileStamp.Look> entry : looks.entrySet()) {
      if (entry.getValue().kind() == FileStamp.Kind.FILE) {
        byte[] blob = seen.blobOf(entry.getKey(), entry.getValue().stamp());
        if (blob == null) {
          return null;
        }
        blobs.put(entry.getKey(), blob);
      }
    }
    return blobs;
  }
}
