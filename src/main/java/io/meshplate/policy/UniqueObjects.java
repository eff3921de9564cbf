package io.meshplate.policy;

import io.meshplate.Interned;
import io.meshplate.Problem;
import io.meshplate.Sha256;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.yaml.Messages;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * No two objects of one overlay share group, kind, namespace and name: the second would
 * silently replace the first in the cluster. Overlays are separate clusters, so the same
 * platform object in {@code prod} and {@code prod-eu} is fine.
 *
 * <p>Within a folder the check compares the objects themselves. Across folders it works from
 * facts, without keeping every object of the overlay: the identity of every object outside its
 * tenant's own namespaces (platform objects, the tenant's AppProject, anything misplaced) and,
 * for the many objects inside them, a 64-bit digest. Only the owner renders into its namespaces
 * (a guardrail gives each namespace one owner), so an object inside them can only collide with
 * an object outside its own folder's namespaces, whose identity is kept; its digest is looked up
 * in the owner's. One index per overlay, no pairwise compare.
 */
final class UniqueObjects implements Invariant, OverlayInvariant<UniqueObjects.Keys> {
  /** An object kept by identity, with the file it is in, named within the folder ({@link FolderId#nameOf}). */
  record Open(ObjectKey key, String file) {}

  /**
   * The facts of one folder. Files are named within it ({@link FolderId#nameOf}), one shared
   * string per name across folders: a run keeps these for every folder until its end.
   *
   * @param owned the namespaces the folder's tenant owns
   * @param open objects outside them, first occurrence of each identity
   * @param ownDigests sorted digests of the objects inside them
   * @param ownFiles the file of each digest, same order
   */
  record Keys(Set<String> owned, List<Open> open, long[] ownDigests, String[] ownFiles) {}

  @Override
  public String rule() {
    return "INV-OBJECT-COLLISION";
  }

  @Override
  public String id() {
    return "collision-keys";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    Map<ObjectKey, PlacedObject> first = new HashMap<>();
    for (PlacedObject placed : folder.objects()) {
      PlacedObject earlier = first.putIfAbsent(placed.key(), placed);
      if (earlier != null) {
        problems.add(collision(placed.key(), placed.file().path(), earlier.file().path()));
      }
    }
  }

  @Override
  public Keys collect(FolderObjects folder) {
    Map<ObjectKey, String> open = new LinkedHashMap<>();
    SortedMap<Long, String> own = new TreeMap<>();
    for (PlacedObject placed : folder.objects()) {
      String namespace = namespaceOf(placed.key());
      if (namespace != null && folder.owned().contains(namespace)) {
        own.computeIfAbsent(digest(placed.key()), d -> folder.folder().nameOf(placed.file().path()));
      } else {
        open.computeIfAbsent(placed.key(), k -> folder.folder().nameOf(placed.file().path()));
      }
    }
    List<Open> kept = new ArrayList<>();
    open.forEach((key, file) -> kept.add(new Open(key, file)));
    long[] digests = own.keySet().stream().mapToLong(Long::longValue).toArray();
    return new Keys(Set.copyOf(folder.owned()), kept, digests, own.values().toArray(String[]::new));
  }

  @Override
  public void check(String overlay, SortedMap<FolderId, Keys> folders, List<Problem> problems) {
    Map<String, List<FolderId>> owners = new HashMap<>();
    folders.forEach((id, keys) -> keys.owned().forEach(ns -> owners.computeIfAbsent(ns, n -> new ArrayList<>()).add(id)));
    Map<ObjectKey, TreeSet<String>> places = new HashMap<>();
    folders.forEach((id, keys) -> {
      for (Open open : keys.open()) {
        TreeSet<String> files = places.computeIfAbsent(open.key(), k -> new TreeSet<>());
        files.add(id.pathOf(open.file()));
        String namespace = namespaceOf(open.key());
        for (FolderId owner : owners.getOrDefault(namespace, List.of())) {
          Keys theirs = folders.get(owner);
          int at = owner.equals(id) ? -1 : Arrays.binarySearch(theirs.ownDigests(), digest(open.key()));
          if (at >= 0) {
            files.add(owner.pathOf(theirs.ownFiles()[at]));
          }
        }
      }
    });
    places.forEach((key, files) -> {
      String firstFile = files.first();
      files.tailSet(firstFile, false).forEach(file -> problems.add(collision(key, file, firstFile)));
    });
  }

  private Problem collision(ObjectKey key, String file, String earlierFile) {
    return Problem.at("output/" + file, 0, 0, rule(), Messages.escape(key.display())
            + ": collides with the same object in output/" + earlierFile)
        .withHint("give one of them another name; two owners of one object overwrite each other");
  }

  /** The namespace an object lies in; a Namespace object counts as lying in itself. */
  private static String namespaceOf(ObjectKey key) {
    if (!key.namespace().isEmpty()) {
      return key.namespace();
    }
    return key.group().isEmpty() && key.kind().equals("Namespace") ? key.name() : null;
  }

  /** The first 64 bits of SHA-256 over the identity: no descriptor can aim a name at another's digest. */
  static long digest(ObjectKey key) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    sha.update((key.group() + '\0' + key.kind() + '\0' + key.namespace() + '\0' + key.name())
        .getBytes(StandardCharsets.UTF_8));
    byte[] hash = sha.digest();
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (hash[i] & 0xff);
    }
    return value;
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Sha256::digest);

  @Override
  public void write(Keys keys, DataOutput out) throws IOException {
    out.writeInt(keys.owned().size());
    for (String namespace : new TreeSet<>(keys.owned())) { // in order: equal facts, equal bytes
      out.writeUTF(namespace);
    }
    out.writeInt(keys.open().size());
    for (Open open : keys.open()) {
      out.writeUTF(open.key().group());
      out.writeUTF(open.key().kind());
      out.writeUTF(open.key().namespace());
      out.writeUTF(open.key().name());
      out.writeUTF(open.file());
    }
    out.writeInt(keys.ownDigests().length);
    for (int i = 0; i < keys.ownDigests().length; i++) {
      out.writeLong(keys.ownDigests()[i]);
      out.writeUTF(keys.ownFiles()[i]);
    }
  }

  @Override
  public Keys read(DataInput in) throws IOException {
    List<String> owned = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      owned.add(in.readUTF());
    }
    List<Open> open = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      open.add(new Open(new ObjectKey(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF()), Interned.of(in.readUTF())));
    }
    int count = in.readInt();
    long[] digests = new long[count];
    String[] files = new String[count];
    for (int i = 0; i < count; i++) {
      digests[i] = in.readLong();
      files[i] = Interned.of(in.readUTF());
    }
    return new Keys(Set.copyOf(owned), open, digests, files);
  }
}
