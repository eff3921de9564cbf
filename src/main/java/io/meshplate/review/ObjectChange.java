package io.meshplate.review;

import io.meshplate.manifest.ObjectKey;
import java.util.Comparator;
import java.util.List;

/**
 * An object added, removed or changed in one overlay.
 *
 * @param tenant the tenant folder the object lives in, or null for {@code <overlay>/platform/}
 * @param file output path relative to {@code output/} (the head side's, or the base's if removed)
 * @param fields field-level changes; empty for added and removed objects
 */
public record ObjectChange(
    Type type, String overlay, String tenant, String file, ObjectKey key, List<FieldChange> fields)
    implements Comparable<ObjectChange> {

  /** What happened to the object. */
  public enum Type { ADDED, REMOVED, CHANGED }

  static final Comparator<ObjectChange> ORDER =
      Comparator.comparing(ObjectChange::overlay)
          .thenComparing(c -> c.tenant() == null ? "" : c.tenant())
          .thenComparing(ObjectChange::key);

  public ObjectChange {
    fields = List.copyOf(fields);
  }

  @Override
  public int compareTo(ObjectChange other) {
    return ORDER.compare(this, other);
  }
}
