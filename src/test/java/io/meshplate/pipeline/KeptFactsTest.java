package io.meshplate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.cache.CacheDir;
import io.meshplate.cache.FactsPack;
import io.meshplate.output.FileId;
import io.meshplate.reach.FactParts;
import io.meshplate.reach.Facts;
import io.meshplate.testing.TestFiles;
import io.meshplate.testing.TestProject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectivity facts kept in {@code .meshplate/cache/reach/}: every fact of every example
 * survives the cache, a kept folder is served only while the last run's stamps prove its files,
 * and the pack keeps only what is still used. (That the flows from kept facts are the flows read
 * from the files, and that a hand edit is still seen, is tested end to end in
 * {@code ReachCommandTest}.)
 */
class KeptFactsTest {
  /** A content key for packs filled by hand. */
  private static final byte[] KEY = FactsPack.contentKey(new TreeMap<>(Map.of("a.yaml", new byte[20])));

  @TempDir Path dir;

  /** The facts' encoding with strings numbered in order of first use: equal facts, equal bytes. */
  private static byte[] canonical(Facts facts) {
    Map<String, Integer> numbers = new HashMap<>();
    return facts.encode(s -> numbers.computeIfAbsent(s, k -> numbers.size()));
  }

  private static List<String> folders(TestProject project) throws IOException {
    List<String> folders = new ArrayList<>();
    try (Stream<Path> overlays = Files.list(project.path("output"))) {
      for (Path overlay : overlays.filter(Files::isDirectory).sorted().toList()) {
        folders.add(overlay.getFileName() + "/platform");
        try (Stream<Path> tenants = Files.list(overlay.resolve("tenants"))) {
          tenants.sorted().forEach(t -> folders.add(overlay.getFileName() + "/tenants/" + t.getFileName()));
        }
      }
    }
    return folders;
  }

  /** The facts of {@code folder} as its files parse: what the reader gives without a cache. */
  private static Facts parsed(TestProject project, String folder) {
    try (DiskFacts disk = new DiskFacts(new Workspace(project.root()), CacheDir.disabled())) {
      return disk.read(folder).facts();
    }
  }

  @Test
  void everyFactOfEveryExampleFolderSurvivesTheCache() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    List<String> folders = folders(project);
    assertThat(folders).hasSizeGreaterThan(20);
    List<String> table = new ArrayList<>();
    Map<String, Integer> numbers = new HashMap<>();
    for (String folder : folders) {
      Facts facts = parsed(project, folder);
      byte[] bytes = facts.encode(s -> numbers.computeIfAbsent(s, k -> {
        table.add(k);
        return table.size() - 1;
      }));
      Facts decoded = Facts.decode(bytes, table::get, new FactParts());
      assertThat(canonical(decoded)).as(folder).isEqualTo(canonical(facts));
      // String numbers are written in as few bytes as they need: moved past one, two and three
      // bytes' worth (and back), they still name the same strings.
      for (int shift : List.of(200, 20_000, 3_000_000)) {
        byte[] moved = Facts.renumber(bytes, n -> n + shift);
        if (shift > 1 << 21) {
          assertThat(moved.length).as("four bytes a number").isGreaterThan(bytes.length);
        }
        assertThat(canonical(Facts.decode(moved, n -> n >= shift ? table.get(n - shift) : null, new FactParts())))
            .as(folder + " moved by " + shift).isEqualTo(canonical(facts));
        assertThat(Facts.renumber(moved, n -> n - shift)).isEqualTo(bytes);
      }
    }
  }

  @Test
  void aPackGivesBackOnlyTheFactsOfExactlyTheContentTheyWereMadeFrom() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    CacheDir cache = CacheDir.open(project.root());
    Facts payments = parsed(project, "prod/tenants/payments");
    Facts storefront = parsed(project, "prod/tenants/storefront");
    byte[] paymentsKey = FactsPack.contentKey(new TreeMap<>(Map.of("a.yaml", new byte[20])));
    byte[] storefrontKey = FactsPack.contentKey(new TreeMap<>(Map.of("a.yaml", new byte[] {1})));
    FactsPack pack = FactsPack.open(cache, "prod");
    pack.put("prod/tenants/payments", paymentsKey, payments);
    pack.put("prod/tenants/storefront", storefrontKey, storefront);
    pack.save();

    FactsPack reopened = FactsPack.open(cache, "prod");
    assertThat(canonical(reopened.get("prod/tenants/payments", paymentsKey))).isEqualTo(canonical(payments));
    assertThat(reopened.get("prod/tenants/payments", storefrontKey)).isNull();
    assertThat(reopened.get("prod/tenants/catalog", paymentsKey)).isNull();
    assertThat(FactsPack.open(cache, "dev").get("prod/tenants/payments", paymentsKey)).isNull();
  }

  @Test
  void savingDropsTheFoldersARunDidNotUseAndTheStringsOnlyTheyUsed() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    CacheDir cache = CacheDir.open(project.root());
    Path file = savedPack(project, cache, "payments", "storefront", "catalog");
    long three = Files.size(file);

    FactsPack next = FactsPack.open(cache, "prod");
    Facts payments = next.get("prod/tenants/payments", KEY);
    next.save();

    FactsPack last = FactsPack.open(cache, "prod");
    assertThat(canonical(last.get("prod/tenants/payments", KEY))).isEqualTo(canonical(payments));
    assertThat(last.get("prod/tenants/storefront", KEY)).isNull();
    assertThat(Files.size(file)).isLessThan(three / 2);
    // Catalog's namespace was a string of catalog's facts only; payments' facts name storefront.
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(text).contains("storefront-prod").doesNotContain("catalog-prod");
  }

  @Test
  void aFolderWhoseFactsChangeIsReplacedAndEveryOtherEntryStillReads() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    CacheDir cache = CacheDir.open(project.root());
    savedPack(project, cache, "payments", "storefront", "catalog", "ledger");
    Facts notifications = parsed(project, "prod/tenants/notifications");

    FactsPack next = FactsPack.open(cache, "prod");
    List<byte[]> before = new ArrayList<>();
    for (String tenant : List.of("payments", "storefront", "catalog")) {
      before.add(canonical(next.get("prod/tenants/" + tenant, KEY)));
    }
    byte[] changed = FactsPack.contentKey(new TreeMap<>(Map.of("a.yaml", new byte[] {2})));
    next.put("prod/tenants/ledger", changed, notifications);
    next.save();

    FactsPack last = FactsPack.open(cache, "prod");
    List<String> tenants = List.of("payments", "storefront", "catalog");
    for (int i = 0; i < tenants.size(); i++) {
      assertThat(canonical(last.get("prod/tenants/" + tenants.get(i), KEY))).isEqualTo(before.get(i));
    }
    assertThat(last.get("prod/tenants/ledger", KEY)).isNull();
    assertThat(canonical(last.get("prod/tenants/ledger", changed))).isEqualTo(canonical(notifications));
  }

  @Test
  void deeplyNestedBytesAreRefusedAsDamageNotFollowedUntilTheStackRunsOut() {
    ByteBuffer bytes = ByteBuffer.allocate(10_000 * 2 + 1);
    for (int i = 0; i < 10_000; i++) {
      bytes.put((byte) 6).put((byte) 1); // a list of one item, ten thousand times
    }
    bytes.put((byte) 0);
    Assertions.assertThatThrownBy(() -> Facts.decode(bytes.array(), n -> "x", new FactParts()))
        .isInstanceOf(IOException.class).hasMessageContaining("deep");
  }

  @Test
  void theSameContentPutAgainKeepsItsEntryWithoutEncodingItAgain() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    CacheDir cache = CacheDir.open(project.root());
    savedPack(project, cache, "payments");
    Facts payments = parsed(project, "prod/tenants/payments");

    // Facts of the same content are the same facts: what is put again under its key is not encoded.
    FactsPack next = FactsPack.open(cache, "prod");
    next.put("prod/tenants/payments", KEY, parsed(project, "prod/tenants/storefront"));
    next.save();

    assertThat(canonical(FactsPack.open(cache, "prod").get("prod/tenants/payments", KEY))).isEqualTo(canonical(payments));
  }

  @Test
  void aDamagedPackIsEmpty() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    CacheDir cache = CacheDir.open(project.root());
    Path file = savedPack(project, cache, "payments");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);

    assertThat(FactsPack.open(cache, "prod").get("prod/tenants/payments", KEY)).isNull();
  }

  /** A prod pack with the facts of {@code tenants}, each under {@link #KEY}; its file. */
  private static Path savedPack(TestProject project, CacheDir cache, String... tenants) {
    FactsPack pack = FactsPack.open(cache, "prod");
    for (String tenant : tenants) {
      pack.put("prod/tenants/" + tenant, KEY, parsed(project, "prod/tenants/" + tenant));
    }
    pack.save();
    return project.path(".meshplate/cache/reach/prod");
  }

  @Test
  void aFolderServedFromTheRenderCacheIsKnownByItsFilesIdsWithoutTheirStamps() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    Workspace workspace = new Workspace(project.root());
    String folder = "prod/tenants/payments";
    // The same bytes with other stamps: the last run's state no longer proves what the files hold.
    List<FileId> ids = new ArrayList<>();
    try (Stream<Path> files = Files.walk(project.path("output/" + folder))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        String name = project.path("output/" + folder).relativize(file).toString();
        ids.add(FileId.of(name, Files.readAllBytes(file)));
      }
    }
    assertThat(ids).extracting(FileId::name).contains("sidecar.yaml", "argocd/projects.yaml");

    Map<String, FileId> byName = new HashMap<>();
    ids.forEach(id -> byName.put(id.name(), id));
    // The pack holds facts: the files read are known by their blob ids, which find them there.
    try (DiskFacts disk = new DiskFacts(workspace, CacheDir.open(project.root()), true)) {
      DiskFacts.Read looked = disk.read(folder);
      assertThat(looked.content()).as("known by the bytes read").isEqualTo(DiskFacts.contentKey(byName));
      assertThat(canonical(looked.facts())).isEqualTo(canonical(parsed(project, folder)));
    }
    // What a render tells the reader after comparing a cached folder with output/.
    try (DiskFacts disk = new DiskFacts(workspace, CacheDir.open(project.root()), true)) {
      disk.served(folder, ids);
      DiskFacts.Read served = disk.read(folder);
      assertThat(served.content()).isEqualTo(DiskFacts.contentKey(byName));
      assertThat(canonical(served.facts())).isEqualTo(canonical(parsed(project, folder)));
    }
    // Without a pack, nothing is worth the blob ids: the files are parsed and their content is not known.
    TestFiles.delete(project.path(".meshplate/cache/reach"));
    try (DiskFacts disk = new DiskFacts(workspace, CacheDir.open(project.root()), false)) {
      DiskFacts.Read looked = disk.read(folder);
      assertThat(looked.content()).as("parsed: its content is not known").isNull();
      assertThat(canonical(looked.facts())).isEqualTo(canonical(parsed(project, folder)));
    }
  }

  @Test
  void aFirstCheckStartsNoPackAFirstRenderStartsItAndLaterRendersKeepItUpToDate() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    Path pack = project.path(".meshplate/cache/reach/prod");
    // check writes nothing to output/ (in CI its cache is usually thrown away): it starts no pack.
    assertThat(project.run("check").exitCode()).isZero();
    assertThat(pack).doesNotExist();

    // A first render (on a fresh clone: no cache) keeps the facts of every folder it rendered, so
    // the next run need not parse them.
    project.delete(".meshplate");
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(pack).isRegularFile();
    CacheDir cache = CacheDir.open(project.root());
    for (String tenant : List.of("payments", "storefront")) {
      String folder = "prod/tenants/" + tenant;
      Facts kept = FactsPack.open(cache, "prod").get(folder, contentKey(project, folder));
      assertThat(kept).as(folder).isNotNull();
      assertThat(canonical(kept)).as(folder).isEqualTo(canonical(parsed(project, folder)));
    }

    project.edit("tenants/payments.yaml", "port: 8080", "port: 8081");
    assertThat(project.run("render").exitCode()).isZero();

    Facts kept = FactsPack.open(cache, "prod").get("prod/tenants/payments", contentKey(project, "prod/tenants/payments"));
    assertThat(kept).isNotNull();
    assertThat(canonical(kept)).isEqualTo(canonical(parsed(project, "prod/tenants/payments")));
  }

  @Test
  void aFolderRenderedThisRunIsReadBackFromThePackItWasPutIn() {
    // What a render's gate judges: the facts it put while the folder's objects were in memory,
    // decoded from the pack (a pack that missed them would render every folder a second time).
    TestProject project = TestProject.copyOf(dir);
    Workspace workspace = new Workspace(project.root());
    CacheDir cache = CacheDir.open(project.root());
    Facts payments = parsed(project, "prod/tenants/payments");
    DiskFacts rendering = new DiskFacts(workspace, cache, true);
    assertThat(rendering.rendered("prod/tenants/payments", KEY, payments)).isTrue();
    assertThat(canonical(rendering.renderedFacts("prod/tenants/payments", KEY))).isEqualTo(canonical(payments));
    assertThat(rendering.renderedFacts("prod/tenants/payments", new byte[] {1})).as("other content").isNull();

    // A run that writes nothing, without a pack on disk, keeps its facts as objects instead.
    DiskFacts checking = new DiskFacts(workspace, cache);
    assertThat(checking.rendered("prod/tenants/payments", KEY, payments)).isFalse();
    assertThat(checking.renderedFacts("prod/tenants/payments", KEY)).isNull();
  }

  @Test
  void aFolderIsServedFromThePackOnlyWhileTheLastRunsStampsProveItsFiles() throws IOException {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("render").exitCode()).isZero();
    assertThat(project.run("reach", "--check").exitCode()).isZero();
    Workspace workspace = new Workspace(project.root());
    CacheDir cache = CacheDir.open(project.root());
    Facts payments = parsed(project, "prod/tenants/payments");
    Facts storefront = parsed(project, "prod/tenants/storefront");
    DiskFacts.Read proven = new DiskFacts(workspace, cache).read("prod/tenants/payments");
    assertThat(canonical(proven.facts())).isEqualTo(canonical(payments));

    // The pack holds what the render gave for payments' files; a pack made anew with another
    // folder's facts under the same key shows where what is read comes from.
    byte[] key = contentKey(project, "prod/tenants/payments");
    assertThat(proven.content()).as("a proven folder names its content").isEqualTo(key);
    assertThat(canonical(FactsPack.open(cache, "prod").get("prod/tenants/payments", key))).isEqualTo(canonical(payments));
    Files.delete(project.path(".meshplate/cache/reach/prod"));
    FactsPack pack = FactsPack.open(cache, "prod");
    pack.put("prod/tenants/payments", key, storefront);
    pack.save();
    assertThat(canonical(new DiskFacts(workspace, cache).read("prod/tenants/payments").facts()))
        .isEqualTo(canonical(storefront));

    // Without the state that proves the files, they are read, and the blob ids of what was read
    // find the facts the pack holds for that content (a clone given a restored cache).
    Files.delete(project.path(".meshplate/cache/output-state"));
    DiskFacts.Read unproven = new DiskFacts(workspace, cache).read("prod/tenants/payments");
    assertThat(canonical(unproven.facts())).isEqualTo(canonical(storefront));
    assertThat(unproven.content()).isEqualTo(key);
    // A file changed since: other blob ids, so the pack has nothing, and the folder is parsed.
    Path sidecar = project.path("output/prod/tenants/payments/sidecar.yaml");
    Files.writeString(sidecar, Files.readString(sidecar) + "# edited by hand\n");
    DiskFacts.Read edited = new DiskFacts(workspace, cache).read("prod/tenants/payments");
    assertThat(canonical(edited.facts())).isEqualTo(canonical(payments));
    assertThat(edited.content()).isNotNull().isNotEqualTo(key);
    // Nothing to prove also means nothing is looked at first: a folder that is absent, or holds no
    // manifest the model reads, is still no folder of facts.
    assertThat(new DiskFacts(workspace, cache).read("prod/tenants/nobody")).isNull();
    Files.createDirectories(project.path("output/prod/tenants/empty"));
    Files.writeString(project.path("output/prod/tenants/empty/notes.txt"), "not a manifest\n");
    assertThat(new DiskFacts(workspace, cache).read("prod/tenants/empty")).isNull();
  }

  /** The key of a folder's content as the render kept it: the blob id of each manifest the model reads. */
  private static byte[] contentKey(TestProject project, String folder) throws IOException {
    TreeMap<String, byte[]> blobs = new TreeMap<>();
    for (String sub : List.of("", "argocd/")) {
      Path dir = project.path("output/" + folder + "/" + sub);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".yaml") && !name.equals("kustomization.yaml")) {
            blobs.put(sub + name, FileId.blobId(Files.readAllBytes(file)));
          }
        }
      }
    }
    return FactsPack.contentKey(blobs);
  }
}
