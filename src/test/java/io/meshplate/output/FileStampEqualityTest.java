package io.meshplate.output;

import io.meshplate.testing.RecordEquality;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file's stamp, whose equals and hashCode are written out, equals and hashes as its record would. */
class FileStampEqualityTest {
  @Test
  void equalsAndHashesAsTheRecord() throws ReflectiveOperationException {
    RecordEquality.check(new FileStamp(4096, 1_764_820_000_123_456_789L, 1_764_820_000_987_654_321L, 1_234_567), Map.of());
  }
}
