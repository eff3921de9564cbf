package io.meshplate.descriptor;

/**
 * Remembers descriptor contents the JSON Schema found nothing wrong with, as written and with
 * each of their environment overrides, so an unchanged file is not validated again (the schema check is most of the cost of reading a descriptor). Keyed by
 * the SHA-256 of the file's bytes; an implementation must forget everything when the code (and
 * so the schema) changes.
 */
public interface SchemaMemo {
  /** Remembers nothing. */
  SchemaMemo NONE = new SchemaMemo() {
    @Override
    public boolean passed(byte[] contentDigest) {
      return false;
    }

    @Override
    public void remember(byte[] contentDigest) {
      // nothing to keep
    }
  };

  /** True when a file with this content passed the schema before. */
  boolean passed(byte[] contentDigest);

  /** Records that a file with this content passes the schema; thread-safe. */
  void remember(byte[] contentDigest);
}
