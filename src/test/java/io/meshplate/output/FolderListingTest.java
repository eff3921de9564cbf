package io.meshplate.output;

import static io.meshplate.output.OutputTrees.owned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshplate.OutputException;
import io.meshplate.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder whose own stamp is the one recorded with its last listing is not listed again: its
 * recorded files are looked at by name. Whatever is added to, removed from or replaced in the
 * folder since changes that stamp (the change time moves even when the modification time is put
 * back), so the folder is listed again and the change found, by a render, by {@code check} and by
 * the proofs {@code reach} uses.
 */
class FolderListingTest {
  @TempDir Path root;

  private final OutputWriter writer = new OutputWriter();

  private static final String TENANT = "dev/tenants/payments";

  private final SortedMap<String, byte[]> desired = new TreeMap<>(Map.of(
      TENANT + "/sidecar.yaml", owned("kind: Sidecar"),
      TENANT + "/namespace.yaml", owned("kind: Namespace"),
      TENANT + "/argocd/application.yaml", owned("kind: Application"),
      "dev/platform/istio.yaml", owned("kind: Istio")));

  @BeforeEach
  void onUnix() {
    assumeTrue(FileStamp.provesListings(), "a folder's stamp proves its listing only where it has a change time");
  }

  /**
   * Renders, then puts every time in {@code output/} a minute back and renders again, the way a
   * render finds a tree written long before: that render lists each folder and records the
   * listing with the folder's stamp, old enough to prove it.
   */
  private void renderedLongAgo() throws IOException {
    writer.apply(root, desired, List.of("dev/"));
    FileTime minuteAgo = FileTime.from(Instant.now().minusSeconds(60));
    try (Stream<Path> all = Files.walk(output())) {
      for (Path path : (Iterable<Path>) all::iterator) {
        Files.setLastModifiedTime(path, minuteAgo);
      }
    }
    assertThat(writer.apply(root, desired, List.of("dev/")).isNoop()).isTrue();
  }

  @Test
  void aFolderAsItsLastListingRecordedItIsNotListedAgain() throws IOException {
    renderedLongAgo();

    assertThat(provenListing(TENANT)).isNotNull();
    assertThat(provenListing(TENANT).subfolders()).containsExactly("argocd");
    assertThat(provenListing(TENANT + "/argocd").subfolders()).isEmpty();
    assertThat(provenListing("dev/platform")).isNotNull();

    WriteReport report = writer.apply(root, desired, List.of("dev/"));
    assertThat(report.isNoop()).isTrue();
    assertThat(report.unchanged()).isEqualTo(4);
    assertThat(provenListing(TENANT)).as("still proven by the next run").isNotNull();
  }

  @Test
  void aRenderThatWritesAFolderRecordsItsListingOnceTheFilesAreInPlace() throws IOException {
    writer.apply(root, desired, List.of("dev/"));
    savedLater();

    assertThat(provenListing(TENANT)).isNotNull();
    assertThat(provenListing(TENANT).subfolders()).as("created with the folder").containsExactly("argocd");

    // A file of the folder rewritten, another gone: the folder is stamped again after the change.
    SortedMap<String, byte[]> changed = new TreeMap<>(desired);
    changed.put(TENANT + "/sidecar.yaml", owned("kind: Sidecar\nspec: {}"));
    changed.remove(TENANT + "/namespace.yaml");
    WriteReport render = writer.apply(root, changed, List.of("dev/"));
    assertThat(render.deletedPaths()).containsExactly(TENANT + "/namespace.yaml");
    savedLater();
    assertThat(provenListing(TENANT)).isNotNull();
    assertThat(writer.apply(root, changed, List.of("dev/")).isNoop()).isTrue();
  }

  /** Dates the saved state a minute ahead, as a save well after the folders' last change: their stamps are not racy. */
  private void savedLater() throws IOException {
    Path state = OutputWriter.stateFolder(root).resolve(OutputState.FILE);
    Files.setLastModifiedTime(state, FileTime.from(Instant.now().plusSeconds(60)));
  }

  @Test
  void filesAddedSinceAreFoundThoughTheFolderTimeWasPutBack() throws IOException {
    renderedLongAgo();
    Path folder = output().resolve(TENANT);
    FileTime recorded = Files.getLastModifiedTime(folder);
    Files.write(folder.resolve("stale.yaml"), owned("kind: ConfigMap"));
    Files.writeString(folder.resolve("notes.txt"), "mine\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(folder, recorded);

    assertThat(provenListing(TENANT)).as("the change time moved").isNull();
    WriteReport check = OutputWriter.plan(root, desired, List.of("dev/"));
    assertThat(check.deletedPaths()).containsExactly(TENANT + "/stale.yaml");
    assertThat(check.foreignPaths()).containsExactly(TENANT + "/notes.txt");

    WriteReport render = writer.apply(root, desired, List.of("dev/"));
    assertThat(render.deletedPaths()).containsExactly(TENANT + "/stale.yaml");
    assertThat(render.foreignPaths()).containsExactly(TENANT + "/notes.txt");
    assertThat(folder.resolve("stale.yaml")).doesNotExist();
  }

  @Test
  void aFileRemovedOrReplacedSinceIsFound() throws IOException {
    renderedLongAgo();
    Path folder = output().resolve(TENANT);
    FileTime recorded = Files.getLastModifiedTime(folder);
    Files.delete(folder.resolve("namespace.yaml"));
    Files.delete(folder.resolve("sidecar.yaml"));
    Files.createSymbolicLink(folder.resolve("sidecar.yaml"), output().resolve("dev/platform/istio.yaml"));
    Files.setLastModifiedTime(folder, recorded);

    OutputException refused = catchThrowableOfType(() -> writer.apply(root, desired, List.of("dev/")), OutputException.class);
    assertThat(refused.problems()).extracting(Problem::rule).containsExactly(OutputSession.RULE_SYMLINK);

    Files.delete(folder.resolve("sidecar.yaml"));
    WriteReport render = writer.apply(root, desired, List.of("dev/"));
    assertThat(render.writtenPaths()).containsExactly(TENANT + "/namespace.yaml", TENANT + "/sidecar.yaml");
  }

  @Test
  void aFolderThatKeepsAForeignFileIsListedAndReportedEveryRun() throws IOException {
    writer.apply(root, desired, List.of("dev/"));
    Files.writeString(output().resolve(TENANT).resolve("notes.txt"), "mine\n", StandardCharsets.UTF_8);
    renderedLongAgo();

    assertThat(provenListing(TENANT)).isNull();
    assertThat(provenListing("dev/platform")).isNotNull();
    assertThat(writer.apply(root, desired, List.of("dev/")).foreignPaths()).containsExactly(TENANT + "/notes.txt");
  }

  @Test
  void aFolderStampedInTheClockTickOfTheSaveProvesNothing() throws IOException {
    renderedLongAgo();
    // Saved before the folder's last change, as a save in the clock tick of that change looks.
    Path state = OutputWriter.stateFolder(root).resolve(OutputState.FILE);
    Files.setLastModifiedTime(state, FileTime.from(Instant.now().minusSeconds(120)));

    assertThat(provenListing(TENANT)).isNull();
  }

  @Test
  void theProofsReachUsesSeeAFileAddedToAFolderWhoseTimeWasPutBack() throws IOException {
    renderedLongAgo();
    SortedMap<String, byte[]> proven = OutputStamps.load(root).blobs(TENANT, name -> name.endsWith(".yaml"));
    assertThat(proven).containsOnlyKeys("namespace.yaml", "sidecar.yaml");
    assertThat(proven.get("sidecar.yaml")).isEqualTo(FileId.blobId(desired.get(TENANT + "/sidecar.yaml")));

    Path folder = output().resolve(TENANT);
    FileTime recorded = Files.getLastModifiedTime(folder);
    Files.write(folder.resolve("authorization-policy.yaml"), owned("kind: AuthorizationPolicy"));
    Files.setLastModifiedTime(folder, recorded);

    assertThat(OutputStamps.load(root).blobs(TENANT, name -> name.endsWith(".yaml")))
        .as("a file no stamp proves: the folder is read").isNull();
  }

  /** The listing the saved state proves for {@code folder} as it is now, or null. */
  private OutputState.Listing provenListing(String folder) throws IOException {
    FileStamp.Look look = FileStamp.look(output().resolve(folder));
    return OutputState.load(OutputWriter.stateFolder(root), root.resolve("output")).seen(folder).unchangedListing(look.stamp());
  }

  private Path output() {
    return root.resolve("output");
  }
}
