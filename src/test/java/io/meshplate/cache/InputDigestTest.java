package io.meshplate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest a run with nothing changed is recognised by: the same inputs give the same digest
 * in another folder, and every kind of change to tenants/ or templates/ gives another one.
 */
class InputDigestTest {
  @TempDir Path dir;

  @Test
  void sameInputsSameDigestAnywhere() throws Exception {
    Path first = project("first");
    Path second = project("second");

    assertThat(digest(second)).isEqualTo(digest(first));
    assertThat(InputDigest.of(new Workspace(first), new byte[] {2}, "all"))
        .as("another build").isNotEqualTo(InputDigest.of(new Workspace(first), new byte[] {1}, "all"));
  }

  @Test
  void everyChangeToTheInputsChangesTheDigest() throws Exception {
    Path root = project("p");
    Set<String> seen = new LinkedHashSet<>();
    seen.add(digest(root));

    Files.writeString(root.resolve("tenants/payments.yaml"), "name: payments\nowner: teamB\n");
    assertThat(seen.add(digest(root))).as("one byte of a descriptor").isTrue();
    Files.move(root.resolve("tenants/payments.yaml"), root.resolve("tenants/payment.yaml"));
    assertThat(seen.add(digest(root))).as("a descriptor renamed").isTrue();
    Files.createDirectories(root.resolve("templates/base/empty"));
    assertThat(seen.add(digest(root))).as("an empty folder added").isTrue();
    Files.move(root.resolve("templates/base/empty"), root.resolve("templates/base/emptier"));
    assertThat(seen.add(digest(root))).as("a folder renamed").isTrue();
    Files.writeString(root.resolve("templates/base/emptier/ns.ftl"), "kind: Namespace\n");
    assertThat(seen.add(digest(root))).as("a file moved into a folder").isTrue();
    Files.createSymbolicLink(root.resolve("templates/base/link.ftl"), Path.of("emptier/ns.ftl"));
    assertThat(seen.add(digest(root))).as("a link added").isTrue();
    Files.delete(root.resolve("templates/base/link.ftl"));
    Files.createSymbolicLink(root.resolve("templates/base/link.ftl"), Path.of("ns.ftl"));
    assertThat(seen.add(digest(root))).as("a link pointed elsewhere").isTrue();
    Files.delete(root.resolve("tenants/payment.yaml"));
    assertThat(seen.add(digest(root))).as("a descriptor removed").isTrue();
    TestFiles.delete(root.resolve("tenants"));
    assertThat(seen.add(digest(root))).as("tenants/ absent").isTrue();
  }

  private Path project(String name) throws Exception {
    Path root = dir.resolve(name);
    Files.createDirectories(root.resolve("tenants"));
    Files.createDirectories(root.resolve("templates/base"));
    Files.writeString(root.resolve("tenants/payments.yaml"), "name: payments\nowner: teamA\n");
    Files.writeString(root.resolve("templates/base/sidecar.ftl"), "kind: Sidecar\n");
    return root;
  }

  private static String digest(Path root) {
    return HexFormat.of().formatHex(InputDigest.of(new Workspace(root), new byte[] {1}, "all"));
  }
}
