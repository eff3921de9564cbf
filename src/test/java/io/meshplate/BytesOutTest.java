package io.meshplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The unlocked byte sink writes what {@link ByteArrayOutputStream} writes, growing past any capacity
 * (by blocks: a write that straddles two is split between them), whether copied out or written out.
 */
class BytesOutTest {
  private static void writeSome(DataOutputStream out, long seed) throws IOException {
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      switch (random.nextInt(4)) {
        case 0 -> out.writeInt(random.nextInt());
        case 1 -> out.writeByte(random.nextInt());
        case 2 -> out.writeUTF("value " + random.nextLong());
        default -> {
          byte[] block = new byte[random.nextInt(300)];
          random.nextBytes(block);
          out.write(block, 0, block.length);
        }
      }
    }
  }

  @Test
  void writesTheSameBytesAsTheLockingStreamFromAnyCapacity() throws IOException {
    for (int capacity : new int[] {0, 1, 17, 4096, 1 << 20}) {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      writeSome(new DataOutputStream(expected), capacity);
      BytesOut actual = new BytesOut(capacity);
      writeSome(new DataOutputStream(actual), capacity);
      assertThat(actual.toByteArray()).as("capacity %d", capacity).isEqualTo(expected.toByteArray());
      assertThat(actual.size()).isEqualTo(expected.size());
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      actual.writeTo(written);
      assertThat(written.toByteArray()).as("written out, capacity %d", capacity).isEqualTo(expected.toByteArray());
    }
  }

  @Test
  void refusesARangeOutsideTheArrayAndChangesNothing() {
    BytesOut out = new BytesOut(8);
    out.write(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> out.write(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(out.toByteArray()).containsExactly(1, 2, 3);
  }
}
