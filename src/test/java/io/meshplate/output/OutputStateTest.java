package io.meshplate.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state saved after a run stamps the files the run wrote as they are on disk, so the next
 * run proves them without reading; an entry whose file is gone or is no longer a regular file is
 * dropped, never recorded with a stamp it does not have.
 */
class OutputStateTest {
  @TempDir
  Path root;

  @Test
  void theFilesARunWroteAreProvenNextRunByTheirStampsAndTheRestAreDropped() throws IOException {
    Path output = root.resolve("output");
    Path folder = Files.createDirectories(output.resolve("dev/tenants/payments"));
    Path policy = write(folder.resolve("authorization-policy.yaml"), "kind: AuthorizationPolicy\n");
    Path sidecar = write(folder.resolve("sidecar.yaml"), "kind: Sidecar\n");
    Files.createDirectory(folder.resolve("telemetry.yaml")); // a folder where a file was written
    // Written well before the state is saved: a stamp from the save's own clock tick proves nothing.
    for (Path file : List.of(policy, sidecar)) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    }
    byte[] policyBlob = FileId.blobId(Files.readAllBytes(policy));
    byte[] sidecarBlob = FileId.blobId(Files.readAllBytes(sidecar));
    byte[] goneBlob = FileId.blobId("kind: Namespace\n".getBytes(StandardCharsets.UTF_8));

    Path meta = root.resolve(OutputWriter.META);
    OutputState state = OutputState.load(meta, output);
    state.record("dev/tenants/payments", List.of(
        new OutputState.Entry("authorization-policy.yaml", null, policyBlob),
        new OutputState.Entry("namespace.yaml", null, goneBlob),
        new OutputState.Entry("sidecar.yaml", null, sidecarBlob),
        new OutputState.Entry("telemetry.yaml", null, goneBlob)), null);
    state.save(output, folderName -> true);

    OutputState.Seen seen = OutputState.load(meta, output).seen("dev/tenants/payments");
    assertThat(seen.blobOf("authorization-policy.yaml", FileStamp.of(policy))).isEqualTo(policyBlob);
    assertThat(seen.blobOf("sidecar.yaml", FileStamp.of(sidecar))).isEqualTo(sidecarBlob);
    assertThat(seen.proves("sidecar.yaml", FileStamp.of(sidecar), policyBlob)).as("another blob").isFalse();
    FileStamp anyStamp = FileStamp.of(policy);
    assertThat(seen.blobOf("namespace.yaml", anyStamp)).as("gone before the save").isNull();
    assertThat(seen.blobOf("telemetry.yaml", anyStamp)).as("not a regular file").isNull();

    // A file rewritten after the save no longer matches its stamp.
    write(sidecar, "kind: Sidecar\nspec: {}\n");
    assertThat(seen.blobOf("sidecar.yaml", FileStamp.of(sidecar))).isNull();
  }

  @Test
  void aRunThatFindsEverythingAsRecordedLeavesTheSavedStateAsItIs() throws IOException {
    Path policy = policy(60);
    byte[] blob = savedAsWritten(policy, "dev/tenants/orders");
    FileStamp saved = FileStamp.of(stateFile());

    OutputState same = OutputState.load(meta(), output());
    assertThat(same.seen(FOLDER).proves("policy.yaml", FileStamp.of(policy), blob)).isTrue();
    same.record(FOLDER, List.of(new OutputState.Entry("policy.yaml", FileStamp.of(policy), blob)), null);
    same.record("dev/tenants/orders", List.of(), null);
    same.save(output(), folder -> true);
    assertThat(FileStamp.of(stateFile())).as("not written again").isEqualTo(saved);

    // A folder of the scope no longer recorded: the state is saved again, without it.
    OutputState fewer = OutputState.load(meta(), output());
    fewer.record(FOLDER, List.of(new OutputState.Entry("policy.yaml", FileStamp.of(policy), blob)), null);
    fewer.save(output(), folder -> true);
    assertThat(FileStamp.of(stateFile())).isNotEqualTo(saved);
  }

  /** A folder found exactly as recorded keeps the saved record, as is: nothing to encode or write again. */
  @Test
  void aFolderKeptAsRecordedIsProvenNextRunAsBefore() throws IOException {
    Path policy = policy(60);
    byte[] blob = savedAsWritten(policy);
    FileStamp saved = FileStamp.of(stateFile());

    OutputState same = OutputState.load(meta(), output());
    OutputState.Seen seen = same.seen(FOLDER);
    FileStamp stamp = FileStamp.of(policy);
    assertThat(seen.isExactly(List.of(new OutputState.Entry("policy.yaml", stamp, blob)), null)).isTrue();
    assertThat(seen.isExactly(List.of(new OutputState.Entry("policy.yaml", stamp, new byte[20])), null)).as("another blob").isFalse();
    assertThat(seen.isExactly(List.of(new OutputState.Entry("policy.yaml", stamp, blob),
        new OutputState.Entry("other.yaml", stamp, blob)), null)).as("a file more").isFalse();
    assertThat(seen.isExactly(List.of(), null)).isFalse();
    same.keep(FOLDER);
    same.save(output(), folder -> true);
    assertThat(FileStamp.of(stateFile())).as("not written again").isEqualTo(saved);

    // Kept by a run that also records another folder: the state is written, the kept record as it was.
    OutputState more = OutputState.load(meta(), output());
    more.keep(FOLDER);
    more.record("dev/tenants/orders", List.of(), null);
    more.save(output(), folder -> true);
    assertThat(FileStamp.of(stateFile())).isNotEqualTo(saved);
    assertThat(OutputState.load(meta(), output()).seen(FOLDER).proves("policy.yaml", FileStamp.of(policy), blob)).isTrue();
  }

  @Test
  void aStampTooRecentToProveItsFileIsSavedAgainSoThatItCanNextTime() throws IOException {
    Path policy = policy(30);
    byte[] blob = savedAsWritten(policy);
    // Saved before the file's last change, as a save in the clock tick of that change looks.
    Files.setLastModifiedTime(stateFile(), FileTime.from(Instant.now().minusSeconds(60)));
    FileStamp saved = FileStamp.of(stateFile());

    OutputState racy = OutputState.load(meta(), output());
    assertThat(racy.seen(FOLDER).blobOf("policy.yaml", FileStamp.of(policy))).isNull();
    racy.record(FOLDER, List.of(new OutputState.Entry("policy.yaml", FileStamp.of(policy), blob)), null);
    racy.save(output(), folder -> true);
    assertThat(FileStamp.of(stateFile())).as("written again").isNotEqualTo(saved);
    assertThat(OutputState.load(meta(), output()).seen(FOLDER).proves("policy.yaml", FileStamp.of(policy), blob)).isTrue();
  }

  /**
   * A state travels with {@code .meshplate/cache/} (a cache CI restores into a fresh clone) but
   * describes the {@code output/} folder it was saved for: for another one it is no state at all,
   * so no file is looked at only to learn that its stamp proves nothing.
   */
  @Test
  void aStateSavedForAnotherOutputFolderProvesNothing() throws IOException {
    Path policy = policy(60);
    savedAsWritten(policy);
    assertThat(OutputState.load(meta(), output()).provesNothing()).isFalse();

    Path moved = Files.move(output(), root.resolve("moved"));
    TestFiles.copy(moved, output());
    assertThat(OutputState.folderOf(output())).as("another folder").isNotEqualTo(OutputState.folderOf(moved));
    assertThat(OutputState.load(meta(), output()).provesNothing()).as("a copy of the tree").isTrue();
    assertThat(OutputState.load(meta(), moved).provesNothing()).as("the folder it was saved for").isFalse();
    assertThat(OutputState.load(meta(), root.resolve("absent")).provesNothing()).as("no folder to tell").isFalse();
  }

  private static final String FOLDER = "dev/tenants/payments";

  /** {@code output/dev/tenants/payments/policy.yaml}, last changed {@code secondsAgo} seconds ago. */
  private Path policy(long secondsAgo) throws IOException {
    Path policy = write(Files.createDirectories(output().resolve(FOLDER)).resolve("policy.yaml"), "kind: A\n");
    Files.setLastModifiedTime(policy, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    return policy;
  }

  /** Saves a state in which this run wrote {@code policy} (and left {@code empty} folders empty); its blob id. */
  private byte[] savedAsWritten(Path policy, String... empty) throws IOException {
    byte[] blob = FileId.blobId(Files.readAllBytes(policy));
    OutputState first = OutputState.load(meta(), output());
    first.record(FOLDER, List.of(new OutputState.Entry("policy.yaml", null, blob)), null);
    for (String folder : empty) {
      first.record(folder, List.of(), null);
    }
    first.save(output(), folder -> true);
    return blob;
  }

  private Path output() {
    return root.resolve("output");
  }

  private Path meta() {
    return root.resolve(OutputWriter.META);
  }

  private Path stateFile() {
    return meta().resolve(OutputState.FILE);
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
