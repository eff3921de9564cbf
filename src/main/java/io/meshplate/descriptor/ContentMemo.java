package io.meshplate.descriptor;

import io.meshplate.yaml.StrictYaml;

/**
 * What the last run learned from each descriptor content, so an unchanged file is neither parsed
 * nor checked against the JSON Schema again (the two are most of the cost of reading a
 * descriptor): the document it parsed to, with its positions, and whether the schema found
 * nothing wrong with it, as written and with each of its environment overrides. Keyed by the
 * SHA-256 of the file's bytes; an implementation must forget everything when the code (and so
 * the parser and the schema) changes.
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
    public StrictYaml.Document parsed(byte[] contentDigest, String file) {
      return null;
    }

    @Override
    public void parsed(byte[] contentDigest, StrictYaml.Document document) {
      // nothing to keep
    }
  };

  /** True when a file with this content passed the schema before. */
  boolean passed(byte[] contentDigest);

  /** Records that a file with this content passes the schema; thread-safe. */
  void remember(byte[] contentDigest);

  /** The document a file with this content parsed to without a problem, its positions in {@code file}; or null. */
  StrictYaml.Document parsed(byte[] contentDigest, String file);

  /** Records the document a file with this content parsed to without a problem; thread-safe. */
  void parsed(byte[] contentDigest, StrictYaml.Document document);
}
