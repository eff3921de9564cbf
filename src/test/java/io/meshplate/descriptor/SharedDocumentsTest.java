package io.meshplate.descriptor;

import static io.meshplate.descriptor.CliRun.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.testing.RecordEquality;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two sides of a review validated with one {@link SharedDocuments}: a descriptor whose file and
 * bytes are the same on both sides is parsed once and both sides read that one document; a changed
 * descriptor is parsed on its own side; and each side loads exactly what it loads alone.
 */
class SharedDocumentsTest {
  @Test
  void theSecondSideReadsTheFirstSidesDocumentOfAnUnchangedDescriptor(@TempDir Path base, @TempDir Path head) {
    CliRun.write(base, Map.of("tenants/ledger.yaml", utf8(Fixtures.LEDGER), "tenants/shop.yaml", utf8(Fixtures.SHOP)));
    CliRun.write(head, Map.of("tenants/ledger.yaml", utf8(Fixtures.LEDGER),
        "tenants/shop.yaml", utf8(Fixtures.SHOP.replace("@acme/shop", "@acme/shop-team"))));
    SharedDocuments shared = new SharedDocuments();

    Tenants before = DescriptorLoader.loadAll(new Workspace(base), shared.over(ContentMemo.NONE));
    Tenants after = DescriptorLoader.loadAll(new Workspace(head), shared.over(ContentMemo.NONE));

    Tenant ledgerBefore = before.find("ledger").orElseThrow();
    Tenant ledgerAfter = after.find("ledger").orElseThrow();
    assertThat(ledgerAfter.specTree()).isSameAs(ledgerBefore.specTree());
    assertThat(ledgerAfter.positions()).isSameAs(ledgerBefore.positions());
    assertThat(after.find("shop").orElseThrow().specTree())
        .isNotSameAs(before.find("shop").orElseThrow().specTree());
    Tenants alone = DescriptorLoader.loadAll(new Workspace(head));
    assertThat(after.all()).usingRecursiveFieldByFieldElementComparator().isEqualTo(alone.all());
    assertThat(after.find("shop").orElseThrow().spec().owners()).containsExactly("@acme/shop-team");
  }

  /** The key documents are shared by, whose equals and hashCode are written out, equals and hashes as its record would. */
  @Test
  void keysEqualAndHashAsTheRecord() throws ReflectiveOperationException {
    var key = Class.forName("io.meshplate.descriptor.SharedDocuments$Key").getDeclaredConstructor(String.class, String.class);
    key.setAccessible(true);
    RecordEquality.check((Record) key.newInstance("9f86d081884c7d65", "tenants/payments.yaml"), Map.of());
  }
}
