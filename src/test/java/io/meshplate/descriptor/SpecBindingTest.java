package io.meshplate.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written binding must give what a generic mapper gives for the same tree, field for
 * field: a field the binding forgets (a new descriptor field) would silently read as absent.
 */
class SpecBindingTest {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  @Test
  void everyExampleBindsAsAGenericMapperBindsIt() {
    Tenants tenants = DescriptorLoader.loadAll(new Workspace(Path.of("").toAbsolutePath()));
    assertThat(tenants.all()).isNotEmpty();
    for (Tenant tenant : tenants.all()) {
      assertThat(SpecBinding.bind(tenant.specTree())).as(tenant.file())
          .isEqualTo(MAPPER.convertValue(tenant.specTree(), TenantSpec.class));
    }
  }
}
