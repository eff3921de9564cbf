package io.meshplate.cache;

import io.meshplate.BytesIn;
import io.meshplate.BytesOut;
import io.meshplate.Sha256;
import io.meshplate.output.FileId;
import io.meshplate.output.Sealed;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What each folder rendered to, in {@code .meshplate/cache/folders/}: one small file per folder
 * render, named by the SHA-256 of everything the render depends on (the code, the folder, the
 * template model, every template and overlay file, the namespaces the checks use). An entry
 * holds the ids of the folder's files and the facts the overlay-wide checks need, never the
 * bytes: {@code output/} holds those. Only folders that passed every check of their own are
 * stored. A missing, damaged or foreign entry is a miss; nothing read here is trusted without its
 * checksum, and the key covers every input, so the cache can only cost time, never correctness.
 */
public final class RenderCache {
  private static final String FORMAT = "meshplate-render-cache 2";
  private static final byte[] NO_FACTS = new byte[0];

  private final Path dir;
  private final byte[] build;
  private final Set<String> used = ConcurrentHashMap.newKeySet();
  /** Shard folders known to exist: creating one that exists costs a thrown exception each time. */
  private final Set<Path> shards = ConcurrentHashMap.newKeySet();

  private RenderCache(Path dir, byte[] build) {
    this.dir = dir;
    this.build = build;
  }

  /**
   * The cache of the project at {@code root}; disabled (every lookup a miss, nothing stored)
   * when the running code cannot be identified.
   */
  public static RenderCache open(CacheDir cache) {
    return cache.enabled() ? new RenderCache(cache.dir().resolve("folders"), cache.build()) : disabled();
  }

  /** A cache that misses every lookup and stores nothing ({@code --no-cache}, renders held in memory). */
  public static RenderCache disabled() {
    return new RenderCache(null, null);
  }

  /**
   * One folder's render: its files by id, its object count and its facts (opaque bytes). Its
   * facts are read through {@link #factsIn} without a copy: a render after one tenant changed
   * reads the entries of some 3,000 folders, and copying their facts in and out of the entry
   * took 43 of its 913 MB of allocations.
   */
  public static final class Entry {
    private final List<FileId> files;
    private final long objects;
    private final byte[] facts;

    /** An entry that owns {@code facts}: nothing else may change them. */
    private Entry(List<FileId> files, long objects, byte[] facts) {
      this.files = List.copyOf(files);
      this.objects = objects;
      this.facts = facts;
    }

    /** An entry of {@code files}, {@code objects} objects and a copy of {@code facts}. */
    public static Entry of(List<FileId> files, long objects, byte[] facts) {
      return new Entry(files, objects, facts.clone());
    }

    public List<FileId> files() {
      return files;
    }

    public long objects() {
      return objects;
    }

    /** The facts, read in place. */
    public DataInputStream factsIn() {
      return BytesIn.of(facts);
    }
  }

  public boolean enabled() {
    return build != null;
  }

  /** The key of a folder's render: the code, then whatever {@code inputs} feeds in. */
  public byte[] key(Consumer<MessageDigest> inputs) {
    MessageDigest digest = Sha256.digest();
    digest.update(FORMAT.getBytes(StandardCharsets.UTF_8));
    if (build != null) {
      digest.update(build);
    }
    inputs.accept(digest);
    return digest.digest();
  }

  /** The entry stored under {@code key}, or null. */
  public Entry get(byte[] key) {
    byte[] all = read(key);
    try {
      return all == null ? null : decode(key, all, true);
    } catch (IOException | RuntimeException missOrDamaged) {
      return null;
    }
  }

  /** What a folder rendered to, without the facts of its entry. */
  public record Rendered(List<FileId> files, long objects) {}

  /**
   * The files and object count of the entry stored under {@code key}, or null: for a run that
   * replays an identical one, which reads no facts. Its facts are checked with the rest of the
   * entry (the checksum covers them) but not copied out: 25 MB of copies in a render of 1,000
   * tenants with nothing changed.
   */
  public Rendered rendered(byte[] key) {
    byte[] all = read(key);
    try {
      Entry entry = all == null ? null : decode(key, all, false);
      return entry == null ? null : new Rendered(entry.files(), entry.objects());
    } catch (IOException | RuntimeException missOrDamaged) {
      return null;
    }
  }

  /** The bytes of the entry stored under {@code key}, or null when there is none (or it cannot be read). */
  private byte[] read(byte[] key) {
    if (build == null) {
      return null;
    }
    String hex = HexFormat.of().formatHex(key);
    used.add(hex);
    Path file = file(hex);
    // One look gives both whether the entry is there and its size, told without the exception
    // the file API throws for a missing file (0: absent, and no entry is empty); the bytes are
    // then read with three system calls. An unchanged render of 1,000 tenants reads 3,021 entries.
    long size = file.toFile().length();
    if (size == 0) {
      return null;
    }
    try {
      return BytesIn.readFile(file, size);
    } catch (IOException missOrDamaged) {
      return null;
    }
  }

  /** Stores an entry; a failure to store only costs time next run. */
  public void put(byte[] key, Entry entry) {
    if (build == null) {
      return;
    }
    String hex = HexFormat.of().formatHex(key);
    used.add(hex);
    Path target = file(hex);
    Path temp = target.resolveSibling(target.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
    try {
      ensureShard(target.getParent());
      Files.write(temp, encode(key, entry));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover temp file is removed by the next prune
      }
    }
  }

  /** After a run of every folder: removes the entries it did not use, so the cache does not grow. */
  public void pruneUnused() {
    if (build == null || !Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(dir)) {
      for (Path prefix : prefixes) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(prefix)) {
          for (Path entry : entries) {
            if (!used.contains(prefix.getFileName().toString() + entry.getFileName())) {
              Files.deleteIfExists(entry);
            }
          }
        }
      }
    } catch (IOException e) {
      // pruning is housekeeping; the next full run tries again
    }
  }

  private void ensureShard(Path shard) throws IOException {
    if (!shards.contains(shard)) {
      Files.createDirectories(shard);
      shards.add(shard);
    }
  }

  private Path file(String hex) {
    return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  private static byte[] encode(byte[] key, Entry entry) throws IOException {
    int size = 2 + FORMAT.length() + key.length + Integer.BYTES + Long.BYTES + Integer.BYTES + entry.facts.length;
    for (FileId file : entry.files()) {
      size += 2 + file.name().length() + Long.BYTES + 20; // names of output files are ASCII
    }
    BytesOut bytes = new BytesOut(size);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(FORMAT);
      out.write(key);
      out.writeInt(entry.files().size());
      for (FileId file : entry.files()) {
        out.writeUTF(file.name());
        out.writeLong(file.size());
        out.write(file.blob());
      }
      out.writeLong(entry.objects());
      out.writeInt(entry.facts.length);
      out.write(entry.facts);
    }
    return Sealed.seal(bytes.toByteArray());
  }

  /** The entry in {@code all}; with {@code withFacts} false, its facts are skipped (and the entry has none). */
  private static Entry decode(byte[] key, byte[] all, boolean withFacts) throws IOException {
    try (DataInputStream in = BytesIn.of(all, Sealed.open(all))) {
      byte[] stored = new byte[key.length];
      if (!FORMAT.equals(in.readUTF())) {
        throw new IOException("another format");
      }
      in.readFully(stored);
      if (!Arrays.equals(stored, key)) {
        throw new IOException("entry of another key");
      }
      List<FileId> files = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        String name = in.readUTF();
        long size = in.readLong();
        byte[] blob = new byte[20];
        in.readFully(blob);
        files.add(new FileId(name, size, blob));
      }
      long objects = in.readLong();
      int length = in.readInt();
      byte[] facts = withFacts ? new byte[length] : NO_FACTS;
      if (withFacts) {
        in.readFully(facts);
      } else if (length < 0 || in.skip(length) != length) {
        throw new IOException("damaged facts");
      }
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return new Entry(files, objects, facts);
    }
  }

}
