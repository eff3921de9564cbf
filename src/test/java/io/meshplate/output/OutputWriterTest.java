package io.meshplate.output;

import static io.meshplate.output.OutputTrees.owned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputWriterTest {
  @TempDir Path root;

  private final OutputWriter writer = new OutputWriter();

  private Path output() {
    return root.resolve("output");
  }

  private static SortedMap<String, byte[]> files(String... pathsAndBodies) {
    SortedMap<String, byte[]> map = new TreeMap<>();
    for (int i = 0; i < pathsAndBodies.length; i += 2) {
      map.put(pathsAndBodies[i], owned(pathsAndBodies[i + 1]));
    }
    return map;
  }

  private static List<String> rules(OutputException e) {
    return e.problems().stream().map(Problem::rule).toList();
  }

  @Test
  void writesNewFilesAndReportsWhatItWrote() {
    WriteReport report = writer.apply(root,
        files("dev/tenants/payments/sidecar.yaml", "a", "dev/platform/istio.yaml", "b"), List.of("dev/"));

    assertThat(report.writtenPaths()).containsExactly("dev/platform/istio.yaml", "dev/tenants/payments/sidecar.yaml");
    assertThat(report.unchanged()).isZero();
    assertThat(report.deleted()).isZero();
    assertThat(OutputTrees.read(output())).containsOnlyKeys("dev/platform/istio.yaml", "dev/tenants/payments/sidecar.yaml");
    assertThat(root.resolve(".meshplate/lock")).doesNotExist();
    assertThat(root.resolve(".meshplate/journal")).doesNotExist();
    assertThat(root.resolve(".meshplate/staging")).doesNotExist();
    assertThat(root.resolve(".meshplate/.gitignore")).hasContent("*");
  }

  @Test
  void everyFileGetsItsOwnBytesWhateverItsSizeAndBatch() {
    // Files are staged into the pack a megabyte at a time, a larger one on its own, and applied
    // in batches read from the pack at once, unless a batch spans more than a megabyte: small
    // files, empty ones, files of tens of kilobytes that fill several blocks between them, and
    // files larger than a block or a batch's read, side by side.
    SortedMap<String, byte[]> desired = new TreeMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 150; i++) {
      int size = i % 50 == 7 ? 1_500_000 + i : i % 10 == 3 ? 0 : i % 5 == 1 ? 20_000 + random.nextInt(60_000)
          : random.nextInt(4000);
      StringBuilder body = new StringBuilder(size);
      random.ints(size, 'a', 'z' + 1).forEach(c -> body.append((char) c));
      desired.put(String.format("dev/tenants/t%03d/f%03d.yaml", i % 17, i), OutputTrees.owned(body.toString()));
    }

    writer.apply(root, desired, List.of("dev/"));

    SortedMap<String, byte[]> written = OutputTrees.read(output());
    assertThat(written.keySet()).containsExactlyElementsOf(desired.keySet());
    desired.forEach((path, body) -> assertThat(written.get(path)).as(path).isEqualTo(body));
  }

  @Test
  void unchangedFilesAreNotRewritten() throws Exception {
    SortedMap<String, byte[]> desired = files("dev/tenants/a/x.yaml", "same", "dev/tenants/a/y.yaml", "old");
    writer.apply(root, desired, List.of("dev/"));
    FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(output().resolve("dev/tenants/a/x.yaml"), longAgo);

    desired.put("dev/tenants/a/y.yaml", owned("new"));
    WriteReport report = writer.apply(root, desired, List.of("dev/"));

    assertThat(report.writtenPaths()).containsExactly("dev/tenants/a/y.yaml");
    assertThat(report.unchanged()).isEqualTo(1);
    assertThat(Files.getLastModifiedTime(output().resolve("dev/tenants/a/x.yaml"))).isEqualTo(longAgo);
    assertThat(writer.apply(root, desired, List.of("dev/")).isNoop()).isTrue();
  }

  @Test
  void prunesOnlyOwnedFilesAndRemovesEmptiedFolders() throws Exception {
    writer.apply(root, files("dev/tenants/gone/a.yaml", "a", "dev/tenants/kept/b.yaml", "b"), List.of("dev/"));
    Path handWritten = output().resolve("dev/tenants/kept/notes.yaml");
    Files.writeString(handWritten, "# my notes\n");

    WriteReport report = writer.apply(root, files("dev/tenants/kept/c.yaml", "c"), List.of("dev/"));

    assertThat(report.deletedPaths()).containsExactly("dev/tenants/gone/a.yaml", "dev/tenants/kept/b.yaml");
    assertThat(output().resolve("dev/tenants/gone")).doesNotExist();
    assertThat(handWritten).hasContent("# my notes");
    assertThat(OutputTrees.read(output())).containsOnlyKeys("dev/tenants/kept/c.yaml", "dev/tenants/kept/notes.yaml");
  }

  @Test
  void headerMustBeTheWholeFirstLineToCountAsOwned() throws Exception {
    Path lookAlike = output().resolve("dev/x.yaml");
    Files.createDirectories(lookAlike.getParent());
    Files.writeString(lookAlike, OutputWriter.OWNERSHIP_HEADER + " but edited by hand\n");

    WriteReport report = writer.apply(root, new TreeMap<>(), List.of("dev/"));

    assertThat(report.deleted()).isZero();
    assertThat(lookAlike).exists();
  }

  @Test
  void filesOutsideTheScopesAreNeverTouched() {
    writer.apply(root, files("dev/a.yaml", "a", "prod/b.yaml", "b"), List.of("dev/", "prod/"));

    WriteReport report = writer.apply(root, files("dev/c.yaml", "c"), List.of("dev/"));

    assertThat(report.deletedPaths()).containsExactly("dev/a.yaml");
    assertThat(OutputTrees.read(output())).containsOnlyKeys("dev/c.yaml", "prod/b.yaml");
  }

  @Test
  void tenantScopeLeavesOtherTenantsOfTheSameOverlayAlone() {
    writer.apply(root, files("dev/tenants/a/x.yaml", "a", "dev/tenants/b/x.yaml", "b"), List.of("dev/"));

    writer.apply(root, new TreeMap<>(), List.of("dev/tenants/a/"));

    assertThat(OutputTrees.read(output())).containsOnlyKeys("dev/tenants/b/x.yaml");
  }

  @Test
  void desiredFileOutsideItsScopesIsAProgrammingError() {
    assertThatThrownBy(() -> writer.apply(root, files("prod/a.yaml", "a"), List.of("dev/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.apply(root, new TreeMap<>(
            Map.of("dev/a.yaml", "no header\n".getBytes(StandardCharsets.UTF_8))), List.of("dev/")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape.yaml", "dev/../../escape.yaml", "/etc/passwd", "dev\\x.yaml",
      "dev/a\0b.yaml", "dev//a.yaml", "dev/./a.yaml", "dev/.hidden", "dev/CON.yaml", "dev/lpt1",
      "dev/\u212Aube.yaml", "dev/\uFF41.yaml", "dev/a.yaml\n", "dev/%2e%2e/a.yaml", "dev/a.", "dev/",
      "dev/a b.yaml", "dev/C:x.yaml", "dev/-rf.yaml"})
  void rejectsHostilePathsBeforeTouchingAnything(String hostile) {
    writer.apply(root, files("dev/keep.yaml", "k"), List.of("dev/"));
    String before = OutputTrees.fingerprint(root);
    SortedMap<String, byte[]> desired = files("dev/keep.yaml", "changed");
    desired.put(hostile, owned("x"));

    assertThatThrownBy(() -> writer.apply(root, desired, List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class, e -> {
          assertThat(rules(e)).containsExactly("OUTPUT-PATH-INVALID");
          assertThat(e.getMessage()).doesNotContain("\n\n").doesNotContain("\0");
        });
    assertThat(OutputTrees.fingerprint(root)).isEqualTo(before);
  }

  @Test
  void rejectsHostileScopes() {
    assertThatThrownBy(() -> writer.apply(root, new TreeMap<>(), List.of("../")))
        .isInstanceOfSatisfying(OutputException.class,
            e -> assertThat(rules(e)).containsExactly("OUTPUT-PATH-INVALID"));
  }

  @Test
  void rejectsNamesThatCollideOnCaseInsensitiveFileSystems() {
    assertThatThrownBy(() -> writer.apply(root, files("dev/A.yaml", "a", "dev/a.yaml", "b"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class,
            e -> assertThat(rules(e)).containsExactly("OUTPUT-PATH-CONFLICT"));
    assertThat(output().resolve("dev")).doesNotExist();
  }

  @Test
  void refusesToOverwriteAFileMeshplateDoesNotOwn() throws Exception {
    Path mine = output().resolve("dev/tenants/a/sidecar.yaml");
    Files.createDirectories(mine.getParent());
    Files.writeString(mine, "kind: Sidecar # hand-written\n");

    assertThatThrownBy(() -> writer.apply(root, files("dev/tenants/a/sidecar.yaml", "x"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class,
            e -> assertThat(rules(e)).containsExactly("OUTPUT-NOT-OWNED"));
    assertThat(mine).hasContent("kind: Sidecar # hand-written");
  }

  @Test
  void neverWritesThroughASymbolicLink() throws Exception {
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    Files.createDirectories(output().resolve("dev"));
    Files.createSymbolicLink(output().resolve("dev/tenants"), elsewhere);

    assertThatThrownBy(() -> writer.apply(root, files("dev/tenants/a.yaml", "x"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class,
            e -> assertThat(rules(e)).containsExactly("OUTPUT-SYMLINK"));
    assertThat(elsewhere).isEmptyDirectory();
  }

  /** A link where a rendered file goes is left alone, and the hint says what to do about a file, not a folder. */
  @Test
  void aLinkWhereARenderedFileGoesIsLeftAloneWithTheWayOut() throws Exception {
    Path outside = root.resolve("outside.yaml");
    Files.writeString(outside, "precious");
    Files.createDirectories(output().resolve("dev"));
    Files.createSymbolicLink(output().resolve("dev/a.yaml"), outside);

    assertThatThrownBy(() -> writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.rule()).isEqualTo("OUTPUT-SYMLINK");
          assertThat(p.hint()).isEqualTo("remove it: the next render writes the file in its place");
        }));
    assertThat(outside).hasContent("precious");
  }

  @Test
  void neverPrunesThroughASymbolicLink() throws Exception {
    Path outside = root.resolve("outside.yaml");
    Files.write(outside, owned("precious"));
    Files.createDirectories(output().resolve("dev"));
    Files.createSymbolicLink(output().resolve("dev/link.yaml"), outside);

    WriteReport report = writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/"));

    assertThat(report.deleted()).isZero();
    assertThat(outside).exists();
    assertThat(output().resolve("dev/link.yaml")).isSymbolicLink();
  }

  @Test
  void refusesWhenOutputItselfIsALink() throws Exception {
    Path real = Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(output(), real);

    assertThatThrownBy(() -> writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class,
            e -> assertThat(rules(e)).containsExactly("OUTPUT-SYMLINK"));
    assertThat(real).isEmptyDirectory();
  }

  @Test
  void aFileInTheWayOfAFolderIsReplacedOnlyWhenOwned() throws Exception {
    writer.apply(root, files("dev/tenants", "was a file"), List.of("dev/"));

    WriteReport report = writer.apply(root, files("dev/tenants/a.yaml", "a"), List.of("dev/"));

    assertThat(report.deletedPaths()).containsExactly("dev/tenants");
    assertThat(OutputTrees.read(output())).containsOnlyKeys("dev/tenants/a.yaml");
  }

  @Test
  void secondWriterFailsWithExitSixNamingTheHolder() throws Exception {
    Files.createDirectories(root.resolve(".meshplate"));
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(root.resolve(".meshplate/lock"), "pid=" + self.pid() + "\nhost=" + OutputLock.hostName()
        + "\nstarted=" + self.info().startInstant().orElseThrow() + "\n");

    assertThatThrownBy(() -> writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class, e -> {
          assertThat(rules(e)).containsExactly("OUTPUT-LOCKED");
          assertThat(e.getMessage()).contains("pid " + self.pid());
          assertThat(new ExitCodes().getExitCode(e)).isEqualTo(6);
        });
    assertThatThrownBy(() -> OutputWriter.forceUnlock(root)).isInstanceOf(OutputException.class);
    assertThat(root.resolve(".meshplate/lock")).exists();
    assertThat(output()).doesNotExist();
  }

  @Test
  void staleLockIsReportedAndOnlyRemovedOnRequest() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Files.createDirectories(root.resolve(".meshplate"));
    Files.writeString(root.resolve(".meshplate/lock"),
        "pid=" + finished.pid() + "\nhost=" + OutputLock.hostName() + "\nstarted=2020-01-01T00:00:00Z\n");

    assertThatThrownBy(() -> writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class, e -> {
          assertThat(rules(e)).containsExactly("OUTPUT-LOCK-STALE");
          assertThat(e.problems().get(0).hint()).contains("--force-unlock");
        });
    assertThat(root.resolve(".meshplate/lock")).exists();

    assertThat(OutputWriter.forceUnlock(root)).contains("pid " + finished.pid());
    assertThat(writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/")).written()).isEqualTo(1);
  }

  @Test
  void lockWithReusedPidCountsAsStale() throws Exception {
    Files.createDirectories(root.resolve(".meshplate"));
    Files.writeString(root.resolve(".meshplate/lock"), "pid=" + ProcessHandle.current().pid()
        + "\nhost=" + OutputLock.hostName() + "\nstarted=2001-01-01T00:00:00Z\n");

    assertThatThrownBy(() -> writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class,
            e -> assertThat(rules(e)).containsExactly("OUTPUT-LOCK-STALE"));
  }

  @Test
  void recoverDiscardsStagingOfARunThatDiedBeforeItsCommit() throws Exception {
    writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/"));
    String before = OutputTrees.fingerprint(output());
    Path staged = Files.createDirectories(root.resolve(".meshplate/staging/files"));
    Files.write(staged.resolve("0"), owned("half-written"));

    assertThat(OutputWriter.recover(root)).isFalse();

    assertThat(root.resolve(".meshplate/staging")).doesNotExist();
    assertThat(OutputTrees.fingerprint(output())).isEqualTo(before);
  }

  @Test
  void recoverCompletesACommittedRun() throws Exception {
    writer.apply(root, files("dev/a.yaml", "a", "dev/old/b.yaml", "b"), List.of("dev/"));
    byte[] a2 = owned("a2");
    byte[] c = owned("c");
    Path staging = Files.createDirectories(root.resolve(".meshplate/staging"));
    Files.write(staging.resolve("pack"), concat(a2, c));
    Files.writeString(root.resolve(".meshplate/journal"), "meshplate-journal 2\nboot -\nwriter test\n"
        + "D dev/old/b.yaml\nW 0 " + a2.length + " dev/a.yaml\nW " + a2.length + " " + c.length + " dev/new/c.yaml\n"
        + "commit pack " + (a2.length + c.length) + " entries 3\nend\n");

    assertThat(OutputWriter.recover(root)).isTrue();

    assertThat(OutputTrees.read(output())).containsOnlyKeys("dev/a.yaml", "dev/new/c.yaml");
    assertThat(output().resolve("dev/a.yaml")).hasBinaryContent(a2);
    assertThat(output().resolve("dev/new/c.yaml")).hasBinaryContent(c);
    assertThat(root.resolve(".meshplate/journal")).doesNotExist();
    assertThat(root.resolve(".meshplate/staging")).doesNotExist();
    assertThat(OutputWriter.recover(root)).isFalse();
  }

  @Test
  void damagedJournalStopsWithInstructions() throws Exception {
    Files.createDirectories(root.resolve(".meshplate/staging"));
    Files.write(root.resolve(".meshplate/staging/pack"), owned("x"));
    Files.writeString(root.resolve(".meshplate/journal"),
        "meshplate-journal 2\nboot -\nW 0 4 ../../etc/passwd\ncommit pack 42 entries 1\nend\n");

    assertThatThrownBy(() -> OutputWriter.recover(root))
        .isInstanceOfSatisfying(OutputException.class, e -> {
          assertThat(rules(e)).containsExactly("OUTPUT-JOURNAL-DAMAGED");
          assertThat(e.getMessage()).contains("invalid line", "git checkout output/");
        });
    assertThat(root.resolve(".meshplate/lock")).doesNotExist();
  }

  @Test
  void journalWhosePackIsShortIsRefused() throws Exception {
    Files.createDirectories(root.resolve(".meshplate/staging"));
    Files.write(root.resolve(".meshplate/staging/pack"), owned("x"));
    Files.writeString(root.resolve(".meshplate/journal"),
        "meshplate-journal 2\nboot -\nW 0 400 dev/a.yaml\ncommit pack 400 entries 1\nend\n");

    assertThatThrownBy(() -> OutputWriter.recover(root))
        .isInstanceOfSatisfying(OutputException.class, e -> assertThat(rules(e)).containsExactly("OUTPUT-JOURNAL-DAMAGED"));
    assertThat(output()).doesNotExist();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  @Test
  void anotherRunNeverSeesTheLockWithoutItsHolder() throws Exception {
    // A lock seen empty reads as one whose writer died while creating it (stale, removable with
    // --force-unlock); a run that is taking the lock must never be seen like that.
    Path meta = Files.createDirectories(root.resolve(".meshplate"));
    Path lock = meta.resolve("lock");
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger empty = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        try {
          if (Files.readAllBytes(lock).length == 0) {
            empty.incrementAndGet();
          }
        } catch (IOException absent) {
          // no lock right now
        }
      }
    });
    reader.start();
    try {
      for (int i = 0; i < 300; i++) {
        OutputLock.acquire(meta).close();
      }
    } finally {
      done.set(true);
      reader.join();
    }
    assertThat(empty.get()).as("times the lock was seen without its holder").isZero();
    try (var left = Files.list(meta)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".pending"));
    }
  }

  @Test
  void lockLeftEmptyByAWriterThatDiedWhileCreatingItIsStale() throws Exception {
    Files.createDirectories(root.resolve(".meshplate"));
    Files.createFile(root.resolve(".meshplate/lock"));

    assertThatThrownBy(() -> writer.apply(root, files("dev/a.yaml", "a"), List.of("dev/")))
        .isInstanceOfSatisfying(OutputException.class, e -> {
          assertThat(rules(e)).containsExactly("OUTPUT-LOCK-STALE");
          assertThat(e.getMessage()).contains("unreadable lock");
        });
    assertThat(OutputWriter.forceUnlock(root)).contains("unknown holder");
    assertThat(OutputWriter.forceUnlock(root)).isEqualTo("no lock held");
  }

  @Test
  void concurrentWritersNeverInterleave() throws Exception {
    SortedMap<String, byte[]> first = new TreeMap<>();
    SortedMap<String, byte[]> second = new TreeMap<>();
    for (int i = 0; i < 400; i++) {
      first.put("dev/tenants/t" + i + "/a.yaml", owned("first " + i));
      second.put("dev/tenants/t" + i + "/a.yaml", owned("second " + i));
      second.put("dev/tenants/t" + i + "/b.yaml", owned("second b " + i));
    }
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    Thread one = new Thread(() -> run(first, failures));
    Thread two = new Thread(() -> run(second, failures));
    one.start();
    two.start();
    one.join();
    two.join();

    assertThat(failures).allSatisfy(failure -> assertThat(failure)
        .isInstanceOfSatisfying(OutputException.class, e -> assertThat(rules(e)).containsExactly("OUTPUT-LOCKED")));
    SortedMap<String, byte[]> onDisk = OutputTrees.read(output());
    assertThat(onDisk.keySet()).isIn(first.keySet(), second.keySet());
    SortedMap<String, byte[]> expected = onDisk.size() == first.size() ? first : second;
    assertThat(onDisk).allSatisfy((path, bytes) -> assertThat(bytes).isEqualTo(expected.get(path)));
    assertThat(root.resolve(".meshplate/lock")).doesNotExist();
  }

  private void run(SortedMap<String, byte[]> desired, List<Throwable> failures) {
    try {
      writer.apply(root, desired, List.of("dev/"));
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }
}
