package io.meshplate.policy;

import io.meshplate.testing.RecordEquality;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A schema's group, version and kind, whose equals and hashCode are written out, equal and hash as the record would. */
class GroupVersionKindEqualityTest {
  @Test
  void equalsAndHashesAsTheRecord() throws ReflectiveOperationException {
    RecordEquality.check(new GroupVersionKind("networking.istio.io", "v1", "Sidecar"), Map.of());
  }
}
