package io.meshplate.descriptor;

import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Descriptor documents shared by the validations of one review: it validates the descriptors of
 * both its sides, and all but the changed ones are the same file with the same bytes. A document
 * one side parsed, and a content one side found to pass the JSON Schema, serve the other side as
 * they are, instead of a second parse and a second tree: on 10,000 tenants each side's descriptors
 * held some 140 MB, and parsing and checking them was most of a side's validation. Each side still
 * reads through its own memo first ({@link #over}), which keeps what it saves for the next run.
 *
 * <p>Documents are keyed by content and file, since a document carries the positions of its file;
 * they are only read once parsed (an overlay's view of a descriptor is a merged copy).
 */
public final class SharedDocuments {
  private record Key(String digest, String file) {
    // Written out: a record's generated equals and hashCode are linked through method handles on
    // their first call, some milliseconds of every review.
    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && Objects.equals(digest, k.digest) && Objects.equals(file, k.file);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(digest) * 31 + Objects.hashCode(file);
    }
  }

  private final Map<Key, StrictYaml.Document> documents = new ConcurrentHashMap<>();
  private final Set<String> passed = ConcurrentHashMap.newKeySet();

  /** A memo that answers from {@code own} first, then from what the other validations learned. */
  public ContentMemo over(ContentMemo own) {
    return new ContentMemo() {
      @Override
      public boolean passed(byte[] contentDigest) {
        return own.passed(contentDigest) || passed.contains(hex(contentDigest));
      }

      @Override
      public void remember(byte[] contentDigest) {
        passed.add(hex(contentDigest));
        own.remember(contentDigest);
      }

      @Override
      public StrictYaml.Document parsed(byte[] contentDigest, String file) {
        Key key = new Key(hex(contentDigest), file);
        StrictYaml.Document shared = documents.get(key);
        if (shared != null) {
          own.parsed(contentDigest, shared);
          return shared;
        }
        StrictYaml.Document known = own.parsed(contentDigest, file);
        if (known != null) {
          documents.putIfAbsent(key, known);
        }
        return known;
      }

      @Override
      public void parsed(byte[] contentDigest, StrictYaml.Document document) {
        documents.putIfAbsent(new Key(hex(contentDigest), document.positions().file()), document);
        own.parsed(contentDigest, document);
      }

      @Override
      public StrictYaml.Document read(String file, byte[] content, YamlLimits limits) {
        return own.read(file, content, limits);
      }
    };
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
