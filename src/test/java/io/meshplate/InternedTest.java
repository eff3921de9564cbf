package io.meshplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Equal strings come back as one instance, whichever thread asks and whatever their hashes. */
class InternedTest {
  @Test
  void equalStringsAreOneInstance() {
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      first.add(Interned.of(new String("interned-test-" + i)));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 20_000; i++) {
        String again = Interned.of(new String("interned-test-" + i));
        assertThat(again).isEqualTo("interned-test-" + i).isSameAs(first.get(i));
      }
    }
    assertThat(Interned.of(null)).isNull();
  }

  @Test
  void stringsWithOneHashStayApart() {
    // "Aa" and "BB" have the same hash: equal hashes are not equal strings.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    String aa = Interned.of(new String("Aa"));
    String bb = Interned.of(new String("BB"));
    for (int i = 0; i < 3; i++) {
      assertThat(Interned.of(new String("Aa"))).isEqualTo("Aa").isSameAs(aa);
      assertThat(Interned.of(new String("BB"))).isEqualTo("BB").isSameAs(bb);
    }
  }

  @Test
  void threadsAgreeOnTheInstance() {
    ConcurrentHashMap<String, String> seen = new ConcurrentHashMap<>();
    IntStream.range(0, 200_000).parallel().forEach(i -> {
      String text = "interned-thread-" + (i % 5_000);
      String shared = Interned.of(new String(text));
      assertThat(shared).isEqualTo(text);
      String earlier = seen.putIfAbsent(text, shared);
      assertThat(earlier == null || earlier == shared).as("one instance of %s", text).isTrue();
    });
  }
}
