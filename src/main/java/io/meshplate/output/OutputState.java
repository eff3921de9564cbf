package io.meshplate.output;

import io.meshplate.BytesIn;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What meshplate last wrote into, or read from, each folder of {@code output/}: per file its
 * stamp ({@link FileStamp}) and blob id, in {@code .meshplate/cache/output-state}. A file whose
 * stamp is unchanged still holds that blob, so a folder from the render cache is checked against
 * {@code output/} without reading it. A file changed within the last tick before the state was
 * saved could keep its stamp, so such a stamp proves nothing (Git's "racily clean" rule); its
 * content is read instead. A missing or damaged state, or one saved for another {@code output/}
 * folder ({@link #folderOf}), only costs the time to read the files.
 *
 * <p>A folder's record may also hold the folder's own stamp and its sub-folders ({@link Listing}),
 * taken when it held those files and sub-folders and nothing else. Adding, removing or renaming
 * an entry changes a folder's stamp, so while it is unchanged the next run looks at each recorded
 * file by name instead of listing the folder (Git's untracked cache decides the same way); the
 * files' own stamps still tell a file rewritten in place. The same racily-clean rule applies to
 * a folder's stamp.
 *
 * <p>Each folder's record is kept as its bytes, so the state of a large tree stays small. The
 * file is {@link Sealed}: a damaged one reads as absent.
 */
final class OutputState {
  static final String FILE = "cache/output-state";
  private static final String MAGIC = "meshplate-output-state 5";

  /** One file of a folder's record; {@code stamp} is null while the file is still to be written. */
  record Entry(String name, FileStamp stamp, byte[] blob) {}

  /**
   * A folder that held exactly its record's files and these sub-folders when its stamp was
   * taken; {@code stamp} is null while the folder is still to be written: it is stamped, and its
   * sub-folders found, when the state is saved.
   */
  record Listing(FileStamp stamp, List<String> subfolders) {
    Listing {
      subfolders = List.copyOf(subfolders);
    }

    // Written out, as FileStamp's are: a record's generated equals links through method handles
    // on its first call, and a render compares the listing of every folder it finds unchanged.
    @Override
    public boolean equals(Object other) {
      return other instanceof Listing l && Objects.equals(stamp, l.stamp) && subfolders.equals(l.subfolders);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(stamp) * 31 + subfolders.hashCode();
    }
  }

  /** A folder's record: its files, and its listing when one was taken. */
  record Folder(List<Entry> entries, Listing listing) {}

  private final Path file;
  private final Map<String, byte[]> before;
  private final long savedAt;
  private final Map<String, byte[]> now = new ConcurrentHashMap<>();
  /** The folders of {@link #now} with a file this run writes (or a listing to take), to stamp once written. */
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  /** Whether a stamp this run looked at was too recent to prove anything; saving again makes it old enough. */
  private volatile boolean racy;

  private OutputState(Path file, Map<String, byte[]> before, long savedAt) {
    this.file = file;
    this.before = before;
    this.savedAt = savedAt;
  }

  /** A state that proves nothing. */
  static OutputState empty(Path meta) {
    return new OutputState(meta.resolve(FILE), Map.of(), Long.MAX_VALUE);
  }

  /**
   * The state of the last run, or an empty one when there is none, it is damaged, or it was saved
   * for another {@code output} folder ({@link #folderOf}).
   */
  static OutputState load(Path meta, Path output) {
    Path file = meta.resolve(FILE);
    try {
      byte[] bytes = BytesIn.readFile(file);
      long savedAt = FileStamp.of(file).modified();
      Map<String, byte[]> folders = parse(bytes, folderOf(output));
      return folders == null ? empty(meta) : new OutputState(file, folders, savedAt);
    } catch (NoSuchFileException absent) {
      return empty(meta);
    } catch (IOException | RuntimeException damaged) {
      return empty(meta);
    }
  }

  /** What the last run saw of one folder: a file's entry proves its content while its stamp is unchanged. */
  final class Seen {
    private final Map<String, Entry> entries = new HashMap<>();
    private final Listing listing;

    private Seen(byte[] record) {
      Folder folder = record == null ? null : decode(record);
      if (folder != null) {
        folder.entries().forEach(entry -> entries.put(entry.name(), entry));
      }
      listing = folder == null ? null : folder.listing();
    }

    /**
     * True when {@code record} and {@code listing} are what the last run recorded: the same files,
     * each with its stamp and blob, and no other, and the same listing; never for an empty
     * record, of which the last run may have saved none.
     */
    boolean isExactly(List<Entry> record, Listing listing) {
      if (record.isEmpty() || record.size() != entries.size() || !Objects.equals(listing, this.listing)) {
        return false;
      }
      for (Entry now : record) {
        Entry then = entries.get(now.name());
        if (then == null || !Objects.equals(now.stamp(), then.stamp()) || !Arrays.equals(now.blob(), then.blob())) {
          return false;
        }
      }
      return true;
    }

    /**
     * The recorded files and sub-folders, when the folder's stamp {@code now} proves that it holds
     * exactly those entries; else null (no listing recorded, another stamp, or one too recent to
     * prove anything).
     */
    Listing unchangedListing(FileStamp now) {
      if (listing == null || now == null || !now.equals(listing.stamp())) {
        return null;
      }
      if (now.modified() >= savedAt) {
        racy = true;
        return null;
      }
      return listing;
    }

    /** The names of the recorded files. */
    Set<String> files() {
      return entries.keySet();
    }

    /** True when the last run saw {@code name} with this stamp and this blob. */
    boolean proves(String name, FileStamp stamp, byte[] blob) {
      return Arrays.equals(blob, blobOf(name, stamp));
    }

    /** The blob the last run saw {@code name} hold with this stamp, or null when the stamp proves nothing. */
    byte[] blobOf(String name, FileStamp stamp) {
      Entry entry = entries.get(name);
      if (entry == null || stamp == null || !stamp.equals(entry.stamp())) {
        return null;
      }
      if (stamp.modified() >= savedAt) {
        racy = true;
        return null;
      }
      return entry.blob();
    }
  }

  Seen seen(String folder) {
    return new Seen(before.get(folder));
  }

  /** True when the last run left no record of any folder (a fresh clone): no stamp proves anything. */
  boolean provesNothing() {
    return before.isEmpty();
  }

  /** This run found a folder exactly as the last run recorded it: the saved record stands. */
  void keep(String folder) {
    now.put(folder, before.get(folder));
    written.remove(folder);
  }

  /**
   * What this run knows of a folder now, with its listing (null when none was taken); entries to
   * be written carry no stamp yet.
   */
  void record(String folder, List<Entry> entries, Listing listing) {
    now.put(folder, encode(entries, listing));
    if (entries.stream().anyMatch(e -> e.stamp() == null) || listing != null && listing.stamp() == null) {
      written.add(folder);
    } else {
      written.remove(folder);
    }
  }

  /**
   * Saves the state: this run's folders (stamping the files it wrote), plus the folders of the
   * last state outside this run's scopes. Failing to save only costs time next run.
   *
   * @param output the {@code output/} folder, to stamp what was written
   * @param inScope whether a folder lies inside this run's scopes (its old record is dropped)
   */
  void save(Path output, Predicate<String> inScope) {
    if (unchanged(inScope)) {
      return; // the saved state says it all already (a render with nothing changed: 4 MB for 1,000 tenants)
    }
    Path temp = file.resolveSibling("output-state.tmp");
    try {
      Files.createDirectories(file.getParent());
      try (DataOutputStream out = new DataOutputStream(Sealed.sealing(
          new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)))) {
        out.writeUTF(MAGIC);
        out.writeLong(folderOf(output));
        Map<String, byte[]> all = new ConcurrentHashMap<>();
        before.forEach((folder, record) -> {
          if (!inScope.test(folder)) {
            all.put(folder, record);
          }
        });
        // Stamping looks at every file this run wrote: on every core, like the writes.
        all.putAll(now);
        written.parallelStream().forEach(folder -> {
          try {
            all.put(folder, stampWritten(output, folder, now.get(folder)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        out.writeInt(all.size());
        for (Map.Entry<String, byte[]> folder : new TreeMap<>(all).entrySet()) {
          byte[] record = folder.getValue();
          out.writeUTF(folder.getKey());
          out.writeInt(record.length);
          out.write(record);
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | UncheckedIOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover temp file is replaced next time
      }
    }
  }

  /**
   * Whether saving would write what the file holds: nothing was written, every folder of the
   * scopes is recorded as before, and no stamp was too recent to prove its file.
   */
  private boolean unchanged(Predicate<String> inScope) {
    if (!written.isEmpty() || racy || before.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, byte[]> folder : now.entrySet()) {
      if (!Arrays.equals(folder.getValue(), before.get(folder.getKey()))) {
        return false;
      }
    }
    for (String folder : before.keySet()) {
      if (!now.containsKey(folder) && inScope.test(folder)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stamps the entries written this run, as they are now (the lock is held, so only a person
   * editing {@code output/} while meshplate writes could slip in between; the next change of
   * the file's stamp shows it). Entries whose file is not as expected are dropped. A folder whose
   * listing is to be taken is stamped before it is listed, and keeps the listing only when it
   * holds exactly the recorded files, beside its sub-folders.
   */
  private static byte[] stampWritten(Path output, String folder, byte[] record) throws IOException {
    Folder recorded = decode(record);
    List<Entry> entries = recorded.entries();
    Listing listing = recorded.listing();
    Set<String> unstamped = new HashSet<>();
    entries.forEach(entry -> {
      if (entry.stamp() == null) {
        unstamped.add(entry.name());
      }
    });
    Path dir = output.resolve(folder);
    FileStamp folderStamp = null;
    if (listing != null) {
      FileStamp.Look look = lookOrNull(dir);
      folderStamp = look != null && look.kind() == FileStamp.Kind.FOLDER ? look.stamp() : null;
    }
    // One listing of the folder, each file looked at relative to it: a cold render of 1,000
    // tenants stamps 43,000 files, and a look by the whole path walks that path again each time.
    Map<String, FileStamp.Look> looks;
    try {
      looks = FileStamp.list(dir, folderStamp != null ? name -> true : unstamped::contains);
    } catch (NoSuchFileException gone) {
      looks = Map.of();
    }
    List<Entry> stamped = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      FileStamp stamp = entry.stamp();
      if (stamp == null) {
        FileStamp.Look look = looks.get(entry.name());
        stamp = look != null && look.kind() == FileStamp.Kind.FILE ? look.stamp() : null;
      }
      if (stamp != null) {
        stamped.add(new Entry(entry.name(), stamp, entry.blob()));
      }
    }
    List<String> subfolders = folderStamp != null && stamped.size() == entries.size() ? subfoldersBeside(looks, entries) : null;
    return encode(stamped, subfolders != null ? new Listing(folderStamp, subfolders) : null);
  }

  /**
   * The sub-folders a listing found, when every other entry it found is one of {@code entries}, a
   * regular file, and every entry was found; else null.
   */
  private static List<String> subfoldersBeside(Map<String, FileStamp.Look> looks, List<Entry> entries) {
    for (Entry entry : entries) {
      FileStamp.Look look = looks.get(entry.name());
      if (look == null || look.kind() != FileStamp.Kind.FILE) {
        return null;
      }
    }
    List<String> subfolders = new ArrayList<>();
    for (Map.Entry<String, FileStamp.Look> look : new TreeMap<>(looks).entrySet()) {
      if (look.getValue().kind() == FileStamp.Kind.FOLDER) {
        subfolders.add(look.getKey());
      }
    }
    return looks.size() == entries.size() + subfolders.size() ? subfolders : null;
  }

  private static FileStamp.Look lookOrNull(Path dir) throws IOException {
    try {
      return FileStamp.look(dir);
    } catch (NoSuchFileException gone) {
      return null;
    }
  }

  static byte[] encode(List<Entry> entries, Listing listing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * entries.size() + 4);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(entries.size());
      for (Entry entry : entries) {
        out.writeUTF(entry.name());
        writeStamp(out, entry.stamp());
        out.write(entry.blob());
      }
      out.writeBoolean(listing != null);
      if (listing != null) {
        writeStamp(out, listing.stamp());
        out.writeInt(listing.subfolders().size());
        for (String subfolder : listing.subfolders()) {
          out.writeUTF(subfolder);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeStamp(DataOutputStream out, FileStamp stamp) throws IOException {
    out.writeBoolean(stamp != null);
    if (stamp != null) {
      out.writeLong(stamp.size());
      out.writeLong(stamp.modified());
      out.writeLong(stamp.changed());
      out.writeLong(stamp.inode());
    }
  }

  static Folder decode(byte[] record) {
    try (DataInputStream in = BytesIn.of(record)) {
      int count = in.readInt();
      List<Entry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        FileStamp stamp = readStamp(in);
        byte[] blob = new byte[20];
        in.readFully(blob);
        entries.add(new Entry(name, stamp, blob));
      }
      Listing listing = null;
      if (in.readBoolean()) {
        FileStamp stamp = readStamp(in);
        List<String> subfolders = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
          subfolders.add(in.readUTF());
        }
        listing = new Listing(stamp, subfolders);
      }
      return new Folder(entries, listing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileStamp readStamp(DataInputStream in) throws IOException {
    return in.readBoolean() ? new FileStamp(in.readLong(), in.readLong(), in.readLong(), in.readLong()) : null;
  }

  /**
   * Which folder {@code output} is: its inode, 0 when that is not known (no such folder yet, or a
   * file system without inodes). A state saved for another folder describes files that are not
   * there: a clone CI gave a restored cache (every checked-out file has a new change time), or an
   * {@code output/} deleted and rendered again. Its stamps would all fail, and looking at every
   * file to find that out cost a restored-cache {@code reach} of 1,000 tenants 7% of its CPU.
   */
  static long folderOf(Path output) {
    try {
      return FileStamp.look(output).stamp().inode();
    } catch (IOException | RuntimeException unknown) {
      return 0;
    }
  }

  /** The folders' records of a saved state, or null when it was saved for another output folder than {@code outputFolder}. */
  private static Map<String, byte[]> parse(byte[] bytes, long outputFolder) throws IOException {
    int body = Sealed.open(bytes);
    Map<String, byte[]> folders = new HashMap<>();
    try (DataInputStream in = BytesIn.of(bytes, body)) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IOException("another format");
      }
      long savedFor = in.readLong();
      if (savedFor != 0 && outputFolder != 0 && savedFor != outputFolder) {
        return null;
      }
      for (int i = in.readInt(); i > 0; i--) {
        String folder = in.readUTF();
        byte[] record = new byte[in.readInt()];
        in.readFully(record);
        folders.put(folder, record);
      }
    }
    return folders;
  }
}
