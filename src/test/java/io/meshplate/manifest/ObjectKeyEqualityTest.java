package io.meshplate.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.RecordEquality;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An object's key and a folder's id, whose equals and hashCode are written out, equal and hash as
 * their records would.
 */
class ObjectKeyEqualityTest {
  @Test
  void equalsAndHashesAsTheRecord() throws ReflectiveOperationException {
    RecordEquality.check(new ObjectKey("networking.istio.io", "Sidecar", "payments-prod", "default"), Map.of());
  }

  @Test
  void folderIdsEqualAndHashAsTheRecord() throws ReflectiveOperationException {
    RecordEquality.check(new FolderId("prod", "payments"), Map.of());
    assertThat(FolderId.platform("prod")).isEqualTo(FolderId.platform("prod")).isNotEqualTo(new FolderId("prod", "platform"))
        .hasSameHashCodeAs(FolderId.platform("prod"));
  }
}
