package io.meshplate.output;

import io.meshplate.IoFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The staging area of one run, {@code .meshplate/staging/}: every new content appended to one
 * file, {@code pack}, while folders are compared (from several threads), and the operations
 * appended to {@code journal.tmp}. Nothing under {@code output/} is touched while staging.
 *
 * <p>{@link #commit} makes both durable with three flushes (pack, journal, the two folders'
 * entries) and renames the journal to {@code .meshplate/journal}: the one commit point. Before
 * it, {@link #abort} removes everything staged.
 */
final class Staging {
  static final String DIR = "staging";
  static final String PACK = "pack";

  private final Path meta;
  private final Path dir;
  private final FileChannel pack;
  private final Journal.Writer journal;
  private final AtomicLong length = new AtomicLong();

  private Staging(Path meta, Path dir, FileChannel pack, Journal.Writer journal) {
    this.meta = meta;
    this.dir = dir;
    this.pack = pack;
    this.journal = journal;
  }

  /** Creates {@code .meshplate/staging/} afresh (the caller removed any leftover). */
  static Staging create(Path meta, String boot, String writer) {
    Path dir = meta.resolve(DIR);
    try {
      Files.createDirectory(dir);
      FileChannel pack = FileChannel.open(dir.resolve(PACK), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, StandardOpenOption.READ);
      return new Staging(meta, dir, pack, new Journal.Writer(dir.resolve("journal.tmp"), boot, writer));
    } catch (IOException e) {
      deleteQuietly(dir);
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, ".meshplate/staging", "cannot create the staging area", e);
    }
  }

  /** Appends a new content for {@code path}; safe to call from several threads. */
  void write(String path, byte[] bytes) throws IOException {
    long offset = length.getAndAdd(bytes.length);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = offset;
    while (buffer.hasRemaining()) {
      position += pack.write(buffer, position);
    }
    journal.write(offset, bytes.length, path);
  }

  void delete(String path) throws IOException {
    journal.delete(path);
  }

  long packLength() {
    return length.get();
  }

  /**
   * Flushes pack and journal, then renames the journal to {@code .meshplate/journal}.
   *
   * @return the committed journal
   */
  Path commit() throws IOException {
    pack.force(true);
    journal.seal(length.get());
    journal.close();
    pack.close();
    Durability.syncDirectory(dir);
    Path marker = meta.resolve(RollForward.JOURNAL);
    // The commit point: before this rename the run never happened, after it the run will finish.
    Files.move(dir.resolve("journal.tmp"), marker, StandardCopyOption.ATOMIC_MOVE);
    Durability.syncDirectory(meta);
    return marker;
  }

  /** Removes everything staged; the run leaves no trace. */
  void abort() {
    try {
      journal.close();
    } catch (IOException ignored) {
      // the folder is removed below
    }
    try {
      pack.close();
    } catch (IOException ignored) {
      // the folder is removed below
    }
    deleteQuietly(dir);
  }

  private static void deleteQuietly(Path dir) {
    try {
      FileTrees.deleteTree(dir);
    } catch (IOException ignored) {
      // a leftover staging folder is discarded by the next run
    }
  }
}
