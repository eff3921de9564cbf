package io.meshplate.policy;

import io.meshplate.BytesIn;
import io.meshplate.BytesOut;
import io.meshplate.Sha256;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The facts of one folder for every registered {@link FolderFacts}, and their bytes for the cache.
 * Each kind is stored with the SHA-256 of its encoding, so a run can tell that a kind's facts are
 * what an earlier run checked without reading them ({@link Invariants#treeKey}). A set read from
 * the cache decodes a kind on first use only, and may hold no more than the digest of a kind it is
 * told it will rarely need, reading the bytes again from where they came when it is asked for:
 * after a descriptor change, the whole-tree checks usually find every folder's kept objects as
 * they passed last time and never read them, and a run over 10,000 tenants would otherwise hold
 * some 250 MB of them until it ends.
 */
public final class FactSet {
  private static final int DIGEST = 32;

  /** Gives the bytes a set was read from again. */
  @FunctionalInterface
  public interface Source {
    byte[] bytes() throws IOException;
  }

  private final List<FolderFacts<?>> kinds;
  /** Where the bytes of a kind held by digest only come from again; null when every kind is held. */
  private final Source source;
  /** By kind: the facts, once collected or decoded. */
  private final Object[] facts;
  /** By kind: the encoding, until decoded (a set collected this run encodes on demand). */
  private final byte[][] encoded;
  /** By kind: the SHA-256 of the encoding, once known. */
  private final byte[][] digests;

  private FactSet(List<FolderFacts<?>> kinds, Object[] facts, byte[][] encoded, byte[][] digests, Source source) {
    this.kinds = kinds;
    this.source = source;
    this.facts = facts;
    this.encoded = encoded;
    this.digests = digests;
  }

  /** Collects every kind of facts from one folder. */
  public static FactSet collect(List<FolderFacts<?>> kinds, FolderObjects folder) {
    Object[] facts = new Object[kinds.size()];
    for (int i = 0; i < facts.length; i++) {
      facts[i] = kinds.get(i).collect(folder);
    }
    return new FactSet(kinds, facts, new byte[facts.length][], new byte[facts.length][], null);
  }

  /** The facts of one kind; null when this set was made without it. */
  @SuppressWarnings("unchecked")
  public synchronized <F> F get(FolderFacts<F> kind) {
    int i = indexOf(kind);
    if (i < 0) {
      return null;
    }
    if (facts[i] == null) {
      if (encoded[i] == null) {
        encoded[i] = reread(i);
      }
      try (DataInputStream in = BytesIn.of(encoded[i])) {
        facts[i] = kind.read(in);
        if (in.read() != -1) {
          throw new IOException("trailing bytes after the facts of " + kind.id());
        }
      } catch (IOException e) {
        // The bytes passed the cache entry's checksum: only a defect of the codec gets here.
        throw new UncheckedIOException("cached facts of " + kind.id() + " do not decode", e);
      }
      encoded[i] = null;
    }
    return (F) facts[i];
  }

  /**
   * Holds every kind but those in {@code kept} by digest only, when the set can read its bytes
   * again ({@link #read(List, DataInputStream, Set, Source)}; a set without a source keeps them): their
   * facts are read back, and proven by their digest, if they are asked for again. A render checks
   * an overlay's invariants once its folders are done, and only the whole-tree facts are needed
   * after that.
   */
  public synchronized void keepOnly(Set<String> kept) {
    if (source == null) {
      return;
    }
    for (int i = 0; i < kinds.size(); i++) {
      if (!kept.contains(kinds.get(i).id())) {
        digestOf(i);
        facts[i] = null;
        encoded[i] = null;
      }
    }
  }

  /** The SHA-256 of one kind's encoding; null when this set was made without it. */
  public synchronized byte[] digest(FolderFacts<?> kind) {
    int i = indexOf(kind);
    return i < 0 ? null : digestOf(i);
  }

  private byte[] digestOf(int i) {
    return digests[i] != null ? digests[i] : digestOf(i, encodingOf(i));
  }

  /** The digest of kind {@code i}, made from {@code encoding} (its encoding) when not known yet. */
  private byte[] digestOf(int i, byte[] encoding) {
    if (digests[i] == null) {
      digests[i] = Sha256.of(encoding);
    }
    return digests[i];
  }

  private byte[] encodingOf(int i) {
    if (encoded[i] != null) {
      return encoded[i];
    }
    if (facts[i] == null) {
      return reread(i);
    }
    BytesOut bytes = new BytesOut(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(kinds.get(i), facts[i], out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <F> void write(FolderFacts<F> kind, Object facts, DataOutputStream out) throws IOException {
    kind.write((F) facts, out);
  }

  /** The facts as bytes, each kind with its length and digest, in the order of the kinds. */
  public synchronized byte[] toBytes() {
    byte[][] encodings = new byte[kinds.size()][];
    int size = 0;
    for (int i = 0; i < encodings.length; i++) {
      encodings[i] = encodingOf(i);
      size += 2 + kinds.get(i).id().length() + Integer.BYTES + encodings[i].length + DIGEST;
    }
    BytesOut bytes = new BytesOut(size); // the ids are ASCII: exactly what is written
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (int i = 0; i < kinds.size(); i++) {
        byte[] encoding = encodings[i];
        out.writeUTF(kinds.get(i).id());
        out.writeInt(encoding.length);
        out.write(encoding);
        out.write(digestOf(i, encoding));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The encoding of kind {@code i}, from the source, as long as it is the one its digest names. */
  private byte[] reread(int i) {
    byte[][] encoded = new byte[kinds.size()][];
    byte[][] again = new byte[kinds.size()][];
    try {
      readKinds(kinds, source.bytes(), encoded, again);
    } catch (IOException e) {
      throw new UncheckedIOException("the cached facts of " + kinds.get(i).id() + " cannot be read again", e);
    }
    if (!Arrays.equals(again[i], digests[i])) {
      throw new IllegalStateException("the cached facts of " + kinds.get(i).id() + " changed while the run read them");
    }
    return encoded[i];
  }

  /**
   * Reads what {@link #toBytes} wrote with the same kinds: their ids, lengths and digests now,
   * each kind's facts when first asked for.
   *
   * @throws IOException when the bytes were written for other kinds or are damaged
   */
  public static FactSet fromBytes(List<FolderFacts<?>> kinds, byte[] bytes) throws IOException {
    try (DataInputStream in = BytesIn.of(bytes)) {
      return read(kinds, in, Set.of(), null);
    }
  }

  /**
   * As {@link #fromBytes(List, byte[])}, from the rest of {@code in}, holding only the digest of
   * each kind in {@code byDigest}: its bytes are skipped, not copied (they are most of a folder's
   * facts: its kept objects), and read again from {@code source} (which gives what {@code in}
   * held) when its facts are asked for.
   */
  public static FactSet read(List<FolderFacts<?>> kinds, DataInputStream in, Set<String> byDigest, Source source)
      throws IOException {
    byte[][] encoded = new byte[kinds.size()][];
    byte[][] digests = new byte[kinds.size()][];
    readKinds(kinds, in, encoded, digests, byDigest);
    return new FactSet(kinds, new Object[kinds.size()], encoded, digests, source);
  }

  private static void readKinds(List<FolderFacts<?>> kinds, byte[] bytes, byte[][] encoded, byte[][] digests)
      throws IOException {
    try (DataInputStream in = BytesIn.of(bytes)) {
      readKinds(kinds, in, encoded, digests, Set.of());
    }
  }

  /** Reads each kind's encoding (none for a kind in {@code skipped}) and digest, to the end of {@code in}. */
  private static void readKinds(List<FolderFacts<?>> kinds, DataInputStream in, byte[][] encoded, byte[][] digests,
      Set<String> skipped) throws IOException {
    for (int i = 0; i < encoded.length; i++) {
      String id = kinds.get(i).id();
      if (!id.equals(in.readUTF())) {
        throw new IOException("facts of another kind");
      }
      int length = in.readInt();
      if (length < 0 || length > in.available() - DIGEST) {
        throw new IOException("damaged length of " + id);
      }
      if (skipped.contains(id)) {
        in.skipNBytes(length);
      } else {
        encoded[i] = new byte[length];
        in.readFully(encoded[i]);
      }
      digests[i] = new byte[DIGEST];
      in.readFully(digests[i]);
    }
    if (in.read() != -1) {
      throw new IOException("trailing bytes after the facts");
    }
  }

  private int indexOf(FolderFacts<?> kind) {
    for (int i = 0; i < kinds.size(); i++) {
      if (kinds.get(i).id().equals(kind.id())) {
        return i;
      }
    }
    return -1;
  }
}
