package io.meshplate.policy;

import io.meshplate.BytesIn;
import io.meshplate.BytesOut;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facts of one folder for every registered {@link FolderFacts}, and their bytes for the cache. */
public final class FactSet {
  private final Map<String, Object> byId;

  private FactSet(Map<String, Object> byId) {
    this.byId = byId;
  }

  /** Collects every kind of facts from one folder. */
  public static FactSet collect(List<FolderFacts<?>> kinds, FolderObjects folder) {
    Map<String, Object> facts = new LinkedHashMap<>();
    for (FolderFacts<?> kind : kinds) {
      facts.put(kind.id(), kind.collect(folder));
    }
    return new FactSet(facts);
  }

  /** The facts of one kind; null when this set was made without it. */
  @SuppressWarnings("unchecked")
  public <F> F get(FolderFacts<F> kind) {
    return (F) byId.get(kind.id());
  }

  /** The facts as bytes, in the order of {@code kinds}. */
  public byte[] toBytes(List<FolderFacts<?>> kinds) {
    BytesOut bytes = new BytesOut(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (FolderFacts<?> kind : kinds) {
        out.writeUTF(kind.id());
        write(kind, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private <F> void write(FolderFacts<F> kind, DataOutputStream out) throws IOException {
    kind.write(get(kind), out);
  }

  /**
   * Reads what {@link #toBytes} wrote with the same kinds.
   *
   * @throws IOException when the bytes were written for other kinds or are damaged
   */
  public static FactSet fromBytes(List<FolderFacts<?>> kinds, byte[] bytes) throws IOException {
    Map<String, Object> facts = new LinkedHashMap<>();
    try (DataInputStream in = BytesIn.of(bytes)) {
      for (FolderFacts<?> kind : kinds) {
        if (!kind.id().equals(in.readUTF())) {
          throw new IOException("facts of another kind");
        }
        facts.put(kind.id(), kind.read(in));
      }
      if (in.read() != -1) {
        throw new IOException("trailing bytes after the facts");
      }
    }
    return new FactSet(facts);
  }
}
