package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a set of sample requests (and a port) reads for people, and that a space remembers what it
 * described without holding on to the caller's set: the flows of a table share spaces and ask for
 * the same sets many times, and a set is changed after it was described (a judgement clears and
 * narrows its sets as it goes).
 */
class ProbeSpaceTest {
  /** GET and POST, paths under /v1/ or else, one host: 3 x 2 x 1 samples. */
  private static ProbeSpace space() {
    return ProbeSpace.http(List.of(StringMatch.of("GET"), StringMatch.of("POST")), List.of(StringMatch.of("/v1/*")),
        List.of());
  }

  private static BitSet of(ProbeSpace space, String method, String pathLabel) {
    BitSet set = new BitSet(space.size());
    for (int i = 0; i < space.size(); i++) {
      ProbeSpace.Probe p = space.probes.get(i);
      if (ProbeSpace.label(p.method()).equals(method) && ProbeSpace.label(p.path()).equals(pathLabel)) {
        set.set(i);
      }
    }
    return set;
  }

  @Test
  void aPartialSetReadsAsItsMethodsAndPaths() {
    ProbeSpace space = space();
    BitSet getV1 = of(space, "GET", "/v1/*");
    assertThat(space.describe(getV1)).extracting(Requests::display).containsExactly("GET /v1/*");
    assertThat(space.describe(new BitSet())).isEmpty();
    assertThat(space.describe(space.all())).containsExactly(Requests.ANY);
  }

  @Test
  void aSetChangedAfterItWasDescribedIsDescribedAsItIsNow() {
    ProbeSpace space = space();
    BitSet set = of(space, "GET", "/v1/*");
    List<Requests> getOnly = space.describe(set);
    set.or(of(space, "POST", "/v1/*"));
    assertThat(space.describe(set)).extracting(Requests::display).containsExactly("GET, POST /v1/*");
    // The space kept its own copy of the first set: a set made anew finds that description.
    assertThat(space.describe(of(space, "GET", "/v1/*"))).isSameAs(getOnly);
  }

  @Test
  void everyRequestAndAnyConnectionAreOneListForEveryFlow() {
    // Most flows of a table pass every request or any connection; each flow keeps its description.
    assertThat(space().describe(space().all())).containsExactly(Requests.ANY)
        .isSameAs(space().describe(space().all()));
    BitSet connection = ProbeSpace.TCP.all();
    assertThat(ProbeSpace.TCP.describe(connection)).containsExactly(Requests.CONNECTION)
        .isSameAs(ProbeSpace.TCP.describe(ProbeSpace.TCP.all()));
  }

  @Test
  void aPortReadsAsOneTextForEveryFlow() {
    assertThat(new PortSpec(8080, "HTTP", true).display()).isEqualTo("8080")
        .isSameAs(new PortSpec(8080, "GRPC", false).display());
    assertThat(new PortSpec(53, "UDP", false).display()).isEqualTo("53/UDP")
        .isSameAs(new PortSpec(53, "UDP", false).display());
    assertThat(new PortSpec(0, "TCP", false).display()).isEqualTo("any");
  }

  @Test
  void aDescriptionIsTheSameInstanceEachTimeAndCannotBeChanged() {
    ProbeSpace space = space();
    List<Requests> first = space.describe(of(space, "POST", "*"));
    assertThat(space.describe(of(space, "POST", "*"))).isSameAs(first);
    assertThat(first).isUnmodifiable();
  }

  @Test
  void aCopyOfASetIsIndependentOfIt() {
    BitSet set = new BitSet();
    set.set(3);
    set.set(70);
    BitSet copy = Bits.copy(set);
    assertThat(copy).isEqualTo(set);
    set.clear(3);
    copy.set(5);
    assertThat(set.stream().toArray()).containsExactly(70);
    assertThat(copy.stream().toArray()).containsExactly(3, 5, 70);
    assertThat(Bits.copy(new BitSet()).isEmpty()).isTrue();
  }
}
