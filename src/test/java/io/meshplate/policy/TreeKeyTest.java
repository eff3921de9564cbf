package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.BytesIn;
import io.meshplate.manifest.FolderId;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A whole-tree verdict is kept under {@link Invariants#treeKey}, so the key must change with
 * everything the tree checks read (what folders keep, which folders, where Argo CD delivers) and
 * with nothing else, and must be the same whether a folder's facts were collected this run or
 * read back from the cache.
 */
class TreeKeyTest {
  private final Rendered project = Rendered.project();

  @Test
  void factsReadBackFromTheCacheGiveTheKeyOfTheFactsCollected() throws Exception {
    Invariants invariants = Invariants.withSites("openshift-gitops", project.sites());
    SortedMap<FolderId, FactSet> collected = facts(invariants, project);
    SortedMap<FolderId, FactSet> read = new TreeMap<>();
    for (Map.Entry<FolderId, FactSet> folder : collected.entrySet()) {
      read.put(folder.getKey(), FactSet.fromBytes(invariants.facts(), folder.getValue().toBytes()));
    }

    assertThat(invariants.treeKey(read)).isEqualTo(invariants.treeKey(collected));
    // Decoded on demand, they are the facts collected, and the checks find the same (nothing).
    FolderId hub = new FolderId("prod", "payments");
    assertThat(read.get(hub).get(KeptObjects.INSTANCE)).isEqualTo(collected.get(hub).get(KeptObjects.INSTANCE));
    assertThat(invariants.checkTree(read)).isEqualTo(invariants.checkTree(collected)).isEmpty();
  }

  @Test
  void factsHeldByDigestAreReadAgainFromTheirSourceOnlyWhenAskedForAndOnlyAsTheyWere() throws Exception {
    Invariants invariants = Invariants.withSites("openshift-gitops", project.sites());
    SortedMap<FolderId, FactSet> collected = facts(invariants, project);
    FolderId hub = new FolderId("prod", "payments");
    byte[] bytes = collected.get(hub).toBytes();
    AtomicInteger reads = new AtomicInteger();

    FactSet held = FactSet.read(invariants.facts(), BytesIn.of(bytes), invariants.treeOnlyFacts(), () -> {
      reads.incrementAndGet();
      return bytes;
    });

    // The key needs the digest only; the overlay-wide facts were kept whole.
    assertThat(held.digest(KeptObjects.INSTANCE)).isEqualTo(collected.get(hub).digest(KeptObjects.INSTANCE));
    held.get(invariants.facts().get(0));
    assertThat(reads).hasValue(0);
    assertThat(held.get(KeptObjects.INSTANCE)).isEqualTo(collected.get(hub).get(KeptObjects.INSTANCE));
    assertThat(held.get(KeptObjects.INSTANCE)).isNotNull();
    assertThat(reads).hasValue(1);

    // A source that gives another folder's facts is refused, not checked in its place.
    byte[] other = collected.get(new FolderId("prod", "ledger")).toBytes();
    FactSet swapped = FactSet.read(invariants.facts(), BytesIn.of(bytes), invariants.treeOnlyFacts(), () -> other);
    Assertions.assertThatThrownBy(() -> swapped.get(KeptObjects.INSTANCE))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("changed while the run read them");
  }

  @Test
  void overlayFactsLetGoAfterTheirCheckAreReadBackAsTheyWereAndTheCollectedOnesAreKept() throws Exception {
    Invariants invariants = Invariants.withSites("openshift-gitops", project.sites());
    SortedMap<FolderId, FactSet> collected = facts(invariants, project);
    FolderId folder = new FolderId("prod", "payments");
    FolderFacts<?> overlayKind = invariants.facts().get(0);
    byte[] bytes = collected.get(folder).toBytes();
    AtomicInteger reads = new AtomicInteger();
    FactSet held = FactSet.read(invariants.facts(), BytesIn.of(bytes), invariants.treeOnlyFacts(), () -> {
      reads.incrementAndGet();
      return bytes;
    });
    Object checked = held.get(overlayKind);

    held.keepOnly(invariants.treeOnlyFacts());

    assertThat(reads).hasValue(0);
    assertThat(held.digest(overlayKind)).isEqualTo(collected.get(folder).digest(overlayKind));
    // Read back, not kept: another instance, with the same encoding (the facts hold arrays).
    assertThat(held.get(overlayKind)).isNotNull().isNotSameAs(checked);
    assertThat(reads).hasValue(1);
    assertThat(held.toBytes()).isEqualTo(bytes);
    // A set collected this run has nowhere to read its facts again from: it keeps them.
    Object kept = collected.get(folder).get(overlayKind);
    collected.get(folder).keepOnly(invariants.treeOnlyFacts());
    assertThat(collected.get(folder).get(overlayKind)).isSameAs(kept);
  }

  @Test
  void theKeyFollowsWhatFoldersKeepAndWhereArgoCdDeliversAndNothingElse() {
    Invariants invariants = Invariants.withSites("openshift-gitops", project.sites());
    byte[] key = invariants.treeKey(facts(invariants, project));

    // An allow rule is not among what folders keep: the tree checks would read the same.
    Rendered allowChanged = project.with("prod/tenants/payments/authorization-policy.yaml", objects -> objects.stream()
        .filter(o -> Rendered.at(o, "spec", "rules") != null).findFirst().orElseThrow()
        .put("spec", Map.of("action", "ALLOW", "rules", List.of(Map.of("from", List.of(
            Map.of("source", Map.of("principals", List.of("cluster.local/ns/x/sa/y")))))))));
    assertThat(invariants.treeKey(facts(invariants, allowChanged))).isEqualTo(key);

    // Telemetry is: the mesh telemetry rules read it.
    Rendered tracingChanged = project.with("prod/tenants/payments/telemetry.yaml", objects ->
        objects.get(0).put("spec", Map.of("tracing", List.of(Map.of("randomSamplingPercentage", 7)))));
    assertThat(invariants.treeKey(facts(invariants, tracingChanged))).isNotEqualTo(key);

    // One folder fewer is another tree.
    SortedMap<FolderId, FactSet> fewer = facts(invariants, project);
    fewer.remove(new FolderId("prod", "payments"));
    assertThat(invariants.treeKey(fewer)).isNotEqualTo(key);

    // The same folders delivered to another cluster are judged again.
    Map<String, ArgoCdSite> elsewhere = new HashMap<>(project.sites());
    ArgoCdSite prod = elsewhere.get("prod");
    elsewhere.put("prod", new ArgoCdSite("https://api.elsewhere.example.com:6443", prod.namespace(), prod.outputPath()));
    Invariants moved = Invariants.withSites("openshift-gitops", elsewhere);
    assertThat(moved.treeKey(facts(moved, project))).isNotEqualTo(key);
  }

  private static SortedMap<FolderId, FactSet> facts(Invariants invariants, Rendered rendered) {
    Map<FolderId, List<RenderedFile>> folders = new TreeMap<>();
    rendered.tree().files().values().forEach(file ->
        folders.computeIfAbsent(new FolderId(file.overlay(), file.tenant()), f -> new ArrayList<>()).add(file));
    // The namespaces each tenant owns, as its Namespace objects name them: a tenant team's project may use them.
    Map<String, Set<String>> owned = new HashMap<>();
    rendered.tree().files().values().forEach(file -> file.objects().stream()
        .filter(o -> file.tenant() != null && "Namespace".equals(o.get("kind")))
        .forEach(o -> owned.computeIfAbsent(file.tenant(), t -> new TreeSet<>())
            .add(ObjectKey.of(o).name())));
    SortedMap<FolderId, FactSet> facts = new TreeMap<>();
    folders.forEach((id, files) -> facts.put(id, FactSet.collect(invariants.facts(), new FolderObjects(id, files,
        Map.of(), id.isPlatform() ? Set.of() : owned.getOrDefault(id.tenant(), Set.of()), Set.of()))));
    return facts;
  }
}
