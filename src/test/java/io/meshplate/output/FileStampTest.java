package io.meshplate.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder listed with its entries looked at relative to the open folder gives each file the
 * stamp its path gives, and a stamp still tells a rewritten file whose modification time was put
 * back.
 */
class FileStampTest {
  @TempDir
  Path dir;

  @BeforeEach
  void onUnix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"),
        "change times and inodes are Unix attributes");
  }

  @Test
  void theTestsLookRelativeToTheFolderAsTheLaunchedJarDoes() {
    assertThat(FileStamp.looksRelative())
        .as("java.base opens sun.nio.fs to the tests (surefire's argLine), as the jar's manifest does")
        .isTrue();
  }

  @Test
  void eachListedEntryHasTheKindAndStampItsPathGives() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "kind: Namespace\n");
    Files.writeString(dir.resolve("b.yaml"), "");
    Files.createDirectory(dir.resolve("argocd"));
    Files.createSymbolicLink(dir.resolve("link.yaml"), dir.resolve("a.yaml"));

    Map<String, FileStamp.Look> looks = FileStamp.list(dir, name -> !name.startsWith("b"));

    assertThat(looks).containsOnlyKeys("a.yaml", "argocd", "link.yaml");
    assertThat(looks.get("argocd").kind()).isEqualTo(FileStamp.Kind.FOLDER);
    assertThat(looks.get("link.yaml").kind()).as("a link is not followed").isEqualTo(FileStamp.Kind.LINK);
    assertThat(looks.get("a.yaml").kind()).isEqualTo(FileStamp.Kind.FILE);
    FileStamp stamp = looks.get("a.yaml").stamp();
    assertThat(stamp).isEqualTo(FileStamp.of(dir.resolve("a.yaml")));
    assertThat(stamp.size()).isEqualTo(16);
    assertThat(stamp.inode()).isEqualTo(Files.getAttribute(dir.resolve("a.yaml"), "unix:ino"));
    assertThat(stamp.changed()).isEqualTo(
        ((FileTime) Files.getAttribute(dir.resolve("a.yaml"), "unix:ctime")).to(TimeUnit.NANOSECONDS));
  }

  @Test
  void aRewriteOfTheSameSizeWithItsModificationTimePutBackChangesTheStamp() throws Exception {
    Path file = dir.resolve("a.yaml");
    Files.writeString(file, "port: 8080\n");
    FileTime modified = Files.getLastModifiedTime(file);
    FileStamp before = FileStamp.list(dir, name -> true).get("a.yaml").stamp();

    Thread.sleep(20); // past the kernel's clock tick, so the change time can move
    Files.write(file, "port: 9090\n".getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(file, modified);
    FileStamp after = FileStamp.list(dir, name -> true).get("a.yaml").stamp();

    assertThat(after.size()).isEqualTo(before.size());
    assertThat(after.modified()).isEqualTo(before.modified());
    assertThat(after).as("the change time moved").isNotEqualTo(before);
  }
}
