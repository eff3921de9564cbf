package io.meshplate.output;

import io.meshplate.OutputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The write-ahead journal that makes a run all-or-nothing. Layout under {@code .meshplate/}:
 * {@code staging/files/<n>} (new contents), {@code staging/journal.tmp} (being written) and
 * {@code journal}, the commit marker. The marker appears by one atomic rename after everything
 * it names is on disk; rolling it forward is idempotent, so it can be repeated after any crash.
 */
final class Journal {
  private static final String MAGIC = "meshplate-journal 1";
  private static final String END = "end";

  private final Path output;
  private final Path meta;
  private final Path staging;
  private final Path marker;

  Journal(Path output, Path meta) {
    this.output = output;
    this.meta = meta;
    this.staging = meta.resolve("staging");
    this.marker = meta.resolve("journal");
  }

  /** Finishes a committed run, or discards the staging of one that died before its commit. */
  boolean recover() throws IOException {
    boolean rolledForward = false;
    if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
      rollForward(read());
      rolledForward = true;
    }
    deleteTree(staging);
    return rolledForward;
  }

  /** Stages the plan, commits it and applies it. */
  void commit(ChangeSet.Plan plan, SortedMap<String, byte[]> desired) throws IOException {
    deleteTree(staging);
    Path files = Files.createDirectories(staging.resolve("files"));
    StringBuilder text = new StringBuilder(MAGIC).append('\n');
    for (String path : plan.deletes()) {
      text.append("D ").append(path).append('\n');
    }
    List<Path> staged = new ArrayList<>(plan.writes().size());
    int n = 0;
    for (String path : plan.writes()) {
      String name = Integer.toString(n++);
      Path file = files.resolve(name);
      write(file, desired.get(path));
      staged.add(file);
      text.append("W ").append(name).append(' ').append(path).append('\n');
    }
    Durability.syncAll(staged);
    text.append(END).append('\n');
    Path temp = staging.resolve("journal.tmp");
    writeDurably(temp, text.toString().getBytes(StandardCharsets.US_ASCII));
    syncDirectory(files);
    syncDirectory(staging);
    // The commit point: before this rename the run never happened, after it the run will finish.
    Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(meta);
    rollForward(read());
    deleteTree(staging);
  }

  private record Entry(boolean write, String staged, String path) {}

  private List<Entry> read() throws IOException {
    List<String> lines = Files.readAllLines(marker, StandardCharsets.US_ASCII);
    if (lines.size() < 2 || !MAGIC.equals(lines.get(0)) || !END.equals(lines.get(lines.size() - 1))) {
      throw new OutputException("the output journal " + marker + " is damaged; output/ may be"
          + " partially updated: restore output/ from git (git checkout -- output), delete "
          + meta.resolve("journal") + " and render again");
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : lines.subList(1, lines.size() - 1)) {
      String[] parts = line.split(" ", 3);
      boolean write = parts[0].equals("W") && parts.length == 3;
      String path = write ? parts[2] : parts.length == 2 ? parts[1] : "";
      if (OutputPaths.whyInvalid(path).isPresent() || !(write || parts[0].equals("D"))) {
        throw new OutputException("the output journal " + marker + " holds an invalid line; delete "
            + marker + " and restore output/ from git");
      }
      entries.add(new Entry(write, write ? parts[1] : null, path));
    }
    return entries;
  }

  /** Deletes, then writes, then prunes emptied folders; every step is safe to repeat. */
  private void rollForward(List<Entry> entries) throws IOException {
    Set<Path> touchedDirs = new TreeSet<>();
    SafeDirectories dirs = new SafeDirectories(output);
    for (Entry entry : entries) {
      if (!entry.write()) {
        Path target = output.resolve(entry.path());
        dirs.verifyParents(entry.path());
        Files.deleteIfExists(target);
        touchedDirs.add(target.getParent());
      }
    }
    for (Entry entry : entries) {
      Path staged = staging.resolve("files").resolve(entry.staged() == null ? "-" : entry.staged());
      if (entry.write() && Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
        Path parent = dirs.ensureParents(entry.path());
        Files.move(staged, output.resolve(entry.path()), StandardCopyOption.ATOMIC_MOVE);
        touchedDirs.add(parent);
      }
    }
    List<Path> existingDirs = new ArrayList<>();
    for (Path dir : touchedDirs) {
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        existingDirs.add(dir);
      }
    }
    Durability.syncAll(existingDirs, true);
    pruneEmptyDirectories(touchedDirs);
    Files.deleteIfExists(marker);
    syncDirectory(meta);
  }

  /** Removes folders left empty by deletes, deepest first, never output/ itself. */
  private void pruneEmptyDirectories(Set<Path> touchedDirs) throws IOException {
    List<Path> deepestFirst = new ArrayList<>(touchedDirs);
    deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Comparator.naturalOrder()));
    for (Path dir : deepestFirst) {
      for (Path current = dir; current.startsWith(output) && !current.equals(output); current = current.getParent()) {
        try {
          Files.delete(current);
        } catch (DirectoryNotEmptyException inUse) {
          break;
        } catch (NoSuchFileException alreadyGone) {
          // keep climbing: the parent may be empty now
        }
      }
    }
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private static void writeDurably(Path file, byte[] bytes) throws IOException {
    write(file, bytes);
    Durability.syncAll(List.of(file));
  }

  /** Makes renames inside {@code dir} durable; a no-op where directories cannot be opened. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Windows cannot open a directory; there the rename itself is the best available.
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
