package io.meshplate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a record whose equals and hashCode are written out against what the generated ones
 * would do: equal to a copy, unequal as soon as any one component differs, and the hash the JDK
 * combines (each component's hash added to 31 times the hash so far, from 0), so the iteration
 * order of the sets and maps it keys stays what it was.
 */
public final class RecordEquality {
  private RecordEquality() {}

  /**
   * @param sample an instance with no null component
   * @param others a value of each component type other than the sample's, for types other than
   *     String, int, long, boolean and enums (which this finds itself)
   */
  public static void check(Record sample, Map<Class<?>, Object> others) throws ReflectiveOperationException {
    checkEqualityOnly(sample, others);
    int hash = 0;
    for (RecordComponent component : sample.getClass().getRecordComponents()) {
      component.getAccessor().setAccessible(true);
      hash = hash * 31 + Objects.hashCode(component.getAccessor().invoke(sample));
    }
    assertThat(sample.hashCode()).as("the JDK's record hash").isEqualTo(hash);
  }

  /** As {@link #check}, for a record whose hash is its own (fewer components than equality reads). */
  public static void checkEqualityOnly(Record sample, Map<Class<?>, Object> others) throws ReflectiveOperationException {
    RecordComponent[] components = sample.getClass().getRecordComponents();
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Constructor<?> constructor = sample.getClass().getDeclaredConstructor(types);
    constructor.setAccessible(true);
    List<Object> values = new ArrayList<>();
    for (RecordComponent component : components) {
      component.getAccessor().setAccessible(true);
      values.add(component.getAccessor().invoke(sample));
    }
    Object copy = constructor.newInstance(values.toArray());
    assertThat(copy).isEqualTo(sample).isNotSameAs(sample).hasSameHashCodeAs(sample);
    assertThat(sample).isNotEqualTo(null).isNotEqualTo(values.get(0));
    for (int i = 0; i < components.length; i++) {
      List<Object> changed = new ArrayList<>(values);
      changed.set(i, other(values.get(i), types[i], others));
      assertThat(constructor.newInstance(changed.toArray()))
          .as("%s with another %s", sample.getClass().getSimpleName(), components[i].getName())
          .isNotEqualTo(sample);
    }
  }

  private static Object other(Object value, Class<?> type, Map<Class<?>, Object> others) {
    if (type == String.class) {
      return value + "-other";
    }
    if (type == int.class) {
      return (Integer) value + 1;
    }
    if (type == long.class) {
      return (Long) value + 1;
    }
    if (type == boolean.class) {
      return !(Boolean) value;
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[(((Enum<?>) value).ordinal() + 1) % constants.length];
    }
    Object other = others.get(type);
    if (other == null || other.equals(value)) {
      throw new IllegalArgumentException("give another value of " + type.getName() + " than " + value);
    }
    return other;
  }
}
