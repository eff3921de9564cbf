package io.meshplate.cache;

import io.meshplate.Sha256;
import io.meshplate.Workspace;
import io.meshplate.descriptor.ContentMemo;
import io.meshplate.yaml.StrictYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ContentMemo} in {@code .meshplate/cache/descriptors}: for each descriptor content of the
 * last run (by SHA-256), the document it parsed to with its positions, and whether it passed the
 * JSON Schema, the documents of the platform files it read ({@link ContentMemo#read}), and the
 * inputs of the last few validations that passed every check ({@link ContentMemo#validatedBefore}),
 * in a {@link PackFile} of the build that learned it: a damaged file, or one of another build,
 * reads as empty. Saved after a run whose descriptors and overlays all loaded, with exactly that
 * run's contents, when anything changed.
 */
public final class DescriptorMemo implements ContentMemo {
  private static final String FORMAT = "meshplate-descriptors 3";
  /** Validations kept: a few, so switching between branches does not check everything again each time. */
  private static final int VALIDATIONS = 4;

  /** What is known of one content: its parsed document (encoded, may be null) and its schema verdict. */
  private record Known(byte[] document, boolean passed) {}

  /** What the file holds: each content's verdicts, and the keys of validations that passed, latest first. */
  private record Memo(Map<String, Known> contents, List<byte[]> validations) {
    static final Memo EMPTY = new Memo(Map.of(), List.of());
  }

  private final Path file;
  private final byte[] build;
  private final Workspace workspace;
  private final Map<String, Known> before;
  private final List<byte[]> validationsBefore;
  /** Every file below templates/ as the memo was opened, before a validation read any; null when unreadable. */
  private final byte[] templates;
  private volatile byte[] validatedNow;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private final Map<String, Boolean> passed = new ConcurrentHashMap<>();

  private DescriptorMemo(Path file, byte[] build, Workspace workspace, Memo before) {
    this.file = file;
    this.build = build;
    this.workspace = workspace;
    this.before = before.contents();
    this.validationsBefore = before.validations();
    this.templates = InputDigest.templates(workspace);
  }

  /**
   * The memo of {@code workspace}'s cache, or one that remembers nothing when the cache is off.
   * Open it before a validation reads anything below {@code templates/}: the memo digests those
   * files first, as {@link RunRecord} digests every input before a run reads it.
   */
  public static ContentMemo open(CacheDir cache, Workspace workspace) {
    if (!cache.enabled()) {
      return ContentMemo.NONE;
    }
    Path file = cache.dir().resolve("descriptors");
    return new DescriptorMemo(file, cache.build(), workspace, read(file, cache.build()));
  }

  @Override
  public boolean validatedBefore(byte[] descriptors) {
    byte[] key = validationKey(descriptors);
    if (key == null || !RecentKeys.contains(validationsBefore, key)) {
      return false;
    }
    validatedNow = key; // kept first again, so the validations in use are the last to go
    return true;
  }

  @Override
  public void validated(byte[] descriptors) {
    // Only when the files below templates/ are as they were before the checks read them: a
    // change made while they ran must not be remembered as checked.
    if (Arrays.equals(templates, InputDigest.templates(workspace))) {
      validatedNow = validationKey(descriptors);
    }
  }

  /** The descriptors' digest with every file below templates/ (the platform values, the overlays); null when they could not be read. */
  private byte[] validationKey(byte[] descriptors) {
    if (templates == null) {
      return null;
    }
    MessageDigest digest = Sha256.digest();
    digest.update(descriptors);
    return digest.digest(templates);
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
    List<byte[]> validations = validations();
    if (same(now) && RecentKeys.same(validations, validationsBefore)) {
      return;
    }
    PackFile.write(file, FORMAT, build, out -> {
      out.writeInt(now.size());
      for (Map.Entry<String, Known> one : now.entrySet()) {
        out.writeUTF(one.getKey());
        out.writeBoolean(one.getValue().passed());
        byte[] document = one.getValue().document();
        out.writeBoolean(document != null);
        if (document != null) {
          PackFile.write(out, document);
        }
      }
      RecentKeys.write(out, validations);
    });
  }

  /** The validations to keep: this run's first when it passed, then the earlier ones, a few. */
  private List<byte[]> validations() {
    byte[] latest = validatedNow;
    return latest == null ? validationsBefore : RecentKeys.withFirst(latest, validationsBefore, VALIDATIONS);
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

  private static Memo read(Path file, byte[] build) {
    Memo memo = PackFile.read(file, FORMAT, build, in -> {
      Map<String, Known> read = new HashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        String hex = in.readUTF();
        boolean passed = in.readBoolean();
        read.put(hex, new Known(in.readBoolean() ? PackFile.bytes(in) : null, passed));
      }
      return new Memo(read, RecentKeys.read(in, VALIDATIONS));
    });
    return memo == null ? Memo.EMPTY : memo;
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
