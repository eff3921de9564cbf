package io.meshplate.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Journals and packs of applied runs, kept in {@code .meshplate/applied/} until what they wrote
 * is surely on disk.
 *
 * <p>Applying a run writes its files into the page cache without flushing each one (that cost a
 * flush per file, about a millisecond each). Until the kernel has written them back, a power
 * loss could lose them; the run's journal and pack, flushed at the commit, could not be lost. So
 * they are kept: a command that finds one from an earlier boot of the machine (the power went,
 * or the machine restarted) applies it again, oldest first, before it reads {@code output/}. A
 * record is removed once it comes from this boot and is older than the kernel's write-back window
 * (twice {@code vm.dirty_expire_centisecs} plus {@code vm.dirty_writeback_centisecs}, at least a
 * minute): by then the kernel has written the files back. Where the boot cannot be identified
 * (not Linux) every written file is flushed instead and nothing is kept.
 */
final class RetainedRuns {
  static final String DIR = "applied";
  private static final String JOURNAL_SUFFIX = ".journal";
  private static final String PACK_SUFFIX = ".pack";

  private final Path meta;
  private final Path dir;

  RetainedRuns(Path meta) {
    this.meta = meta;
    this.dir = meta.resolve(DIR);
  }

  /** A kept run: its journal and pack. */
  record Record(long sequence, Path journal, Path pack) {}

  /**
   * Keeps a journal applied in boot {@code boot} and its pack here. The pack is linked here first
   * and stays where it was until the caller removes it; the journal moves last. So a keep cut
   * short at any point leaves either a whole record here, or the journal where it was beside its
   * pack (the next recovery applies it again and keeps it), never the journal without its pack.
   * A pack here without its journal is a leftover of such a keep, and {@link #records} removes it.
   * A journal committed in an earlier boot is marked with this one: its files were written in
   * this boot.
   */
  void keep(Path journal, Path pack, String boot) throws IOException {
    Files.createDirectories(dir);
    long sequence = records().stream().mapToLong(Record::sequence).max().orElse(0) + 1;
    link(pack, dir.resolve(sequence + PACK_SUFFIX));
    // On disk before the journal moves: after a power loss a kept journal must find its pack.
    Durability.syncDirectory(dir);
    Path kept = dir.resolve(sequence + JOURNAL_SUFFIX);
    Files.move(journal, kept, StandardCopyOption.ATOMIC_MOVE);
    if (!boot.equals(bootOf(kept))) {
      rebase(new Record(sequence, kept, dir.resolve(sequence + PACK_SUFFIX)), boot);
    }
    Durability.syncDirectory(dir);
    Durability.syncDirectory(meta);
  }

  /** A second name for {@code pack}, or a flushed copy where the file system has no hard links. */
  private static void link(Path pack, Path kept) throws IOException {
    try {
      Files.createLink(kept, pack);
    } catch (NoSuchFileException missing) {
      throw missing;
    } catch (UnsupportedOperationException | FileSystemException noLinks) {
      Files.copy(pack, kept, StandardCopyOption.REPLACE_EXISTING);
      Durability.syncAll(List.of(kept));
    }
  }

  /** Records committed in an earlier boot: their files may have been lost and must be applied again. */
  List<Record> fromEarlierBoot(String boot) throws IOException {
    List<Record> stale = new ArrayList<>();
    for (Record record : records()) {
      if (!boot.equals(bootOf(record.journal()))) {
        stale.add(record);
      }
    }
    return stale;
  }

  /** Rewrites a record's boot after it was applied again in this boot. */
  void rebase(Record record, String boot) throws IOException {
    List<String> lines = Files.readAllLines(record.journal(), StandardCharsets.UTF_8);
    lines.set(1, "boot " + boot);
    Path temp = record.journal().resolveSibling(record.sequence() + ".tmp");
    Files.write(temp, lines, StandardCharsets.UTF_8);
    Files.move(temp, record.journal(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes the records of this boot that are older than the write-back window. */
  void removeFlushed(String boot, Instant now) throws IOException {
    Duration window = Writeback.window();
    for (Record record : records()) {
      FileTime committed = Files.getLastModifiedTime(record.journal(), LinkOption.NOFOLLOW_LINKS);
      if (boot.equals(bootOf(record.journal())) && committed.toInstant().plus(window).isBefore(now)) {
        remove(record);
      }
    }
  }

  void remove(Record record) throws IOException {
    Files.deleteIfExists(record.journal());
    Files.deleteIfExists(record.pack());
  }

  /** Every complete record, oldest first; a pack without its journal is a leftover and goes. */
  List<Record> records() throws IOException {
    List<Record> records = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return records;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.endsWith(JOURNAL_SUFFIX) && isNumber(name, JOURNAL_SUFFIX)) {
          long sequence = Long.parseLong(name.substring(0, name.length() - JOURNAL_SUFFIX.length()));
          records.add(new Record(sequence, entry, dir.resolve(sequence + PACK_SUFFIX)));
        } else if (name.endsWith(PACK_SUFFIX) && isNumber(name, PACK_SUFFIX)) {
          String journal = name.substring(0, name.length() - PACK_SUFFIX.length()) + JOURNAL_SUFFIX;
          if (!Files.exists(dir.resolve(journal))) {
            Files.deleteIfExists(entry);
          }
        } else {
          Files.deleteIfExists(entry);
        }
      }
    }
    records.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    return records;
  }

  private static boolean isNumber(String name, String suffix) {
    String stem = name.substring(0, name.length() - suffix.length());
    return !stem.isEmpty() && stem.length() < 18 && stem.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String bootOf(Path journal) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      in.readLine();
      String line = in.readLine();
      return line != null && line.startsWith("boot ") ? line.substring(5) : "-";
    } catch (NoSuchFileException gone) {
      return "-";
    } catch (CharacterCodingException notText) {
      throw Journal.damaged(journal, Journal.NOT_TEXT);
    }
  }
}
