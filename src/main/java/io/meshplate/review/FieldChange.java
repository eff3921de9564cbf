package io.meshplate.review;

import java.util.List;

/**
 * One changed field of an object.
 *
 * @param path JSON Pointer into the object ({@code /spec/rules/0/from/0/source/principals})
 * @param before the old value (a scalar, or a map/list tree), null when the field is new
 * @param after the new value, null when the field was removed
 * @param added for a list of scalars compared as a set: the entries added (else empty)
 * @param removed for a list of scalars compared as a set: the entries removed (else empty)
 */
public record FieldChange(String path, Object before, Object after, List<String> added, List<String> removed) {
  public FieldChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** True when the change is a set difference of a scalar list rather than a replaced value. */
  public boolean isSetChange() {
    return !added.isEmpty() || !removed.isEmpty();
  }
}
