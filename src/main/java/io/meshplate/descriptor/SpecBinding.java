package io.meshplate.descriptor;

import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a schema-valid {@code spec} tree into the typed {@link TenantSpec}. Shape errors are the
 * schema's job and are reported before binding; a failure here is a bug.
 */
public final class SpecBinding {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private SpecBinding() {}

  /** Binds a spec tree (as read by {@code StrictYaml}, possibly merged with overrides). */
  public static TenantSpec bind(Map<String, Object> specTree) {
    return MAPPER.convertValue(specTree, TenantSpec.class);
  }
}
