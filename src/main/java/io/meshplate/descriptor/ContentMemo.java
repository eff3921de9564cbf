package io.meshplate.descriptor;

import io.meshplate.Sha256;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What the last run learned from each descriptor content, so an unchanged file is neither parsed
 * nor checked against the JSON Schema again (the two are most of the cost of reading a
 * descriptor): the document it parsed to, with its positions, and whether the schema found
 * nothing wrong with it, as written and with each of its environment overrides. Keyed by the
 * SHA-256 of the file's bytes; an implementation must forget everything when the code (and so
 * the parser and the schema) changes. The platform files every run reads go through it too
 * ({@link #read}).
 */
public interface ContentMemo {
  /** Remembers nothing. */
  ContentMemo NONE = new ContentMemo() {
    @Override
    public boolean passed(byte[] contentDigest) {
      return false;
    }

    @Override
    public void remember(byte[] contentDigest) {
      // nothing to keep
    }

    @Override
    public StrictYaml.Document read(String file, byte[] content, YamlLimits limits) {
      return StrictYaml.read(file, content, limits);
    }
  };

  /** True when a file with this content passed the schema before. */
  boolean passed(byte[] contentDigest);

  /** Records that a file with this content passes the schema; thread-safe. */
  void remember(byte[] contentDigest);

  /**
   * The document a file with this content parsed to without a problem, its positions in
   * {@code file}; or null (a memo that keeps no documents).
   */
  default StrictYaml.Document parsed(byte[] contentDigest, String file) {
    return null;
  }

  /** Records the document a file with this content parsed to without a problem; thread-safe. */
  default void parsed(byte[] contentDigest, StrictYaml.Document document) {
    // a memo that keeps no documents
  }

  /**
   * Whether a validation of this build passed every check (the descriptors' schema and rules,
   * the overlays', the guardrails across tenants) over descriptors whose names and contents
   * digest to {@code descriptors} ({@link DescriptorLoader.Loaded#digest}), with the files below
   * {@code templates/} as they were when this memo was opened. Those checks are a function of
   * these inputs, so a run over the same ones need not repeat them.
   */
  default boolean validatedBefore(byte[] descriptors) {
    return false;
  }

  /**
   * Records that a validation passed every check over {@code descriptors} and the files below
   * {@code templates/} (unless those changed while it ran).
   */
  default void validated(byte[] descriptors) {
    // nothing to keep
  }

  /**
   * A platform file (the platform values, an overlay, the version table) read under {@code limits}:
   * as it parsed before when its content is known, else parsed and remembered. Every run reads
   * them, and a {@code reach} over an unchanged tree has nothing else to parse: it then never
   * starts the YAML parser. Keyed by the limits and the bytes, so they never stand for a
   * descriptor's content.
   *
   * @throws io.meshplate.InvalidInputException as {@link StrictYaml#read} (nothing is remembered)
   */
  default StrictYaml.Document read(String file, byte[] content, YamlLimits limits) {
    byte[] digest = platformDigest(content, limits);
    StrictYaml.Document known = parsed(digest, file);
    if (known != null) {
      return known;
    }
    StrictYaml.Document document = StrictYaml.read(file, content, limits);
    parsed(digest, document);
    return document;
  }

  private static byte[] platformDigest(byte[] content, YamlLimits limits) {
    MessageDigest digest = Sha256.digest();
    // The limits as numbers, not the record's toString: that is linked through method handles on
    // its first call, some milliseconds of every command that reads the platform configuration.
    digest.update("platform".getBytes(StandardCharsets.US_ASCII));
    digest.update(ByteBuffer.allocate(4 * Integer.BYTES).putInt(limits.maxBytes()).putInt(limits.maxDepth())
        .putInt(limits.maxScalarLength()).putInt(limits.maxNodes()).array());
    return digest.digest(content);
  }
}
