package io.meshplate.policy;

import io.meshplate.Interned;
import io.meshplate.manifest.Bundles;
import io.meshplate.manifest.ClusterScopedKinds;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.yaml.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the checks over the whole tree ({@link TreeInvariant}) keep of one folder instead of its
 * objects: the few objects they read whole (Argo CD objects, anything in a hub folder,
 * Telemetry, control planes and revision tags, Namespaces with their labels and mesh
 * memberships), stripped to identity, labels and {@code spec} and held in immutable
 * compact form; the output folders that hold a file; per output folder one object of each kind
 * and namespace (cluster-scoped: of each kind and name), which is what an Argo CD project decides
 * on; and the namespaces the tenant owns. A project refusing a kind is therefore reported once
 * per kind and namespace of a folder, at its first object, not at every object of the kind.
 *
 * <p>Files and sub-folders are named within the folder ({@link FolderId#nameOf}): a render of
 * 10,000 tenants keeps about a million stand-ins until the tree checks run, and a path string of
 * its own for each file of its 30,000 folders was 5% of its heap.
 */
final class KeptObjects implements FolderFacts<KeptObjects.Facts> {
  static final KeptObjects INSTANCE = new KeptObjects();

  /** A kept object and the file it is in, named within the folder ({@code argocd/applications.yaml}). */
  record Kept(String file, Map<String, Object> object) {}

  /**
   * One object standing for its kind and namespace (or name) in an output folder: the file it is
   * in, named within the folder, and its identity, held without an {@link ObjectKey} of its own.
   * Names are shared too: most are the same in every tenant ({@code default}, {@code api-allow}).
   */
  record Synced(String file, String group, String kind, String namespace, String name) {
    ObjectKey key() {
      return new ObjectKey(group, kind, namespace, name);
    }
  }

  /**
   * @param folders output folders holding a file, named within the folder ({@code ""} for the
   *     folder itself, {@code argocd})
   * @param synced per output folder (named as in {@code folders}), one object per kind and
   *     namespace (cluster-scoped: name)
   */
  record Facts(String overlay, String tenant, List<Kept> kept, Set<String> folders,
      Map<String, List<Synced>> synced, Set<String> owned) {
    /** The path relative to {@code output/} of a file or sub-folder named within the folder ({@link FolderId#nameOf}). */
    String path(String name) {
      return new FolderId(overlay, tenant).pathOf(name);
    }
  }

  private static final Set<String> KEPT_KINDS = Set.of("Telemetry.telemetry.istio.io",
      "ServiceMeshControlPlane.maistra.io", "Istio.sailoperator.io", "IstioRevisionTag.sailoperator.io",
      "Namespace", "ServiceMeshMember.maistra.io");

  private KeptObjects() {}

  @Override
  public String id() {
    return "kept-objects";
  }

  /** Whether a tree check reads the object whole. */
  static boolean keeps(PlacedObject placed) {
    return placed.key().group().equals("argoproj.io") || KEPT_KINDS.contains(placed.groupKind())
        || Bundles.isHub(Bundles.folderOf(placed.file().path()));
  }

  @Override
  public Facts collect(FolderObjects folder) {
    FolderId root = folder.folder();
    List<Kept> kept = new ArrayList<>();
    SortedSet<String> folders = new TreeSet<>();
    folder.files().forEach(f -> folders.add(root.nameOf(Bundles.folderOf(f.path()))));
    Map<String, Map<String, Synced>> synced = new LinkedHashMap<>();
    for (PlacedObject placed : folder.objects()) {
      String file = root.nameOf(placed.file().path());
      if (keeps(placed)) {
        kept.add(new Kept(file, compactObject(placed.object())));
      }
      ObjectKey key = placed.key();
      String kindClass = key.group() + "\0" + key.kind() + "\0"
          + (ClusterScopedKinds.contains(key) ? "\0" + key.name() : key.namespace());
      synced.computeIfAbsent(root.nameOf(Bundles.folderOf(placed.file().path())), f -> new LinkedHashMap<>())
          .putIfAbsent(kindClass, new Synced(file, key.group(), key.kind(), key.namespace(), Interned.of(key.name())));
    }
    Map<String, List<Synced>> bySubFolder = new LinkedHashMap<>();
    synced.forEach((path, classes) -> bySubFolder.put(path, List.copyOf(classes.values())));
    // Immutable sets: a run keeps two of them for each of its folders, mostly of one or two strings.
    return new Facts(folder.folder().overlay(), folder.folder().tenant(), List.copyOf(kept), Set.copyOf(folders),
        bySubFolder, Set.copyOf(folder.owned()));
  }

  /** Identity and spec only, immutable, without null values, strings shared. */
  private static Map<String, Object> compactObject(Map<String, Object> object) {
    Map<String, Object> metadata = new HashMap<>();
    if (object.get("metadata") instanceof Map<?, ?> m) {
      for (String field : List.of("name", "namespace", "labels")) {
        if (m.get(field) != null) {
          metadata.put(field, m.get(field));
        }
      }
    }
    Map<String, Object> stripped = new HashMap<>();
    for (String field : List.of("apiVersion", "kind", "spec")) {
      if (object.get(field) != null) {
        stripped.put(field, object.get(field));
      }
    }
    stripped.put("metadata", metadata);
    @SuppressWarnings("unchecked")
    Map<String, Object> compact = (Map<String, Object>) plain(compact(stripped));
    return compact;
  }

  /** {@code value} in compact form: maps and lists as {@link Shaped} ones ({@link #map}, {@link #list}). */
  private static Object compact(Object value) {
    // Strings first: the common case, and a test of a final class (see CanonicalYaml#mapping).
    if (value instanceof String s) {
      return Interned.of(s);
    }
    if (value instanceof Map<?, ?> map) {
      String[] keys = new String[map.size()];
      Object[] values = new Object[map.size()];
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        keys[i] = Interned.of(String.valueOf(entry.getKey()));
        values[i++] = entry.getValue() == null ? null : compact(entry.getValue());
      }
      return map(keys, values);
    }
    if (value instanceof List<?> list) {
      Object[] items = new Object[list.size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = list.get(i) == null ? null : compact(list.get(i));
      }
      return list(items);
    }
    return value;
  }

  /** What the cache holds read straight into compact form, with no copy made on the way. */
  private static final ValueCodec.Shapes SHAPES = new ValueCodec.Shapes() {
    @Override
    public Object string(String text) {
      return Interned.of(text);
    }

    @Override
    public Object map(String[] keys, Object[] values) {
      return KeptObjects.map(keys, values);
    }

    @Override
    public Object list(Object[] items) {
      return KeptObjects.list(items);
    }
  };

  /**
   * An immutable map or list in compact form and its hash code, worked out once from its parts':
   * a map's or list's hash code is defined by its contents, so asking each level of a nested
   * value for it would hash the deepest values once per level above them. Equal values are equal
   * keys of {@link #SHARED}: their parts are shared already, so comparing them mostly compares
   * references.
   */
  private record Shaped(Object value, int hash) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Shaped shaped && shaped.hash == hash && shaped.value.equals(value);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static Object plain(Object part) {
    return part instanceof Shaped shaped ? shaped.value() : part;
  }

  private static int hashOf(Object part) {
    return part instanceof Shaped shaped ? shaped.hash() : Objects.hashCode(part);
  }

  /** The shared map of the entries whose value is not null. */
  @SuppressWarnings("unchecked")
  private static Shaped map(String[] keys, Object[] values) {
    Map.Entry<String, Object>[] entries = new Map.Entry[keys.length];
    int size = 0;
    int hash = 0;
    for (int i = 0; i < keys.length; i++) {
      if (values[i] != null) {
        entries[size++] = Map.entry(keys[i], plain(values[i]));
        hash += keys[i].hashCode() ^ hashOf(values[i]); // Map#hashCode
      }
    }
    Map<String, Object> map;
    try {
      map = Map.ofEntries(size == entries.length ? entries : Arrays.copyOf(entries, size));
    } catch (IllegalArgumentException repeated) {
      // Two keys alike as text (a number and a string in a hand-written map): the later one wins.
      Map<String, Object> filled = new LinkedHashMap<>();
      for (int i = 0; i < keys.length; i++) {
        if (values[i] != null) {
          filled.put(keys[i], values[i]);
        }
      }
      return map(filled.keySet().toArray(new String[0]), filled.values().toArray());
    }
    return shared(new Shaped(map, hash));
  }

  /** The shared list of {@code items}, nulls kept. */
  private static Shaped list(Object[] items) {
    Object[] plain = new Object[items.length];
    boolean nulls = false;
    int hash = 1;
    for (int i = 0; i < items.length; i++) {
      plain[i] = plain(items[i]);
      nulls |= plain[i] == null;
      hash = 31 * hash + hashOf(items[i]); // List#hashCode
    }
    List<Object> list = nulls ? Collections.unmodifiableList(Arrays.asList(plain)) : List.of(plain);
    return shared(new Shaped(list, hash));
  }

  /**
   * Equal kept values, one instance: most of what folders keep is the same in every tenant (an
   * AppProject's whitelist of kinds, the mesh labels of a Namespace), and 10,000 tenants would
   * otherwise hold 10,000 copies until the tree checks run. Values are immutable, so sharing is
   * safe; the table stops growing at {@value #MAX_SHARED} values, by when the common ones are in.
   */
  private static Shaped shared(Shaped value) {
    Shaped known = SHARED.get(value);
    if (known != null) {
      return known;
    }
    if (SHARED.size() < MAX_SHARED) {
      known = SHARED.putIfAbsent(value, value);
      if (known == null) {
        ENCODINGS.put(new Identity(value.value()), UNWRITTEN);
      }
    }
    return known != null ? known : value;
  }

  private static final int MAX_SHARED = 1 << 16;
  /** Deeper than any kept object nests: more is damage. */
  private static final int MAX_DEPTH = 64;
  // Sized for the most they hold: growing, a table copies itself a dozen times, under the threads
  // that read every folder's kept objects back at once.
  private static final Map<Shaped, Shaped> SHARED = new ConcurrentHashMap<>(MAX_SHARED);

  /**
   * The encoding of each shared value, made the first time it is written: the render cache stores
   * every folder's kept objects, and a shared value (a whitelist of kinds) is in thousands of
   * them. Found by identity, as hashing a nested value costs as much as encoding it. Kept from
   * the second writing on: a value written once (a name) keeps no copy.
   */
  private static final Map<Identity, byte[]> ENCODINGS = new ConcurrentHashMap<>(MAX_SHARED);
  private static final byte[] UNWRITTEN = new byte[0];
  private static final byte[] WRITTEN_ONCE = new byte[0];

  /** A value by identity. */
  private record Identity(Object value) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Identity identity && identity.value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(value);
    }
  }

  @Override
  public void write(Facts facts, DataOutput out) throws IOException {
    ValueCodec.writeText(facts.overlay(), out);
    out.writeBoolean(facts.tenant() != null);
    if (facts.tenant() != null) {
      ValueCodec.writeText(facts.tenant(), out);
    }
    out.writeInt(facts.kept().size());
    for (Kept kept : facts.kept()) {
      ValueCodec.writeText(kept.file(), out);
      writeValue(kept.object(), out);
    }
    writeStrings(facts.folders(), out);
    out.writeInt(facts.synced().size());
    for (Map.Entry<String, List<Synced>> folder : facts.synced().entrySet()) {
      ValueCodec.writeText(folder.getKey(), out);
      out.writeInt(folder.getValue().size());
      for (Synced synced : folder.getValue()) {
        ValueCodec.writeText(synced.file(), out);
        ValueCodec.writeText(synced.group(), out);
        ValueCodec.writeText(synced.kind(), out);
        ValueCodec.writeText(synced.namespace(), out);
        ValueCodec.writeText(synced.name(), out);
      }
    }
    writeStrings(facts.owned(), out);
  }

  @Override
  public Facts read(DataInput in) throws IOException {
    String overlay = ValueCodec.readText(in);
    String tenant = in.readBoolean() ? ValueCodec.readText(in) : null;
    List<Kept> kept = new ArrayList<>();
    for (int i = ValueCodec.readCount(in); i > 0; i--) {
      String file = text(in);
      if (!(plain(ValueCodec.read(in, MAX_DEPTH, SHAPES)) instanceof Map<?, ?> object)) {
        throw new IOException("damaged kept object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) object;
      kept.add(new Kept(file, typed));
    }
    List<String> folders = new ArrayList<>();
    readStrings(in).forEach(name -> folders.add(Interned.of(name)));
    Map<String, List<Synced>> synced = new LinkedHashMap<>();
    for (int i = ValueCodec.readCount(in); i > 0; i--) {
      String folder = text(in);
      List<Synced> list = new ArrayList<>();
      for (int j = ValueCodec.readCount(in); j > 0; j--) {
        // Interned as ObjectKey.of interns them: a folder read from the cache holds what a rendered one does.
        list.add(new Synced(text(in), text(in), text(in), text(in), text(in)));
      }
      synced.put(folder, List.copyOf(list));
    }
    return new Facts(overlay, tenant, List.copyOf(kept), Set.copyOf(folders), synced, Set.copyOf(readStrings(in)));
  }

  /** A string of the facts, shared: names recur in every folder. */
  private static String text(DataInput in) throws IOException {
    return Interned.of(ValueCodec.readShared(in));
  }

  /** In order, so that equal facts give equal bytes. */
  private static void writeStrings(Set<String> strings, DataOutput out) throws IOException {
    out.writeInt(strings.size());
    for (String s : new TreeSet<>(strings)) {
      ValueCodec.writeText(s, out);
    }
  }

  private static List<String> readStrings(DataInput in) throws IOException {
    List<String> strings = new ArrayList<>();
    for (int i = ValueCodec.readCount(in); i > 0; i--) {
      strings.add(ValueCodec.readText(in));
    }
    return strings;
  }

  private static void writeValue(Object value, DataOutput out) throws IOException {
    Identity identity = value instanceof Map || value instanceof List ? new Identity(value) : null;
    byte[] known = identity == null ? null : ENCODINGS.get(identity);
    if (known == null || known == UNWRITTEN) {
      if (known == UNWRITTEN) {
        ENCODINGS.put(identity, WRITTEN_ONCE); // most shared values are in one folder only
      }
      encode(value, out);
      return;
    }
    if (known == WRITTEN_ONCE) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      encode(value, new DataOutputStream(bytes));
      known = bytes.toByteArray();
      ENCODINGS.put(identity, known);
    }
    out.write(known);
  }

  /** Keys in order, so that equal values give equal bytes; shared values inside through {@link #writeValue}. */
  private static void encode(Object value, DataOutput out) throws IOException {
    ValueCodec.write(value, out, true, KeptObjects::writeValue);
  }

  /**
   * A kept object as the checks see it, in a file of its folder.
   *
   * @param files the files of the folder made so far, by name: its objects share them
   */
  static PlacedObject placed(Facts facts, Kept kept, Map<String, RenderedFile> files) {
    return new PlacedObject(file(facts, kept.file(), files), kept.object(), ObjectKey.of(kept.object()), 0);
  }

  /** The stand-in of a kind (and namespace or name) of a folder; {@code files} as for the kept objects. */
  static PlacedObject placed(Facts facts, Synced synced, Map<String, RenderedFile> files) {
    return new PlacedObject(file(facts, synced.file(), files), Map.of(), synced.key(), 0);
  }

  private static RenderedFile file(Facts facts, String name, Map<String, RenderedFile> files) {
    return files.computeIfAbsent(name, n -> new RenderedFile(facts.path(n), facts.overlay(), facts.tenant(), null, "",
        List.of(), List.of()));
  }
}
