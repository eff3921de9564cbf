package io.meshplate.manifest;

import io.meshplate.testing.RecordEquality;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An object's key, whose equals and hashCode are written out, equals and hashes as its record would. */
class ObjectKeyEqualityTest {
  @Test
  void equalsAndHashesAsTheRecord() throws ReflectiveOperationException {
    RecordEquality.check(new ObjectKey("networking.istio.io", "Sidecar", "payments-prod", "default"), Map.of());
  }
}
