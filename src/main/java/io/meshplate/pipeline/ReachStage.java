package io.meshplate.pipeline;

import io.meshplate.OutputException;
import io.meshplate.Workspace;
import io.meshplate.cache.FactsPack;
import io.meshplate.descriptor.Tenant;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.reach.Facts;
import io.meshplate.reach.Findings;
import io.meshplate.reach.OverlayCheck;
import io.meshplate.reach.PlatformFacts;
import io.meshplate.reach.Reach;
import io.meshplate.reach.TenantFacts;
import io.meshplate.review.OutputSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Feeds the connectivity model from {@code output/} on disk ({@code meshplate reach}, see {@link
 * DiskFacts}) or from the output files of a snapshot (a review), per overlay:
 * <ol>
 *   <li>for each tenant: the {@link Facts} of its folder (its own files and those of its hub
 *       sub-folder {@code argocd/}, which the model reads as hub objects; the files
 *       {@link Reach#readsFile} names), with {@link Reach#tenantFacts}; the objects are dropped;
 *   <li>{@link Reach#platformFacts} over the {@code platform/} folder (and its {@code argocd/});
 *   <li>once every tenant of the overlay is known, {@link Reach#check} (a gate),
 *       {@link Reach#query} (a report of the flows between two parties) or {@link Reach#evaluate}
 *       (a report of every flow); {@code contents} gives a file's bytes only to cite the line of a
 *       finding, so it may read them back lazily.
 * </ol>
 */
final class ReachStage {
  private ReachStage() {}

  /** Checks every overlay of {@code overlays} as {@code output/} holds it. */
  static List<OverlayCheck> check(Workspace workspace, DiskFacts disk, Pipeline.Validated validated,
      Collection<String> overlays) {
    return run(workspace, disk, validated, overlays, null, null, false, false);
  }

  /**
   * Evaluates for a report of the flows between {@code from} and {@code to} (either may be null),
   * with every pair between them (see {@link Reach#evaluate}) and the findings of every flow.
   *
   * @param brief only the flows that are not denied, without their steps ({@link Reach#evaluate})
   */
  static List<OverlayCheck> evaluate(Workspace workspace, DiskFacts disk, Pipeline.Validated validated,
      Collection<String> overlays, String from, String to, boolean brief) {
    return run(workspace, disk, validated, overlays, from, to, true, brief);
  }

  private static List<OverlayCheck> run(Workspace workspace, DiskFacts disk, Pipeline.Validated validated,
      Collection<String> overlays, String from, String to, boolean report, boolean brief) {
    Function<String, byte[]> contents = file ->
        read(workspace.output().resolve(file.startsWith("output/") ? file.substring("output/".length()) : file));
    // A report of some flows takes the overlay's findings from its gate and evaluates only what
    // the query can select; the table of every flow takes what the last one kept where nothing
    // changed; a report of every flow with every layer's answer evaluates every flow.
    Judge<OverlayCheck> judge = !report ? disk::gate
        : from != null || to != null ? (platform, tenants, files) -> disk.query(platform, tenants, files, from, to, brief)
        : brief ? disk::table
        : (platform, tenants, files) -> Reach.evaluate(platform, tenants, files, null, null, false);
    return run(validated, overlays, disk::read, disk::save, contents, judge);
  }

  /** What is made of an overlay's facts: a gate, a report, or what a review compares with. */
  interface Judge<T> {
    T judge(PlatformFacts platform, List<TenantFacts> tenants, Function<String, byte[]> contents);
  }

  /**
   * Judges every overlay of {@code overlays} over the output files of one side of a review, with
   * {@code judge} ({@link Reach#memory} or {@link Reach#review}). A folder whose files the model
   * reads all have a blob id gets a content key, so the two sides of a review tell which folders
   * differ; else the folder counts as changed.
   */
  static <T> List<T> review(Pipeline.Validated validated, Collection<String> overlays,
      OutputSnapshot snapshot, Judge<T> judge) {
    Function<String, DiskFacts.Read> folders = folder -> {
      Map<String, List<Map<String, Object>>> files = within(snapshot.files(), folder + "/");
      if (files.isEmpty()) {
        return null;
      }
      Facts read = snapshot.facts().get(folder); // made as the side was read, if it was read around a change
      return new DiskFacts.Read(read != null ? read : Facts.of(files),
          contentKey(files.keySet(), folder + "/", snapshot.fileIds()));
    };
    return run(validated, overlays, folders, overlay -> { }, file -> null, judge);
  }

  /**
   * The content key of the files {@code paths} of {@code folder}, from their blob ids; null when
   * one has none. The same key {@link DiskFacts} gives the same files on disk, so the gate a check
   * or render kept for {@code output/} serves a review of the work tree.
   */
  private static byte[] contentKey(Collection<String> paths, String folder, Map<String, String> ids) {
    SortedMap<String, byte[]> blobs = new TreeMap<>();
    for (String path : paths) {
      String id = ids.get(path);
      if (id == null) {
        return null;
      }
      blobs.put(path.substring(folder.length()), HexFormat.of().parseHex(id));
    }
    return FactsPack.contentKey(blobs);
  }

  /**
   * @param folders the facts of an output folder ({@code prod/tenants/payments}); null when it
   *     holds no manifest
   * @param done told when an overlay's folders are all read
   * @param judge a gate or a report, once the overlay's facts are all known
   */
  private static <T> List<T> run(Pipeline.Validated validated, Collection<String> overlays,
      Function<String, DiskFacts.Read> folders, Consumer<String> done,
      Function<String, byte[]> contents, Judge<T> judge) {
    // Overlays are independent: judged side by side, each on every core, so one overlay's
    // sequential steps (platform facts, the model's indexes, recording findings) overlap another's
    // reading and evaluation. The list keeps the overlays' order. Each overlay is seen through
    // before a failure is thrown (the first in overlay order): a parallel stream would throw the
    // first failure at once and leave the other overlays running, still saving their caches.
    record Judged<T>(T check, RuntimeException failure) {}
    List<Judged<T>> judged = overlays.parallelStream().map(overlay -> {
      try {
        return new Judged<T>(judge(validated, overlay, folders, done, contents, judge), null);
      } catch (RuntimeException failure) {
        return new Judged<T>(null, failure);
      }
    }).toList();
    for (Judged<T> j : judged) {
      if (j.failure() != null) {
        throw j.failure();
      }
    }
    return judged.stream().map(Judged::check).toList();
  }

  /** One overlay: its folders' facts (tenants on every core), then its gate or report. */
  private static <T> T judge(Pipeline.Validated validated, String overlay,
      Function<String, DiskFacts.Read> folders, Consumer<String> done,
      Function<String, byte[]> contents, Judge<T> judge) {
    OverlayChain chain = validated.overlays().chain(overlay);
    List<TenantFacts> tenants = validated.tenants().all().parallelStream().filter(t -> chain.includes(t.spec()))
        .map(t -> {
          DiskFacts.Read read = folders.apply(overlay + "/tenants/" + t.name());
          return read == null ? null : Reach.tenantFacts(chain, t, read.facts(), read.content());
        }).filter(Objects::nonNull).toList();
    DiskFacts.Read platformFiles = folders.apply(overlay + "/platform");
    PlatformFacts platform = platformFiles == null ? Reach.platformFacts(chain, Facts.of(Map.of()), null)
        : Reach.platformFacts(chain, platformFiles.facts(), platformFiles.content());
    done.accept(overlay);
    return judge.judge(platform, tenants, contents);
  }

  /** The files of {@code files} in {@code folder} that the model reads ({@link Reach#readsInFolder}). */
  private static Map<String, List<Map<String, Object>>> within(Map<String, List<Map<String, Object>>> files,
      String folder) {
    Map<String, List<Map<String, Object>>> out = new TreeMap<>();
    Map<String, List<Map<String, Object>>> candidates = files instanceof SortedMap<String, List<Map<String, Object>>> sorted
        ? sorted.subMap(folder, folder + Character.MAX_VALUE) : files;
    candidates.forEach((path, objects) -> {
      if (path.startsWith(folder) && Reach.readsInFolder(path.substring(folder.length()))) {
        out.put(path, objects);
      }
    });
    return out;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new OutputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Declaration-only warnings for {@code validate}: allows without the matching call. */
  static Findings intent(Pipeline.Validated validated) {
    Map<OverlayChain, List<Tenant>> byOverlay = new LinkedHashMap<>();
    for (OverlayChain chain : validated.overlays().chains().values()) {
      byOverlay.put(chain, validated.tenants().all().stream().filter(t -> chain.includes(t.spec())).toList());
    }
    return Reach.intent(byOverlay);
  }
}
