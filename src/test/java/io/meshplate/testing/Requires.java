package io.meshplate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class (or method) that needs something outside the repository: the upstream files in
 * {@code shared/} next to the project, or {@code kubectl} on the PATH. Outside CI a missing
 * requirement disables the tests with the reason, so every test counts as skipped (an abort in
 * {@code @BeforeAll} would make the class count as zero tests run); in CI ({@code CI=true}) it
 * fails them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequirementCondition.class)
public @interface Requires {
  Requirement[] value();
}
