package io.meshplate.output;

import io.meshplate.IoFailure;
import io.meshplate.OutputException;
import io.meshplate.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One run's view of {@code output/}: folders are handed in one at a time, each with its complete
 * desired content, from any number of threads, and compared as they come; then {@link #finish}
 * walks what no folder covered (owned files no longer rendered are deleted, other files are
 * reported as foreign) and, for a writing session, commits and applies the change.
 *
 * <p>A writing session holds the output lock from creation to {@link #close}, completes any
 * interrupted run first, and stages every changed file in {@code .meshplate/staging/} as it is
 * found ({@link Staging}); {@code output/} itself is only touched after the commit. A comparing
 * session ({@code check}) takes no lock and writes nothing. Memory is bounded by the largest
 * folder, not by the tree.
 */
public final class OutputSession implements AutoCloseable {
  static final String RULE_SYMLINK = "OUTPUT-SYMLINK";
  static final String RULE_NOT_OWNED = "OUTPUT-NOT-OWNED";
  static final String RULE_CONFLICT = "OUTPUT-PATH-CONFLICT";
  static final byte[] HEADER = OutputWriter.OWNERSHIP_HEADER.getBytes(StandardCharsets.US_ASCII);
  /** Free space kept beyond the pack's size before committing (the apply copies the pack). */
  private static final long SPACE_MARGIN = 16L << 20;

  private final Path root;
  private final Path output;
  private final Path meta;
  private OutputState state;
  private boolean keepState = true;
  private volatile Set<String> scopeDirs;
  private final OutputLock lock;
  private final Recovery recovery;
  private final List<String> notes;
  private final Tally tally = new Tally();
  private final Ancestors ancestors;
  private final ConcurrentMap<String, List<String>> visited = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> foldedFolders = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Boolean> writable = new ConcurrentHashMap<>();
  private final Set<Path> reportedUnwritable = ConcurrentHashMap.newKeySet();
  /** Folders of output/ seen not to exist (relative, "" for output/ itself). */
  private final Set<String> absent = ConcurrentHashMap.newKeySet();
  private final Set<String> deletedInTheWay = ConcurrentHashMap.newKeySet();
  private Staging staging;
  private boolean finished;
  private volatile boolean topLevel;

  private OutputSession(Path root, List<String> scopeDirs, OutputLock lock, List<String> notes) {
    this.root = root;
    this.output = root.resolve("output");
    this.meta = root.resolve(OutputWriter.META);
    this.state = OutputState.load(meta, output);
    this.scopeDirs = Set.copyOf(scopeDirs);
    this.lock = lock;
    this.recovery = new Recovery(meta, output);
    this.notes = List.copyOf(notes);
    this.ancestors = new Ancestors(this, output);
  }

  /**
   * A session that writes: takes the lock (taking over one left by a dead process only when it
   * committed a journal), then completes or discards any interrupted run.
   *
   * @param scopes folders below {@code output/} the run owns ({@code dev/}, {@code prod/tenants/a/})
   */
  static OutputSession writing(Path root, List<String> scopes) {
    Path meta = OutputWriter.prepareMeta(root);
    boolean committed = Files.exists(meta.resolve(RollForward.JOURNAL), LinkOption.NOFOLLOW_LINKS);
    OutputLock lock = OutputLock.acquire(meta, committed);
    try {
      List<String> notes = new Recovery(meta, root.resolve("output")).run();
      return new OutputSession(root, scopes, lock, notes);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** A session that only compares ({@code check}); the caller recovered before. */
  static OutputSession comparing(Path root, List<String> scopes, List<String> notes) {
    return new OutputSession(root, scopes, null, notes);
  }

  /**
   * Sets the folders the run owns, when they are known only after the lock was taken (the
   * overlays are read under it). Call before the first folder.
   */
  public void own(List<String> scopes) {
    this.scopeDirs = Set.copyOf(OutputWriter.checkArguments(new TreeMap<>(), scopes));
  }

  /**
   * Also owns the files directly in {@code output/} (a render of everything): they are deleted
   * when owned and reported as foreign otherwise, like any file in a scope.
   */
  public void ownTopLevelFiles() {
    this.topLevel = true;
  }

  /**
   * Reads every file it compares instead of trusting stamps of the last run, and keeps none
   * ({@code --no-cache}).
   */
  public void readEverything() {
    state = OutputState.empty(meta);
    keepState = false;
  }

  /** What recovering an interrupted run did before this session, one sentence each. */
  public List<String> notes() {
    return notes;
  }

  /**
   * The complete desired content of one folder: its files by name. Every other file directly in
   * it goes (when owned) or is reported (when not). Thread-safe; each folder at most once.
   *
   * @param folder relative to {@code output/}, without trailing slash, inside a scope
   * @param files file name to content; every content starts with the ownership header
   */
  public void folder(String folder, SortedMap<String, byte[]> files) {
    Map<String, FileId> ids = new HashMap<>();
    files.forEach((name, bytes) -> ids.put(name, FileId.of(name, bytes)));
    folder(folder, files, ids);
  }

  /** As {@link #folder(String, SortedMap)}, with the files' ids already known. */
  public void folder(String folder, SortedMap<String, byte[]> files, Map<String, FileId> ids) {
    if (!accept(folder, files)) {
      return;
    }
    Ancestors.State state = ancestors.check(folder);
    if (state != Ancestors.State.BLOCKED) {
      visited.put(folder, new FolderComparison(this, output, this.state, folder, state, ancestors.stamp(folder))
          .compare(files, ids));
    }
  }

  /**
   * A folder and the sub-folders rendered with it (its hub folder {@code argocd/}), each with its
   * complete desired content: file names are relative to {@code folder} and name a sub-folder
   * with one {@code /}. Each output folder is taken as by {@link #folder}. Thread-safe.
   */
  public void bundle(String folder, SortedMap<String, byte[]> files, Map<String, FileId> ids) {
    Map<String, SortedMap<String, byte[]>> byFolder = new TreeMap<>();
    Map<String, Map<String, FileId>> idsByFolder = new HashMap<>();
    files.forEach((name, bytes) -> {
      int slash = name.lastIndexOf('/');
      String path = slash < 0 ? folder : folder + "/" + name.substring(0, slash);
      String own = name.substring(slash + 1);
      byFolder.computeIfAbsent(path, p -> new TreeMap<>()).put(own, bytes);
      FileId id = ids.get(name);
      idsByFolder.computeIfAbsent(path, p -> new HashMap<>()).put(own, new FileId(own, id.size(), id.blob()));
    });
    byFolder.forEach((path, own) -> folder(path, own, idsByFolder.get(path)));
  }

  /**
   * A folder and its sub-folders from the render cache, known by their files' ids only (names
   * relative to {@code folder}, as for {@link #bundle}). When {@code output/} holds exactly these
   * files (proven by their stamps, or by reading them), every folder of the bundle is done and
   * true is returned; otherwise nothing is recorded and the caller hands the bundle's content to
   * {@link #bundle}. Thread-safe.
   */
  public boolean cached(String folder, List<FileId> files) {
    Map<String, List<FileId>> byFolder = new TreeMap<>();
    for (FileId id : files) {
      int slash = id.name().lastIndexOf('/');
      String path = slash < 0 ? folder : folder + "/" + id.name().substring(0, slash);
      byFolder.computeIfAbsent(path, p -> new ArrayList<>()).add(new FileId(id.name().substring(slash + 1), id.size(), id.blob()));
    }
    List<String> accepted = new ArrayList<>();
    Map<String, FolderComparison> comparisons = new LinkedHashMap<>();
    Map<String, List<OutputState.Entry>> records = new HashMap<>();
    for (Map.Entry<String, List<FileId>> one : byFolder.entrySet()) {
      String path = one.getKey();
      SortedMap<String, byte[]> names = new TreeMap<>();
      one.getValue().forEach(id -> names.put(id.name(), HEADER));
      if (!accept(path, names)) {
        throw new IllegalArgumentException("cached folder with an invalid path: " + path);
      }
      accepted.add(path);
      Ancestors.State where = ancestors.check(path);
      FolderComparison comparison = where == Ancestors.State.FOLDER
          ? new FolderComparison(this, output, state, path, where, ancestors.stamp(path)) : null;
      List<OutputState.Entry> record = comparison == null ? null : comparison.verify(one.getValue());
      if (record == null) {
        accepted.forEach(f -> foldedFolders.remove(f.toLowerCase(Locale.ROOT)));
        return false;
      }
      comparisons.put(path, comparison);
      records.put(path, record);
    }
    comparisons.forEach((path, comparison) -> visited.put(path, comparison.accept(byFolder.get(path), records.get(path))));
    return true;
  }

  private boolean accept(String folder, SortedMap<String, byte[]> files) {
    if (finished) {
      throw new IllegalStateException("session already finished");
    }
    var whyFolder = OutputPaths.whyInvalid(folder);
    if (whyFolder.isPresent()) {
      problem(OutputPaths.invalid(folder, whyFolder.get()));
      return false;
    }
    if (!OutputPaths.isInsideAny(folder + "/-", scopeDirs)) {
      throw new IllegalArgumentException("folder outside every scope: " + folder);
    }
    boolean valid = true;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = folder + "/" + file.getKey();
      var why = file.getKey().contains("/") ? Optional.of("a file name holds '/'")
          : OutputPaths.whyInvalidIn(folder, file.getKey());
      if (why.isPresent()) {
        problem(OutputPaths.invalid(path, why.get()));
        valid = false;
      } else if (!isHeaderLine(file.getValue())) {
        throw new IllegalArgumentException("desired file lacks the ownership header: " + path);
      }
    }
    String clash = foldedFolders.putIfAbsent(folder.toLowerCase(Locale.ROOT), folder);
    if (clash != null && !clash.equals(folder)) {
      problem(FolderComparison.problem(folder, RULE_CONFLICT, "differs from " + clash
          + " only by letter case, which collides on case-insensitive file systems",
          "remove or rename what is in the way; nothing was written"));
      return false;
    } else if (clash != null) {
      throw new IllegalArgumentException("folder handed in twice: " + folder);
    }
    return valid;
  }

  /**
   * Walks what no folder covered, then commits and applies (writing session) or only reports
   * (comparing session).
   *
   * @throws OutputException when a path is unsafe or in conflict, a file is in the way, or on
   *     I/O; nothing is then written
   */
  public WriteReport finish() {
    finished = true;
    for (String scope : new TreeSet<>(scopeDirs)) {
      walkScope(scope);
    }
    if (topLevel) {
      walkTopLevelFiles();
    }
    if (tally.hasProblems()) {
      throw new OutputException("output/ was left unchanged", tally.problems());
    }
    if (lock != null && staging != null) {
      commit();
    }
    saveState();
    return tally.report();
  }

  /** Remembers what this run wrote and saw, so the next run reads only what changed since. */
  private void saveState() {
    if (!keepState) {
      return;
    }
    try {
      OutputWriter.prepareMeta(root);
    } catch (OutputException readOnly) {
      return; // a read-only checkout can still be checked, only without the shortcut next time
    }
    state.save(output, folder -> OutputPaths.isInsideAny(folder + "/-", scopeDirs));
  }

  private void commit() {
    Path journal;
    try {
      long free = Files.getFileStore(meta).getUsableSpace();
      if (free < staging.packLength() + SPACE_MARGIN) {
        throw new OutputException(List.of(Problem.at("output/", 0, 0, IoFailure.OUTPUT_WRITE, String.format(Locale.ROOT,
                "not enough free space to apply the change: %,d MiB changed, %,d MiB free", staging.packLength() >> 20, free >> 20))
            .withHint("free space on the file system of output/ (the change is staged, then copied into place); nothing was changed")));
      }
      journal = staging.commit();
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/staging", "cannot commit the staged change", e);
    }
    staging = null;
    recovery.applyCommitted(journal, meta.resolve(Staging.DIR).resolve(Staging.PACK));
  }

  /** Aborts an unfinished session (nothing written, staging removed) and releases the lock. */
  @Override
  public void close() {
    if (staging != null) {
      staging.abort();
      staging = null;
    }
    if (lock != null) {
      lock.close();
    }
  }

  // ---- called by the folder comparisons and the final walk -------------------------------------

  /**
   * A file to write (a comparing session only reports it).
   *
   * @return whether it is staged, to be in place once the session commits: only then may the
   *     output state record it with the blob it is to hold
   */
  boolean write(String path, byte[] bytes, boolean replacesExisting) {
    tally.written(path);
    if (lock == null) {
      if (replacesExisting) {
        tally.proposed(path, bytes);
      }
      return false;
    }
    if (!checkWritable(path)) {
      return false;
    }
    try {
      staging().write(path, bytes);
      return true;
    } catch (IOException e) {
      problem(IoFailure.problem(IoFailure.OUTPUT_WRITE, ".meshplate/staging/pack", "cannot stage output/" + path, e));
      return false;
    }
  }

  /** A file meshplate owns, standing where a folder of this run must go. */
  void deleteInTheWay(String path) {
    deletedInTheWay.add(path);
    delete(path);
  }

  void delete(String path) {
    tally.deleted(path);
    if (lock == null || !checkWritable(path)) {
      return;
    }
    try {
      staging().delete(path);
    } catch (IOException e) {
      problem(IoFailure.problem(IoFailure.OUTPUT_WRITE, ".meshplate/staging/journal.tmp", "cannot stage", e));
    }
  }

  /** Whether this session writes (else it only compares: what it would change stays as it is). */
  boolean writes() {
    return lock != null;
  }

  void unchanged() {
    tally.unchanged();
  }

  void foreign(String path) {
    tally.foreign(path);
  }

  void problem(Problem problem) {
    tally.problem(problem);
  }

  /** True when the first line of the file is exactly the meshplate header. */
  boolean isOwned(String path) {
    try (InputStream in = Files.newInputStream(output.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
      return isHeaderLine(in.readNBytes(HEADER.length + 1));
    } catch (NoSuchFileException gone) {
      return false;
    } catch (IOException e) {
      problem(IoFailure.problem(IoFailure.OUTPUT_READ, "output/" + path, "cannot read", e));
      return false;
    }
  }

  static boolean isHeaderLine(byte[] head) {
    if (head.length < HEADER.length || !Arrays.equals(head, 0, HEADER.length, HEADER, 0, HEADER.length)) {
      return false;
    }
    return head.length == HEADER.length || head[HEADER.length] == '\n';
  }

  private synchronized Staging staging() {
    if (staging == null) {
      staging = Staging.create(meta, recovery.boot(), OutputLock.describeSelfOnOneLine());
    }
    return staging;
  }

  /**
   * A change is only staged where it can be applied: the folder it goes into (or the nearest
   * one that exists) must be writable, so a read-only {@code output/} fails before the commit
   * instead of half-way through applying it.
   */
  private boolean checkWritable(String path) {
    int slash = path.lastIndexOf('/');
    return isWritableFolder(slash < 0 ? "" : path.substring(0, slash));
  }

  /** Whether files can be created in {@code folder}, or in the nearest folder above it that exists. */
  private boolean isWritableFolder(String folder) {
    Boolean known = writable.get(folder);
    if (known == null) {
      known = lookAtFolder(folder);
      writable.putIfAbsent(folder, known);
    }
    return known;
  }

  /**
   * Looks at the parent first: below a folder that does not exist nothing does, so a first
   * render into an empty {@code output/} asks the file system once per overlay, not once per
   * folder (each absent folder costs a thrown exception in the file API).
   */
  private boolean lookAtFolder(String folder) {
    Boolean parentWritable = null;
    if (!folder.isEmpty()) {
      int slash = folder.lastIndexOf('/');
      String parent = slash < 0 ? "" : folder.substring(0, slash);
      parentWritable = isWritableFolder(parent);
      if (absent.contains(parent)) {
        absent.add(folder);
        return parentWritable;
      }
    }
    Path dir = folder.isEmpty() ? output : output.resolve(folder);
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      absent.add(folder);
      if (parentWritable != null) {
        return parentWritable; // the nearest folder that exists is its parent
      }
      while (dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        dir = dir.getParent();
      }
    }
    if (dir == null || Files.isWritable(dir)) {
      return true;
    }
    String shown = dir.equals(output) ? "output/" : "output/" + output.relativize(dir).toString().replace('\\', '/');
    if (reportedUnwritable.add(dir)) {
      problem(Problem.at(shown, 0, 0, IoFailure.OUTPUT_WRITE, "cannot write into " + shown
              + ": the folder is not writable (permissions, immutable, or a read-only file system)")
          .withHint("make it writable for this user and run the command again; nothing was changed"));
    }
    return false;
  }

  // ---- the final walk --------------------------------------------------------------------------

  private void walkScope(String scope) {
    BasicFileAttributes top;
    try {
      top = Files.readAttributes(output.resolve(scope), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException absent) {
      return;
    } catch (IOException e) {
      problem(IoFailure.problem(IoFailure.OUTPUT_READ, "output/" + scope, "cannot read", e));
      return;
    }
    if (!top.isDirectory()) {
      if (!visited.containsKey(scope)) {
        problem(FolderComparison.problem(scope, top.isSymbolicLink() ? RULE_SYMLINK : RULE_CONFLICT,
            "should be a directory owned by this run", top.isSymbolicLink()
                ? "replace the link with a real directory or remove it" : "remove or rename what is in the way; nothing was written"));
      }
      return;
    }
    walk(scope);
  }

  private void walkTopLevelFiles() {
    if (ancestors.check("") != Ancestors.State.FOLDER) {
      return;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(output)) {
      for (Path entry : stream) {
        String name = entry.getFileName().toString();
        BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
          continue; // every folder of output/ is a scope of a render of everything
        } else if (attrs.isRegularFile() && isOwned(name)) {
          delete(name);
        } else {
          foreign(name);
        }
      }
    } catch (IOException e) {
      problem(IoFailure.problem(IoFailure.OUTPUT_READ, "output/", "cannot list", e));
    }
  }

  /** Every file below {@code dir} that no folder covered: owned ones go, others are foreign. */
  private void walk(String dir) {
    List<String> covered = visited.get(dir);
    if (covered != null) {
      covered.forEach(sub -> walk(dir + "/" + sub));
      return;
    }
    List<String> subfolders = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(output.resolve(dir))) {
      for (Path entry : stream) {
        String path = dir + "/" + entry.getFileName();
        if (visited.containsKey(path)) {
          subfolders.add(path);
          continue;
        }
        BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
          subfolders.add(path);
        } else if (deletedInTheWay.contains(path)) {
          continue;
        } else if (attrs.isRegularFile() && isOwned(path)) {
          delete(path);
        } else {
          foreign(path);
        }
      }
    } catch (NoSuchFileException gone) {
      return;
    } catch (IOException e) {
      problem(IoFailure.problem(IoFailure.OUTPUT_READ, "output/" + dir, "cannot list", e));
      return;
    }
    subfolders.forEach(this::walk);
  }
}
