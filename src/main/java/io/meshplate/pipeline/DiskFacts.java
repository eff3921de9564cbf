package io.meshplate.pipeline;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The connectivity facts of output folders as {@code output/} holds them: a tenant's folder with
 * its hub sub-folder ({@code argocd/}, read by the model as hub objects), or an overlay's
 * {@code platform/}. A folder whose files the last run's stamps prove ({@link OutputStamps}) is
 * served from its overlay's {@link FactsPack} when the pack has the facts of exactly those files;
 * any other folder is parsed (no positions: lines are looked up only when cited), and its facts
 * are kept when its files are proven. A folder rendered this run gives its facts with the ids of
 * its files ({@link #rendered}), so the next run finds them. Thread-safe: tenants are read on
 * every core.
 */
final class DiskFacts {
  private final Workspace workspace;
  private final CacheDir cache;
  private final Map<String, FactsPack> packs = new ConcurrentHashMap<>();
  private volatile OutputStamps stamps;

  DiskFacts(Workspace workspace, CacheDir cache) {
    this.workspace = workspace;
    this.cache = cache;
  }

  /**
   * The facts of {@code folder} ({@code prod/tenants/payments}, {@code prod/platform}), or null
   * when it holds no manifest (absent, or a link, which is not followed).
   */
  Read read(String folder) {
    FactsPack pack = pack(folder);
    SortedMap<String, byte[]> blobs = pack.enabled() ? provenBlobs(folder) : null;
    if (blobs != null && blobs.isEmpty()) {
      return null;
    }
    byte[] key = blobs == null ? null : FactsPack.contentKey(blobs);
    Facts known = key == null ? null : pack.get(folder, key);
    if (known != null) {
      return new Read(known, key);
    }
    Map<String, List<Map<String, Object>>> files = parse(workspace, folder + "/");
    if (files.isEmpty()) {
      return null;
    }
    Facts facts = Facts.of(files);
    if (key != null) {
      pack.put(folder, key, facts);
    }
    return new Read(facts, key);
  }

  /**
   * A folder's facts and the key of the content they were read from ({@link FactsPack#contentKey}):
   * what lets a gate tell the folder unchanged ({@link io.meshplate.reach.GateMemory}); null when
   * no stamp proves the files.
   */
  record Read(Facts facts, byte[] content) {}

  /** The content key of a folder rendered this run, from its files' ids (names relative to the folder). */
  static byte[] contentKey(Map<String, FileId> ids) {
    SortedMap<String, byte[]> blobs = new TreeMap<>();
    ids.forEach((name, id) -> {
      if (Reach.readsInFolder(name)) {
        blobs.put(name, id.blob());
      }
    });
    return FactsPack.contentKey(blobs);
  }

  /**
   * The gate of one overlay ({@link Reach#check}) with what the last one kept, keeping what this
   * one judged for the next (nothing is read or kept when the cache is off).
   */
  OverlayCheck gate(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents) {
    OverlayCheck check = Reach.check(platform, tenants, contents,
        GateMemory.decode(GatePack.read(cache, platform.overlay())));
    if (check.memory() != null) {
      GatePack.write(cache, platform.overlay(), check.memory().encode());
    }
    return check;
  }

  /**
   * Keeps the facts of a folder rendered this run, known by its files' ids (names relative to the
   * folder), when its overlay has a pack already: a render keeps a pack up to date but does not
   * start one, so a first render, or a check on a fresh clone, does not pay to encode facts no
   * later run may read. The first run that reads folders from {@code output/} starts it.
   */
  void rendered(String folder, byte[] content, Facts facts) {
    FactsPack pack = pack(folder);
    if (pack.heldAny()) {
      pack.put(folder, content, facts);
    }
  }

  /** Saves the pack of {@code overlay}, once its folders are all read or rendered, and lets it go. */
  void save(String overlay) {
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
   * The manifests of one output folder on disk and of its hub sub-folder, as the model reads
   * them: objects of a kind it ignores hold only their apiVersion and kind.
   */
  static Map<String, List<Map<String, Object>>> parse(Workspace workspace, String folder) {
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    if (Files.isDirectory(workspace.output().resolve(folder), LinkOption.NOFOLLOW_LINKS)) {
      parseFolder(workspace, folder, files);
      parseFolder(workspace, folder + Bundles.HUB + "/", files);
    }
    return files;
  }

  private static void parseFolder(Workspace workspace, String folder, Map<String, List<Map<String, Object>>> files) {
    Path dir = workspace.output().resolve(folder);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!Reach.readsFile(name) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String path = folder + name;
        List<Map<String, Object>> objects = new ArrayList<>();
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (Object root : TemplateOutputReader.readRoots("output/" + path, text, YamlLimits.PLATFORM, Reach::ignores)) {
          objects.add(new StrictYaml.Document(root, null).rootMap());
        }
        files.put(path, objects);
      }
    } catch (IOException e) {
      throw new OutputException("cannot read output/" + folder + ": " + e.getMessage(), e);
    }
  }
}
