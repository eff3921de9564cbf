package io.meshplate.cache;

import io.meshplate.BytesIn;
import io.meshplate.descriptor.ContentMemo;
import io.meshplate.output.Sealed;
import io.meshplate.yaml.StrictYaml;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ContentMemo} in {@code .meshplate/cache/descriptors}: for each descriptor content of the
 * last run (by SHA-256), the document it parsed to with its positions, and whether it passed the
 * JSON Schema, under the id of the build that learned it. {@link Sealed}: a damaged file, or one
 * of another build, reads as empty. Saved after a run whose descriptors all loaded, with exactly
 * that run's contents, when anything changed.
 */
public final class DescriptorMemo implements ContentMemo {
  private static final String FORMAT = "meshplate-descriptors 1";

  /** What is known of one content: its parsed document (encoded, may be null) and its schema verdict. */
  private record Known(byte[] document, boolean passed) {}

  private final Path file;
  private final byte[] build;
  private final Map<String, Known> before;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private final Map<String, Boolean> passed = new ConcurrentHashMap<>();

  private DescriptorMemo(Path file, byte[] build, Map<String, Known> before) {
    this.file = file;
    this.build = build;
    this.before = before;
  }

  public static ContentMemo open(CacheDir cache) {
    if (!cache.enabled()) {
      return ContentMemo.NONE;
    }
    Path file = cache.dir().resolve("descriptors");
    return new DescriptorMemo(file, cache.build(), read(file, cache.build()));
  }

  @Override
  public boolean passed(byte[] contentDigest) {
    Known known = before.get(hex(contentDigest));
    return known != null && known.passed();
  }

  @Override
  public void remember(byte[] contentDigest) {
    passed.put(hex(contentDigest), Boolean.TRUE);
  }

  @Override
  public StrictYaml.Document parsed(byte[] contentDigest, String file) {
    String hex = hex(contentDigest);
    Known known = before.get(hex);
    if (known == null || known.document() == null) {
      return null;
    }
    try {
      StrictYaml.Document document = StrictYaml.Document.decode(file, known.document());
      documents.put(hex, known.document());
      return document;
    } catch (IOException | RuntimeException damaged) {
      return null;
    }
  }

  @Override
  public void parsed(byte[] contentDigest, StrictYaml.Document document) {
    try {
      documents.put(hex(contentDigest), document.encode());
    } catch (RuntimeException notKept) {
      // a tree the codec does not carry is parsed again next run
    }
  }

  /** Saves what this run learned; failing to only costs time next run. */
  public static void save(ContentMemo memo) {
    if (memo instanceof DescriptorMemo own) {
      own.write();
    }
  }

  private void write() {
    Map<String, Known> now = new TreeMap<>();
    documents.forEach((hex, document) -> now.put(hex, new Known(document, passed.containsKey(hex))));
    passed.keySet().forEach(hex -> now.putIfAbsent(hex, new Known(null, true)));
    if (same(now)) {
      return;
    }
    Path temp = file.resolveSibling("descriptors.tmp");
    try {
      Files.createDirectories(file.getParent());
      try (DataOutputStream out = new DataOutputStream(Sealed.sealing(
          new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)))) {
        out.writeUTF(FORMAT);
        out.writeInt(build.length);
        out.write(build);
        out.writeInt(now.size());
        for (Map.Entry<String, Known> one : now.entrySet()) {
          out.writeUTF(one.getKey());
          out.writeBoolean(one.getValue().passed());
          byte[] document = one.getValue().document();
          out.writeInt(document == null ? -1 : document.length);
          if (document != null) {
            out.write(document);
          }
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // replaced next time
      }
    }
  }

  /** Whether {@code now} is what the file holds: the same contents, verdicts and documents. */
  private boolean same(Map<String, Known> now) {
    if (now.size() != before.size()) {
      return false;
    }
    for (Map.Entry<String, Known> one : now.entrySet()) {
      Known old = before.get(one.getKey());
      if (old == null || old.passed() != one.getValue().passed()
          || !Arrays.equals(old.document(), one.getValue().document())) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Known> read(Path file, byte[] build) {
    if (!file.toFile().isFile()) {
      return Map.of(); // nothing kept yet, told without the exception the file API throws
    }
    try {
      byte[] all = Files.readAllBytes(file);
      try (DataInputStream in = BytesIn.of(all, Sealed.open(all))) {
        if (!FORMAT.equals(in.readUTF()) || in.readInt() != build.length) {
          return Map.of();
        }
        byte[] writtenBy = new byte[build.length];
        in.readFully(writtenBy);
        if (!Arrays.equals(writtenBy, build)) {
          return Map.of();
        }
        Map<String, Known> known = new HashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
          String hex = in.readUTF();
          boolean passed = in.readBoolean();
          int length = in.readInt();
          if (length > in.available()) {
            return Map.of();
          }
          byte[] document = null;
          if (length >= 0) {
            document = new byte[length];
            in.readFully(document);
          }
          known.put(hex, new Known(document, passed));
        }
        return in.read() == -1 ? known : Map.of();
      }
    } catch (IOException | RuntimeException absentOrDamaged) {
      return Map.of();
    }
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
