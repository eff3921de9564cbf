package io.meshplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state file read a block at a time comes back whole, whatever its size; a file read with the
 * size a look at it gave comes back as it was, by its path or relative to its open folder, and a
 * link is not followed.
 */
class BytesInTest {
  @TempDir
  Path dir;

  @Test
  void aFileOfManyBlocksAndAPartialOneReadsBackWhole() throws IOException {
    byte[] bytes = new byte[3 * 65536 + 1234];
    new Random(7).nextBytes(bytes);
    Path file = Files.write(dir.resolve("facts"), bytes);

    assertThat(BytesIn.readFile(file)).isEqualTo(bytes);
  }

  @Test
  void anEmptyFileAndOneOfExactlyOneBlockReadBackWhole() throws IOException {
    assertThat(BytesIn.readFile(Files.write(dir.resolve("empty"), new byte[0]))).isEmpty();
    byte[] block = new byte[65536];
    new Random(11).nextBytes(block);
    assertThat(BytesIn.readFile(Files.write(dir.resolve("block"), block))).isEqualTo(block);
  }

  @Test
  void anAbsentFileIsTheFileSystemsError() {
    assertThatThrownBy(() -> BytesIn.readFile(dir.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aFileReadWithItsLookedUpSizeComesBackWholeOrAsFarAsItStillGoes() throws IOException {
    byte[] bytes = new byte[2 * 65536 + 17];
    new Random(13).nextBytes(bytes);
    Path file = Files.write(dir.resolve("network-policy.yaml"), bytes);

    assertThat(BytesIn.readFile(file, Files.size(file))).isEqualTo(bytes);
    // The file shrank after the look: what is left; it grew: the size that was looked at.
    assertThat(BytesIn.readFile(file, bytes.length + 100L)).isEqualTo(bytes);
    assertThat(BytesIn.readFile(file, 10)).isEqualTo(Arrays.copyOf(bytes, 10));
  }

  @Test
  void aLinkIsNotFollowedWhenReadWithALookedUpSize() throws IOException {
    Path target = Files.write(dir.resolve("target.yaml"), new byte[] {1, 2, 3});
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), target);

    assertThatThrownBy(() -> BytesIn.readFile(link, 3)).isInstanceOf(IOException.class);
  }

  @Test
  void anEntryOfAnOpenFolderReadsAsItsPathDoesAndALinkInItIsNotFollowed() throws IOException {
    byte[] bytes = new byte[65536 + 99];
    new Random(17).nextBytes(bytes);
    Path file = Files.write(dir.resolve("sidecar.yaml"), bytes);
    Files.createSymbolicLink(dir.resolve("link.yaml"), file);
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      assumeTrue(list instanceof SecureDirectoryStream, "this platform opens no folder for relative access");
      SecureDirectoryStream<Path> folder = (SecureDirectoryStream<Path>) list;
      Path name = Path.of("sidecar.yaml");

      assertThat(BytesIn.readFile(folder, name, bytes.length)).isEqualTo(bytes);
      assertThat(BytesIn.readFile(folder, name, bytes.length + 100L)).isEqualTo(bytes);
      assertThat(BytesIn.readFile(folder, name, 10)).isEqualTo(Arrays.copyOf(bytes, 10));
      assertThatThrownBy(() -> BytesIn.readFile(folder, Path.of("link.yaml"), bytes.length))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> BytesIn.readFile(folder, Path.of("absent.yaml"), 1))
          .isInstanceOf(NoSuchFileException.class);
    }
  }
}
