package io.meshplate.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;

/**
 * The strict reader types a plain scalar that looks like an integer without the resolver's
 * regular expression; these tests hold that shortcut to the resolver itself, on every string of
 * up to five characters from the characters numbers are written with.
 */
class JsonIntegerTest {
  private static final JsonScalarResolver RESOLVER = new JsonScalarResolver();
  private static final char[] ALPHABET = {'0', '1', '9', '-', '+', '.', 'e', 'x', ' '};

  @Test
  void anIntegerIsExactlyWhatTheResolverTypesAsOne() {
    int checked = 0;
    StringBuilder text = new StringBuilder();
    for (int length = 1; length <= 5; length++) {
      int combinations = (int) Math.pow(ALPHABET.length, length);
      for (int n = 0; n < combinations; n++) {
        text.setLength(0);
        for (int i = 0, rest = n; i < length; i++, rest /= ALPHABET.length) {
          text.append(ALPHABET[rest % ALPHABET.length]);
        }
        String value = text.toString();
        boolean resolverSaysInt = RESOLVER.resolve(value, true).equals(Tag.INT);
        assertThat(StrictYaml.isJsonInteger(value)).as("'%s'", value).isEqualTo(resolverSaysInt);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(60_000);
  }

  @Test
  void plainScalarsAreTypedAsBeforeAroundTheShortcut() {
    YamlLimits limits = YamlLimits.PLATFORM;
    assertThat(StrictYaml.plainScalar("8080", limits)).isEqualTo(8080L);
    assertThat(StrictYaml.plainScalar("-0", limits)).isEqualTo(0L);
    assertThat(StrictYaml.plainScalar("0755", limits)).isEqualTo("0755");
    assertThat(StrictYaml.plainScalar("12345678901234567890", limits)).isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(StrictYaml.plainScalar("100m", limits)).isEqualTo("100m");
    assertThat(StrictYaml.plainScalar("1.5", limits)).isEqualTo(new BigDecimal("1.5"));
    assertThat(StrictYaml.plainScalar("-", limits)).isEqualTo("-");
  }
}
