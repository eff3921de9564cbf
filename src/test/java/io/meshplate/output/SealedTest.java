package io.meshplate.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A sealed state file opens to its body, and any damaged or missing byte makes it unreadable. */
class SealedTest {
  private static final byte[] BODY = "meshplate-output-state 2\nprod/tenants/payments".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSealedBodyOpensToItsLengthWrittenAtOnceOrAsAStream() throws IOException {
    byte[] sealed = Sealed.seal(BODY);
    assertThat(Sealed.open(sealed)).isEqualTo(BODY.length);
    assertThat(Arrays.copyOf(sealed, BODY.length)).isEqualTo(BODY);

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (OutputStream out = Sealed.sealing(file)) {
      out.write(BODY, 0, 10);
      out.write(BODY[10]);
      out.write(BODY, 11, BODY.length - 11);
    }
    assertThat(file.toByteArray()).as("the stream seals exactly as seal() does").isEqualTo(sealed);
  }

  @Test
  void aFlippedBitOrAMissingByteIsDamage() {
    byte[] sealed = Sealed.seal(BODY);
    for (int i = 0; i < sealed.length; i++) {
      byte[] damaged = sealed.clone();
      damaged[i] ^= 0x10;
      assertThatThrownBy(() -> Sealed.open(damaged)).as("byte %d flipped", i).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> Sealed.open(Arrays.copyOf(sealed, sealed.length - 1))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Sealed.open(new byte[3])).isInstanceOf(IOException.class);
  }
}
