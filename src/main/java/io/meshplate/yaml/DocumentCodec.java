package io.meshplate.yaml;

import io.meshplate.BytesIn;
import io.meshplate.BytesOut;
import io.meshplate.Interned;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A parsed document with its positions as bytes and back, so that a descriptor whose content
 * was read before is not parsed again (parsing with positions is most of the cost of reading a
 * descriptor that passed the schema before). The tree, which has the types {@link StrictYaml}
 * builds, goes through {@link ValueCodec} in document order; then the positions, table by table.
 */
final class DocumentCodec {
  private DocumentCodec() {}

  static byte[] encode(StrictYaml.Document document) {
    BytesOut bytes = new BytesOut(4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      ValueCodec.write(document.root(), out);
      for (PositionTable table : document.positions().tables()) {
        out.writeInt(table.size());
        table.forEach((pointer, position) -> {
          try {
            ValueCodec.writeText(pointer, out);
            out.writeLong(position);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The document {@link #encode} wrote, its positions in {@code file}.
   *
   * @throws IOException the bytes are damaged
   */
  static StrictYaml.Document decode(String file, byte[] bytes) throws IOException {
    DataInputStream in = BytesIn.of(bytes);
    Object root = ValueCodec.read(in, YamlLimits.PLATFORM.maxDepth());
    SourceMap positions = new SourceMap(file);
    for (PositionTable table : positions.tables()) {
      for (int i = ValueCodec.readCount(in); i > 0; i--) {
        table.putPacked(Interned.of(ValueCodec.readShared(in)), in.readLong());
      }
    }
    if (in.read() != -1) {
      throw new IOException("trailing bytes");
    }
    // Decoded for a run that keeps it (a descriptor known from an earlier run).
    return new StrictYaml.Document(root, positions).kept();
  }
}
