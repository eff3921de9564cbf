package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.review.DeletionPolicy;
import io.meshplate.review.Effects;
import io.meshplate.review.Finding;
import io.meshplate.review.OutputSnapshot;
import io.meshplate.review.Reviewer;
import io.meshplate.yaml.Trees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mutation test of the committed output: removing or widening any single rule, peer, port or
 * selector (one at a time, at a seeded random place in {@code output/prod/}) changes the model's
 * answer for at least one flow, and the review by effect ({@code diff}) reports it; when the
 * change opens a flow nothing declares, {@code reach --check} fails, and when it stops a declared
 * flow, it warns. A change another layer still masks shows as changed defence in depth. Edits that
 * cannot change an answer are not mutations of the model, so the selector and port mutations aim
 * where one can: a pod selector is widened in a peer naming a namespace with more than one workload
 * (a policy's own pod selector widens only to pods that do not listen on the rule's port, in a
 * namespace with one workload or beside a gateway), and a rule is moved off its port rather than
 * having its only port dropped (an empty port list is every port, and the examples' other ports are
 * TLS ports where the rules' HTTP fields never match).
 */
class MutationTest {
  private static final long SEED = 424242L;
  private static Workspace workspace;
  private static OutputSnapshot base;
  /** Namespaces with more than one workload (ServiceAccount): where a pod selector tells pods apart. */
  private static final Set<String> SHARED = new HashSet<>();

  @BeforeAll
  static void readOutput() {
    workspace = new Workspace(Path.of(""));
    base = OutputSnapshot.fromWorkTree(workspace).within(List.of("prod/"));
    Map<String, Integer> accounts = new HashMap<>();
    base.files().values().forEach(objects -> objects.stream().filter(o -> "ServiceAccount".equals(o.get("kind")))
        .forEach(o -> accounts.merge(namespace(o), 1, Integer::sum)));
    accounts.forEach((ns, n) -> {
      if (n > 1) {
        SHARED.add(ns);
      }
    });
  }

  static String namespace(Map<String, Object> object) {
    return String.valueOf(map(object, "metadata").get("namespace"));
  }

  /** One kind of hand edit: which objects it applies to, and what it does to one of them. */
  enum Mutation {
    REMOVE_AUTHZ_RULE("AuthorizationPolicy", o -> list(o, "spec", "rules").size() > 0 && has(o, "spec", "selector"),
        (o, r) -> removeOne(list(o, "spec", "rules"), r)),
    WIDEN_PRINCIPAL("AuthorizationPolicy", o -> !principals(o).isEmpty(), (o, r) -> {
      List<Object> ps = pick(principals(o), r);
      ps.set(r.nextInt(ps.size()), "*");
    }),
    DROP_PATHS("AuthorizationPolicy", o -> !operations(o, "paths").isEmpty(),
        (o, r) -> pick(operations(o, "paths"), r).remove("paths")),
    DROP_METHODS("AuthorizationPolicy", o -> !operations(o, "methods").isEmpty(),
        (o, r) -> pick(operations(o, "methods"), r).remove("methods")),
    MOVE_AUTHZ_PORT("AuthorizationPolicy", o -> !operations(o, "ports").isEmpty(),
        (o, r) -> pick(operations(o, "ports"), r).put("ports", new ArrayList<>(List.of("9")))),
    REMOVE_NETPOL_RULE("NetworkPolicy", o -> !list(o, "spec", "ingress").isEmpty() || !list(o, "spec", "egress").isEmpty(),
        (o, r) -> removeOne(list(o, "spec", list(o, "spec", "ingress").isEmpty() ? "egress" : "ingress"), r)),
    WIDEN_NAMESPACE_SELECTOR("NetworkPolicy", o -> !peersWith(o, "namespaceSelector").isEmpty(),
        (o, r) -> pick(peersWith(o, "namespaceSelector"), r).put("namespaceSelector", new LinkedHashMap<>())),
    WIDEN_POD_SELECTOR("NetworkPolicy", o -> !podPeersInShared(o).isEmpty(),
        (o, r) -> pick(podPeersInShared(o), r).put("podSelector", new LinkedHashMap<>())),
    REMOVE_NETPOL_PORT("NetworkPolicy", o -> rulesWithPorts(o).size() > 0,
        (o, r) -> removeOne(list(pick(rulesWithPorts(o), r), "ports"), r)),
    REMOVE_SIDECAR_HOST("Sidecar", o -> hosts(o).size() > 2, (o, r) -> hosts(o).remove(2 + r.nextInt(hosts(o).size() - 2))),
    ALLOW_ANY("Sidecar", o -> true, (o, r) -> map(o, "spec", "outboundTrafficPolicy").put("mode", "ALLOW_ANY")),
    REMOVE_SERVICE_ENTRY_PORT("ServiceEntry", o -> true, (o, r) -> list(o, "spec", "ports").clear()),
    PERMISSIVE_MTLS("PeerAuthentication", o -> true, (o, r) -> map(o, "spec", "mtls").put("mode", "PERMISSIVE")),
    REMOVE_VIRTUAL_SERVICE_ROUTE("VirtualService", o -> true, (o, r) -> list(o, "spec", "http").clear());

    final String kind;
    final Predicate<Map<String, Object>> applies;
    final BiConsumer<Map<String, Object>, Random> apply;

    Mutation(String kind, Predicate<Map<String, Object>> applies, BiConsumer<Map<String, Object>, Random> apply) {
      this.kind = kind;
      this.applies = applies;
      this.apply = apply;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mutation.class)
  void everySingleEditChangesAnAnswerAndTheReviewSaysSo(Mutation mutation) {
    Random random = new Random(SEED + mutation.ordinal());
    List<String[]> targets = new ArrayList<>();
    base.files().forEach((path, objects) -> {
      for (int i = 0; i < objects.size(); i++) {
        if (mutation.kind.equals(objects.get(i).get("kind")) && path.contains("/tenants/") && mutation.applies.test(objects.get(i))) {
          targets.add(new String[] {path, String.valueOf(i)});
        }
      }
    });
    assertThat(targets).as("objects " + mutation + " applies to").isNotEmpty();
    String[] target = targets.get(random.nextInt(targets.size()));
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    base.files().forEach((path, objects) -> files.put(path, path.equals(target[0]) ? Trees.deepCopy(objects) : objects));
    Map<String, Object> object = files.get(target[0]).get(Integer.parseInt(target[1]));
    mutation.apply.accept(object, random);
    OutputSnapshot edited = new OutputSnapshot("edited", files, base.templates());
    String where = mutation + " on " + target[0] + " " + ((Map<?, ?>) object.get("metadata")).get("name");

    Effects effects = new Pipeline(workspace).effects(null, () -> base, null, () -> edited);
    assertThat(effects.unavailable()).isNull();
    assertThat(effects.changes()).as(where + ": the model's answer changes for some flow").isNotEmpty();
    Set<Finding.Category> categories = EnumSet.noneOf(Finding.Category.class);
    Reviewer.review(base, edited, DeletionPolicy.DEFAULT, effects).findings().forEach(f -> categories.add(f.category()));
    assertThat(categories).as(where + ": the review reports it").containsAnyOf(Finding.Category.ACCESS_WIDENED,
        Finding.Category.ACCESS_NARROWED, Finding.Category.ACCESS_CHANGED, Finding.Category.DEFENCE_CHANGED,
        Finding.Category.UNDECLARED_FLOW);
    boolean opened = effects.changes().stream().anyMatch(c -> c.undeclared());
    if (opened) {
      assertThat(effects.after().errors()).as(where + ": reach --check fails").isNotEmpty();
    }
    boolean lostDeclared = effects.changes().stream().anyMatch(c -> c.change() == FlowChange.Change.LOST
        && effects.before().flows().stream().anyMatch(f -> f.declared() && f.to().equals(c.to()) && f.from().equals(c.from())));
    if (lostDeclared) {
      assertThat(effects.after().warnings().size()).as(where + ": reach --check warns").isGreaterThan(effects.before().warnings().size());
    }
  }

  @Test
  void aRuleThatLosesAMethodNarrowsAccessAndOneThatGainsOneWidensIt() {
    Effects narrowed = effectsOfEditingStorefrontsRule(methods -> methods.remove("POST"));
    assertThat(narrowed.changes()).singleElement().satisfies(c -> {
      assertThat(c.change()).isEqualTo(FlowChange.Change.NARROWED);
      assertThat(c.title()).isEqualTo("payments/api:8080 <- storefront/web");
    });
    Effects widened = effectsOfEditingStorefrontsRule(methods -> methods.add("DELETE"));
    assertThat(widened.changes()).singleElement().satisfies(c ->
        assertThat(c.change()).isEqualTo(FlowChange.Change.WIDENED));
    Effects changed = effectsOfEditingStorefrontsRule(methods -> {
      methods.remove("POST");
      methods.add("DELETE");
    });
    assertThat(changed.changes()).singleElement().satisfies(c ->
        assertThat(c.change()).isEqualTo(FlowChange.Change.CHANGED));
  }

  /** The effects of editing the methods of payments' rule for storefront/web in prod (no other change). */
  private static Effects effectsOfEditingStorefrontsRule(Consumer<List<Object>> edit) {
    String path = "prod/tenants/payments/authorization-policy.yaml";
    SortedMap<String, List<Map<String, Object>>> files = new TreeMap<>(base.files());
    List<Map<String, Object>> objects = Trees.deepCopy(files.get(path));
    for (Map<String, Object> policy : objects) {
      for (Object rule : list(policy, "spec", "rules")) {
        if (list(list(rule, "from").get(0), "source", "principals").contains("cluster.local/ns/storefront-prod/sa/web")) {
          edit.accept(list(list(rule, "to").get(0), "operation", "methods"));
        }
      }
    }
    files.put(path, objects);
    return new Pipeline(workspace).effects(null, () -> base, null,
        () -> new OutputSnapshot("edited", files, base.templates()));
  }

  // ---- object tree helpers ----

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node, String... path) {
    Object current = node;
    for (String p : path) {
      current = current instanceof Map<?, ?> m ? m.get(p) : null;
    }
    return current instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... path) {
    Object current = node;
    for (String p : path) {
      current = current instanceof Map<?, ?> m ? m.get(p) : null;
    }
    return current instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  static boolean has(Object node, String... path) {
    return !map(node, path).isEmpty();
  }

  static void removeOne(List<Object> list, Random r) {
    list.remove(r.nextInt(list.size()));
  }

  static <T> T pick(List<T> list, Random r) {
    return list.get(r.nextInt(list.size()));
  }

  @SuppressWarnings("unchecked")
  static List<List<Object>> principals(Map<String, Object> policy) {
    List<List<Object>> out = new ArrayList<>();
    for (Object rule : list(policy, "spec", "rules")) {
      for (Object from : list(rule, "from")) {
        List<Object> ps = list(from, "source", "principals");
        if (!ps.isEmpty()) {
          out.add(ps);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> operations(Map<String, Object> policy, String field) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object rule : list(policy, "spec", "rules")) {
      for (Object to : list(rule, "to")) {
        Map<String, Object> op = map(to, "operation");
        if (op.containsKey(field)) {
          out.add(op);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> peersWith(Map<String, Object> policy, String field) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String direction : List.of("ingress", "egress")) {
      for (Object rule : list(policy, "spec", direction)) {
        for (Object peer : list(rule, direction.equals("ingress") ? "from" : "to")) {
          if (peer instanceof Map<?, ?> m && m.containsKey(field)) {
            out.add((Map<String, Object>) m);
          }
        }
      }
    }
    return out;
  }

  /** Peers with a pod selector in a namespace named by a namespace selector, with more than one workload there. */
  static List<Map<String, Object>> podPeersInShared(Map<String, Object> policy) {
    return peersWith(policy, "podSelector").stream().filter(peer -> !map(peer, "podSelector").isEmpty()
        && SHARED.contains(String.valueOf(map(peer, "namespaceSelector", "matchLabels").get("kubernetes.io/metadata.name"))))
        .toList();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rulesWithPorts(Map<String, Object> policy) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String direction : List.of("ingress", "egress")) {
      for (Object rule : list(policy, "spec", direction)) {
        if (!list(rule, "ports").isEmpty()) {
          out.add((Map<String, Object>) rule);
        }
      }
    }
    return out;
  }

  static List<Object> hosts(Map<String, Object> sidecar) {
    return list(list(sidecar, "spec", "egress").isEmpty() ? Map.of() : list(sidecar, "spec", "egress").get(0), "hosts");
  }
}
