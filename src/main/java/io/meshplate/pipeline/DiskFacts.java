package io.meshplate.pipeline;

import io.meshplate.Background;
import io.meshplate.BytesIn;
import io.meshplate.OutputException;
import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.cache.FactsPack;
import io.meshplate.cache.GatePack;
import io.meshplate.manifest.Bundles;
import io.meshplate.output.FileId;
import io.meshplate.output.OutputStamps;
import io.meshplate.reach.Facts;
import io.meshplate.reach.GateMemory;
import io.meshplate.reach.OverlayCheck;
import io.meshplate.reach.PlatformFacts;
import io.meshplate.reach.Reach;
import io.meshplate.reach.TenantFacts;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.TemplateOutputReader;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The connectivity facts of output folders as {@code output/} holds them: a tenant's folder with
 * its hub sub-folder ({@code argocd/}, read by the model as hub objects), or an overlay's
 * {@code platform/}. A folder whose files the last run's stamps prove ({@link OutputStamps}) is
 * served from its overlay's {@link FactsPack} when the pack has the facts of exactly those files;
 * any other folder is parsed (no positions: lines are looked up only when cited), and its facts
 * are kept when its files are proven. A folder rendered this run gives its facts with the ids of
 * its files ({@link #rendered}), so the next run finds them. Thread-safe: tenants are read on
 * every core. A report or gate over {@code output/} may start reading folders ahead
 * ({@link #readAhead}) while the descriptors are validated.
 */
final class DiskFacts implements AutoCloseable {
  private final Workspace workspace;
  private final CacheDir cache;
  private final boolean startsPacks;
  private final Map<String, FactsPack> packs = new ConcurrentHashMap<>();
  private volatile OutputStamps stamps;
  /** Folders whose files this run has proven already ({@link #served}). */
  private final Map<String, Served> served = new ConcurrentHashMap<>();
  /** Folders the read-ahead thread has started on and no caller has taken yet. */
  private final Map<String, FutureTask<Read>> ahead = new ConcurrentHashMap<>();
  /** Folders a caller asked for: the read-ahead thread leaves them alone. */
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  /** Overlays whose pack was saved: their folders are all read. */
  private final Set<String> saved = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;
  private Thread reader;

  DiskFacts(Workspace workspace, CacheDir cache) {
    this(workspace, cache, false);
  }

  /**
   * @param startsPacks keep the facts of the folders rendered this run even in an overlay without a
   *     pack yet ({@link #rendered}): for a run that writes {@code output/}. On 1,000 tenants x 3
   *     overlays that adds about 0.4 s to a first render, and takes 1.3-1.4 s off the next render
   *     after a descriptor changes and off the first {@code meshplate reach}, which would otherwise
   *     parse every folder (bench/ab.sh, alternating runs).
   */
  DiskFacts(Workspace workspace, CacheDir cache, boolean startsPacks) {
    this.workspace = workspace;
    this.cache = cache;
    this.startsPacks = startsPacks;
  }

  /**
   * The facts of {@code folder} ({@code prod/tenants/payments}, {@code prod/platform}), or null
   * when it holds no manifest (absent, or a link, which is not followed).
   */
  Read read(String folder) {
    taken.add(folder); // before looking: the read-ahead thread checks it after offering a folder
    FutureTask<Read> early = ahead.remove(folder);
    if (early == null) {
      return readNow(folder);
    }
    early.run(); // reads it here, unless the read-ahead thread has started it: then waits for it
    try {
      return early.get();
    } catch (ExecutionException e) {
      throw Background.rethrown(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutputException("interrupted while reading output/" + folder, e);
    }
  }

  /**
   * Starts reading the folders of {@code overlays} that {@code output/} holds ({@code platform/}
   * and every tenant folder), one at a time on a thread of its own, until every one is read or
   * {@link #close} is called. Validating the descriptors leaves a core idle for much of its time,
   * and decoding the folders' facts is the next step of a report or a gate: this overlaps them. A
   * folder read ahead is read exactly as {@link #read} would read it, and only once; one no caller
   * asks for (the folder of a tenant no longer placed there) is dropped at {@link #close}.
   */
  void readAhead(Collection<String> overlays) {
    List<String> folders = new ArrayList<>();
    for (String overlay : overlays) {
      folders.add(overlay + "/platform");
      Path tenants = workspace.output().resolve(overlay).resolve("tenants");
      if (Files.isDirectory(tenants, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> list = Files.list(tenants)) {
          list.map(p -> p.getFileName().toString()).sorted().forEach(t -> folders.add(overlay + "/tenants/" + t));
        } catch (IOException e) {
          return; // nothing is read ahead: each folder is read when asked for, and reports its own failure
        }
      }
    }
    reader = new Thread(() -> {
      for (String folder : folders) {
        if (stopped) {
          return;
        }
        if (taken.contains(folder) || saved.contains(folder.substring(0, folder.indexOf('/')))) {
          continue;
        }
        FutureTask<Read> task = new FutureTask<>(() -> readNow(folder));
        if (ahead.putIfAbsent(folder, task) != null) {
          continue;
        }
        if (taken.contains(folder)) {
          // A caller asked for it between the check above and the offer, found nothing, and reads it itself.
          ahead.remove(folder, task);
          continue;
        }
        task.run();
      }
    }, "meshplate-read-ahead");
    reader.setDaemon(true);
    reader.start();
  }

  /** Stops reading ahead and waits for the folder under way; what was read ahead and not taken is dropped. */
  @Override
  public void close() {
    stopped = true;
    Thread running = reader;
    if (running != null) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ahead.clear();
  }

  private Read readNow(String folder) {
    FactsPack pack = pack(folder);
    Served proven = served.get(folder);
    byte[] key = pack.enabled() && proven != null ? proven.key() : null;
    if (key == null && pack.enabled()) {
      SortedMap<String, byte[]> blobs = provenBlobs(folder);
      if (blobs != null && blobs.isEmpty()) {
        return null;
      }
      key = blobs == null ? null : FactsPack.contentKey(blobs);
    }
    Facts known = key == null ? null : pack.get(folder, key);
    if (known != null) {
      return new Read(known, key);
    }
    // A folder served from the render cache is read as the files it was served with, which its
    // key names: a file in it meshplate did not render is reported as such (OUTPUT-FOREIGN-FILE),
    // and is not part of what the render judges, as it is not for a folder rendered this run.
    // Read with it, its objects were kept under a key that does not name it, and were served
    // from there after it was gone.
    SortedMap<String, byte[]> contents = contents(workspace, folder + "/",
        proven == null ? name -> true : proven.names()::contains);
    if (contents.isEmpty()) {
      return null;
    }
    if (key == null && pack.heldAny()) {
      // No stamp proves the files, but the pack holds facts: a work tree its output state does not
      // describe, such as a clone CI gave a restored cache (CacheDir#shared). The blob ids of the
      // bytes just read find the facts kept for the same content, which costs less than parsing
      // them, and the key lets the gate and the table take what they kept for the folder.
      key = FactsPack.contentKey(blobIds(folder, contents));
      known = pack.get(folder, key);
      if (known != null) {
        return new Read(known, key);
      }
    }
    Facts facts = Facts.of(parsed(contents));
    if (key != null) {
      pack.put(folder, key, facts);
    }
    return new Read(facts, key);
  }

  /** The Git blob ids of a folder's {@link #contents}, by name relative to {@code folder} (as {@link #provenBlobs}). */
  private static SortedMap<String, byte[]> blobIds(String folder, SortedMap<String, byte[]> contents) {
    SortedMap<String, byte[]> blobs = new TreeMap<>();
    int start = folder.length() + 1;
    contents.forEach((path, bytes) -> blobs.put(path.substring(start), FileId.blobId(bytes)));
    return blobs;
  }

  /**
   * A folder's facts and the key of the content they were read from ({@link FactsPack#contentKey}):
   * what lets a gate tell the folder unchanged ({@link io.meshplate.reach.GateMemory}); null when
   * no stamp proves the files.
   */
  record Read(Facts facts, byte[] content) {}

  /** The content key of a folder rendered this run, from its files' ids (names relative to the folder). */
  static byte[] contentKey(Map<String, FileId> ids) {
    return FactsPack.contentKey(readBlobs(ids.values()));
  }

  /** The blob ids of the files the model reads, by name relative to their folder. */
  private static SortedMap<String, byte[]> readBlobs(Collection<FileId> files) {
    SortedMap<String, byte[]> blobs = new TreeMap<>();
    files.forEach(id -> {
      if (Reach.readsInFolder(id.name())) {
        blobs.put(id.name(), id.blob());
      }
    });
    return blobs;
  }

  /** Where this run keeps what it judged for the next (disabled: nothing is read or kept). */
  CacheDir cache() {
    return cache;
  }

  /**
   * Records that {@code output/folder} holds exactly {@code files} (names relative to the folder),
   * as a folder served from the render cache was just found to: its facts are then looked up by
   * that content without a second look at every file's stamp (on 1,000 tenants x 3 overlays, a
   * render after one descriptor changed stat'ed the 52,000 output files twice). A folder holding
   * no file of its own the model reads is left to the usual look, which finds no manifest.
   */
  void served(String folder, List<FileId> files) {
    SortedMap<String, byte[]> blobs = readBlobs(files);
    if (blobs.keySet().stream().anyMatch(name -> name.indexOf('/') < 0)) {
      served.put(folder, new Served(FactsPack.contentKey(blobs), Set.copyOf(blobs.keySet())));
    }
  }

  /**
   * A folder served from the render cache: the key of its content, and the names (relative to
   * the folder) of the files the model reads of it.
   */
  private record Served(byte[] key, Set<String> names) {}

  /**
   * The gate of one overlay ({@link Reach#check}) with what the last one kept, keeping what this
   * one judged for the next (nothing is read or kept when the cache is off). A run that writes
   * {@code output/} and evaluates every flow anyway (a first render, a changed platform side) keeps
   * the table of {@code meshplate reach} too, so the first table after it evaluates only what
   * changed since instead of every flow: on 1,000 tenants x 3 overlays that adds 0.47 s to
   * such a render (9.22 -> 9.69 s) and takes 1.12 s off that table (3.06 -> 1.94 s; bench/ab.sh,
   * alternating runs).
   */
  OverlayCheck gate(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents) {
    var findings = GateMemory.findings(GatePack.FINDINGS.read(cache, platform.overlay()));
    OverlayCheck check = Reach.check(platform, tenants, contents, findings, startsPacks && cache.enabled());
    return keep(platform.overlay(), check, findings, null).withoutFlowMemory();
  }

  /**
   * A report of the flows between {@code from} and {@code to} with the findings of its gate
   * ({@link Reach#query}), which reuses and keeps the gate's memory as {@link #gate} does.
   */
  OverlayCheck query(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents,
      String from, String to, boolean brief) {
    var findings = GateMemory.findings(GatePack.FINDINGS.read(cache, platform.overlay()));
    return keep(platform.overlay(), Reach.query(platform, tenants, contents, from, to, brief, findings), findings, null);
  }

  /**
   * The table of {@code meshplate reach} ({@link Reach#table}): reuses and keeps the gate's memory
   * as {@link #gate} does, and the flows of the last table.
   */
  OverlayCheck table(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents) {
    var findings = GateMemory.findings(GatePack.FINDINGS.read(cache, platform.overlay()));
    var flows = GateMemory.flows(GatePack.FLOWS.read(cache, platform.overlay()));
    return keep(platform.overlay(), Reach.table(platform, tenants, contents, findings, flows), findings, flows);
  }

  /**
   * Writes what a run kept for the next, unless it is the very memory that was read (nothing
   * changed): a table's flows are megabytes.
   */
  private OverlayCheck keep(String overlay, OverlayCheck check, GateMemory<?> lastFindings, GateMemory<?> lastFlows) {
    if (check.memory() != null && check.memory() != lastFindings) {
      GateMemory.Encoding findings = check.memory().encoding();
      GatePack.FINDINGS.write(cache, overlay, findings.size(), findings::writeTo);
    }
    if (check.flowMemory() != null && check.flowMemory() != lastFlows) {
      GateMemory.Encoding flows = check.flowMemory().encoding();
      GatePack.FLOWS.write(cache, overlay, flows.size(), flows::writeTo);
    }
    return check;
  }

  /**
   * Keeps the facts of a folder rendered this run, known by its files' ids (names relative to the
   * folder). A run that writes {@code output/} keeps them whether or not its overlay has a pack
   * yet: every later run that does not render a folder (a render after one descriptor changed,
   * {@code reach}) reads its facts, and parsing them out of the files costs those runs more than
   * encoding them costs this one (see {@link #DiskFacts(Workspace, CacheDir, boolean)}). A run that
   * writes nothing ({@code check}, mostly on a fresh clone in CI) only keeps a pack up to date,
   * unless its cache is shared with later clones ({@link CacheDir#shared}).
   *
   * @return whether the pack kept them: {@link #renderedFacts} then gives them back until the
   *     overlay is saved
   */
  boolean rendered(String folder, byte[] content, Facts facts) {
    FactsPack pack = pack(folder);
    if (pack.enabled() && (startsPacks || pack.heldAny())) {
      pack.put(folder, content, facts);
      return true;
    }
    return false;
  }

  /**
   * The facts {@link #rendered} kept for {@code folder} made from {@code content}, read back from
   * the pack (its strings shared with the overlay's other folders); null when the pack cannot give
   * them (an entry of an earlier run for the same content that does not decode).
   */
  Facts renderedFacts(String folder, byte[] content) {
    return pack(folder).get(folder, content);
  }

  /** Saves the pack of {@code overlay}, once its folders are all read or rendered, and lets it go. */
  void save(String overlay) {
    saved.add(overlay);
    FactsPack pack = packs.remove(overlay);
    if (pack != null) {
      pack.save();
    }
  }

  private FactsPack pack(String folder) {
    return packs.computeIfAbsent(folder.substring(0, folder.indexOf('/')), overlay -> FactsPack.open(cache, overlay));
  }

  /** The blob ids of the files the model reads, by name relative to the folder; null when a stamp proves nothing. */
  private SortedMap<String, byte[]> provenBlobs(String folder) {
    if (stamps == null) {
      synchronized (this) {
        if (stamps == null) {
          stamps = OutputStamps.load(workspace.root());
        }
      }
    }
    SortedMap<String, byte[]> own = stamps.blobs(folder, Reach::readsFile);
    if (own == null || own.isEmpty()) {
      return own;
    }
    SortedMap<String, byte[]> hub = stamps.blobs(folder + "/" + Bundles.HUB, Reach::readsFile);
    if (hub == null) {
      return null;
    }
    hub.forEach((name, blob) -> own.put(Bundles.HUB + "/" + name, blob));
    return own;
  }

  /**
   * The manifests of {@link #contents}, by the same paths, as the model reads them: objects of a
   * kind it ignores hold only their apiVersion and kind.
   */
  private static Map<String, List<Map<String, Object>>> parsed(SortedMap<String, byte[]> contents) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    contents.forEach((path, content) -> {
      List<Map<String, Object>> objects = new ArrayList<>();
      for (Object root : TemplateOutputReader.readRoots("output/" + path, content, YamlLimits.PLATFORM, Reach::ignores)) {
        objects.add(new StrictYaml.Document(root, null).rootMap());
      }
      files.put(path, objects);
    });
    return files;
  }

  /**
   * The bytes of the files the model reads in one output folder and its hub sub-folder, by path
   * below {@code output/} ({@code folder} ends with a slash).
   *
   * @param read which files, by their names relative to {@code folder}, are read
   */
  private static SortedMap<String, byte[]> contents(Workspace workspace, String folder, Predicate<String> read) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    if (Files.isDirectory(workspace.output().resolve(folder), LinkOption.NOFOLLOW_LINKS)) {
      readFolder(workspace, folder, "", read, files);
      readFolder(workspace, folder, Bundles.HUB + "/", read, files);
    }
    return files;
  }

  /** The files of {@code top + sub} that {@code read} takes by their names relative to {@code top}. */
  private static void readFolder(Workspace workspace, String top, String sub, Predicate<String> read,
      Map<String, byte[]> files) {
    String folder = top + sub;
    Path dir = workspace.output().resolve(folder);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Each entry is looked at and opened relative to the open folder where the platform allows it
    // (a fresh-clone reach of 1,000 tenants reads 46,000 files, two lookups each): the kernel then
    // resolves one name, not the whole path again.
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      SecureDirectoryStream<Path> open = list instanceof SecureDirectoryStream<Path> secure ? secure : null;
      List<Path> names = new ArrayList<>();
      for (Path entry : list) {
        Path name = entry.getFileName();
        if (Reach.readsFile(name.toString()) && read.test(sub + name)) {
          names.add(name);
        }
      }
      names.sort(null);
      for (Path name : names) {
        BasicFileAttributes attributes = open != null
            ? open.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes()
            : Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
          continue;
        }
        String path = folder + name;
        files.put(path, open != null ? BytesIn.readFile(open, name, attributes.size())
            : BytesIn.readFile(dir.resolve(name), attributes.size()));
      }
    } catch (IOException e) {
      throw new OutputException("cannot read output/" + folder + ": " + e.getMessage(), e);
    }
  }
}
