package io.meshplate;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

/**
 * A record's components read from their fields, not through their accessors: an accessor called
 * through reflection ({@code Method.invoke}) looks up its caller on every call, which cost more
 * than the rest of what the codecs and digests that read records do with a component. A record's
 * private field of each component holds what its accessor returns unless the accessor is written
 * out to compute something else; the records read this way (template models, connectivity
 * facts) are plain data, and those that write an accessor out only return a copy.
 */
public final class RecordFields {
  private RecordFields() {}

  /** The fields of {@code type}'s components, in component order, readable by {@link #read}. */
  public static Field[] of(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Field[] fields = new Field[components.length];
    for (int i = 0; i < components.length; i++) {
      try {
        fields[i] = type.getDeclaredField(components[i].getName());
        fields[i].setAccessible(true);
      } catch (NoSuchFieldException | RuntimeException e) {
        throw new IllegalStateException("cannot read the component " + components[i] + " of " + type.getName(), e);
      }
    }
    return fields;
  }

  /** The value of the component {@code field} (one of {@link #of}) of {@code record}. */
  public static Object read(Field field, Object record) {
    try {
      return field.get(record);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }
}
