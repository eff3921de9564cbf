package io.meshplate.output;

import io.meshplate.testing.RecordEquality;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A folder's listing, whose equals and hashCode are written out, equals and hashes as its record would. */
class ListingEqualityTest {
  @Test
  void equalsAndHashesAsTheRecord() throws ReflectiveOperationException {
    RecordEquality.check(new OutputState.Listing(new FileStamp(4096, 1_764_820_000_123_456_789L,
            1_764_820_000_987_654_321L, 1_234_567), List.of("argocd")),
        Map.of(FileStamp.class, new FileStamp(4096, 1, 2, 3), List.class, List.of()));
  }
}
