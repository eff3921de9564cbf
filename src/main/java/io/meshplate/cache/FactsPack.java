package io.meshplate.cache;

import io.meshplate.BytesOut;
import io.meshplate.reach.FactParts;
import io.meshplate.reach.Facts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;

/**
 * The connectivity facts of each output folder of one overlay, in one file
 * ({@code .meshplate/cache/reach/<overlay>}), so the folders a run does not render are not parsed
 * again for the connectivity model. An entry is found by its folder and used only when the
 * folder's files are exactly those it was made from: the key is every file name with its blob id
 * ({@link #contentKey}), and the caller knows the blob ids without reading the files (they were
 * just rendered, or their stamps prove them). One file per overlay, not per folder: a run reads
 * and writes an overlay's facts whole, and a file per folder would add thousands of file
 * creations to the runs that create most files already.
 *
 * <p>The entries share one table of strings (see {@link Facts#encode}): decoding looks them up
 * by number, and an overlay's folders, which repeat the same pointers, kinds and labels, share
 * one instance of each, and one instance of each part that names no place ({@link FactParts}).
 * The pack is a {@link PackFile}, sealed and naming the build that wrote it; any damage, another
 * build or another format reads as an empty pack. Saving keeps the entries this run used or added,
 * so folders that are gone leave with the next save, and rewrites the file only when anything
 * changed. When folders left, or the table grew by half since, saving renumbers the strings so
 * the table holds only those still used.
 */
public final class FactsPack {
  private static final String FORMAT = "meshplate-reach-facts 2";

  /** One folder's facts (encoded) and the content they were made from. */
  private record Entry(byte[] key, byte[] facts) {}

  private final Path file;
  private final byte[] build;
  private Map<String, Entry> before;
  private final Map<String, Entry> used = new ConcurrentHashMap<>();
  private volatile boolean changed;
  /** The string table: strings by number; entries of the file use the first ones. */
  private volatile String[] strings = new String[0];
  private int count;
  /** How many strings the table held when it last dropped those no entry used (grown by half, it does again). */
  private int compacted;
  /** Numbers by string, built on the first encoding only: a run that only reads does not hash. */
  private volatile StringNumbers numbers;
  /** The parts the folders decoded so far share; let go when the overlay is saved, all its folders read. */
  private volatile FactParts parts = new FactParts();

  private FactsPack(Path file, byte[] build) {
    this.file = file;
    this.build = build;
  }

  /** The pack of {@code overlay} in the project's cache; disabled when the cache is. */
  public static FactsPack open(CacheDir cache, String overlay) {
    return cache.enabled() ? new FactsPack(cache.dir().resolve("reach").resolve(overlay), cache.build()) : disabled();
  }

  /** A pack that misses every lookup and stores nothing. */
  public static FactsPack disabled() {
    return new FactsPack(null, null);
  }

  /** Whether it keeps anything: a disabled pack need not be fed. */
  public boolean enabled() {
    return file != null;
  }

  /** Whether the pack held facts when the run began (false for a new project, a fresh clone, another build). */
  public boolean heldAny() {
    return file != null && !loaded().isEmpty();
  }

  /**
   * The key of a folder's content: each file's name (relative to the folder) and blob id, in
   * name order.
   */
  public static byte[] contentKey(SortedMap<String, byte[]> blobs) {
    BytesOut key = new BytesOut(48 * blobs.size());
    blobs.forEach((name, blob) -> {
      key.write(name.getBytes(StandardCharsets.UTF_8));
      key.write(0);
      key.write(blob);
    });
    return key.toByteArray();
  }

  /**
   * The facts of {@code folder} made from exactly the content {@code key}, as this run put them or
   * else as the file holds them, or null (also when damaged).
   */
  public Facts get(String folder, byte[] key) {
    if (file == null) {
      return null;
    }
    Entry put = used.get(folder);
    Entry entry = put != null && Arrays.equals(put.key(), key) ? put : loaded().get(folder);
    if (entry == null || !Arrays.equals(entry.key(), key)) {
      return null;
    }
    try {
      Facts facts = Facts.decode(entry.facts(), this::string, parts);
      used.put(folder, entry);
      return facts;
    } catch (IOException | RuntimeException damaged) {
      return null;
    }
  }

  /**
   * Keeps the facts of {@code folder} made from the content {@code key}. When the pack holds that
   * content already (a folder rendered again to the same files), its entry is kept as it is: the
   * same content has the same facts, so they are not encoded again.
   */
  public void put(String folder, byte[] key, Facts facts) {
    if (file == null) {
      return;
    }
    Entry old = loaded().get(folder);
    if (old != null && Arrays.equals(old.key(), key)) {
      used.put(folder, old);
      return;
    }
    changed = true;
    used.put(folder, new Entry(key.clone(), facts.encode(this::number)));
  }

  /**
   * Writes the entries this run used or added, when they differ from the file's; a failure only
   * costs time next run.
   */
  public synchronized void save() {
    parts = new FactParts();
    if (file == null || !changed && used.size() == loaded().size()) {
      return;
    }
    try {
      SortedMap<String, Entry> kept = new TreeMap<>(used);
      List<String> table = new ArrayList<>(Arrays.asList(strings).subList(0, count));
      Map<String, byte[]> facts = new HashMap<>();
      kept.forEach((folder, entry) -> facts.put(folder, entry.facts()));
      // A pack that started empty holds only strings its entries use: nothing to drop.
      boolean fresh = loaded().isEmpty();
      boolean compact = !fresh
          && (!used.keySet().containsAll(loaded().keySet()) || count > compacted + compacted / 2);
      if (compact) {
        // Renumbers the strings in order of first use, so the table keeps only those still used.
        // Not on every save: an unchanged folder's strings are all still used, and renumbering
        // walks every entry.
        int[] renumbered = new int[count];
        Arrays.fill(renumbered, -1);
        String[] all = strings;
        table.clear();
        IntUnaryOperator renumber = n -> {
          if (renumbered[n] < 0) {
            renumbered[n] = table.size();
            table.add(all[n]);
          }
          return renumbered[n];
        };
        for (Map.Entry<String, Entry> one : kept.entrySet()) {
          facts.put(one.getKey(), Facts.renumber(one.getValue().facts(), renumber));
        }
      }
      int base = compact || fresh ? table.size() : compacted;
      PackFile.write(file, FORMAT, build, out -> {
        out.writeInt(base);
        out.writeInt(table.size());
        for (String s : table) {
          PackFile.write(out, s.getBytes(StandardCharsets.UTF_8));
        }
        out.writeInt(kept.size());
        for (Map.Entry<String, Entry> one : kept.entrySet()) {
          out.writeUTF(one.getKey());
          PackFile.write(out, one.getValue().key());
          PackFile.write(out, facts.get(one.getKey()));
        }
      });
    } catch (IOException | RuntimeException e) {
      // not saved: the next run reads the folders again
    }
  }

  private String string(int number) {
    String[] table = strings;
    return number >= 0 && number < table.length ? table[number] : null;
  }

  /** The number of {@code s}: a lookup without a lock for a known string (nearly every one). */
  private int number(String s) {
    StringNumbers known = numbers;
    int number = (known != null ? known : numbers()).get(s);
    return number >= 0 ? number : add(s);
  }

  private synchronized int add(String s) {
    int known = numbers.get(s);
    if (known >= 0) {
      return known;
    }
    String[] table = strings;
    if (count == table.length) {
      table = Arrays.copyOf(table, Math.max(1024, 2 * count));
    }
    table[count] = s;
    strings = table; // published before the number is handed out
    numbers.add(s, count);
    return count++;
  }

  private synchronized StringNumbers numbers() {
    if (numbers == null) {
      loaded();
      StringNumbers all = new StringNumbers(count);
      for (int i = 0; i < count; i++) {
        all.add(strings[i], i);
      }
      numbers = all;
    }
    return numbers;
  }

  private synchronized Map<String, Entry> loaded() {
    if (before == null) {
      before = read();
    }
    return before;
  }

  /** What the file holds: its string table, the table's size at the last renumbering, and its entries. */
  private record Contents(String[] table, int compacted, Map<String, Entry> entries) {}

  private Map<String, Entry> read() {
    Contents contents = PackFile.read(file, FORMAT, build, in -> {
      int base = in.readInt();
      int size = in.readInt();
      if (size < 0 || size > in.available() || base < 0 || base > size) {
        throw new IOException("damaged string table");
      }
      String[] table = new String[size];
      for (int i = 0; i < size; i++) {
        table[i] = new String(PackFile.bytes(in), StandardCharsets.UTF_8);
      }
      Map<String, Entry> entries = new HashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        entries.put(in.readUTF(), new Entry(PackFile.bytes(in), PackFile.bytes(in)));
      }
      return new Contents(table, base, entries);
    });
    if (contents == null) {
      return Map.of();
    }
    strings = contents.table();
    count = contents.table().length;
    compacted = contents.compacted();
    return contents.entries();
  }
}
