package io.meshplate.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The render cache's key must not change with what a map's iteration order does not mean:
 * {@code Map.of} iterates in an order drawn afresh by every JVM, so a key digested in that order
 * missed the cache on about every other run.
 */
class ModelDigestTest {
  private static final List<String> KEYS = List.of("name", "namespace", "revision", "wave", "smcp", "discovery");

  @Test
  void unorderedMapsDigestTheSameWhateverOrderTheyIterateIn() throws Exception {
    // Two hash maps with the same entries that iterate differently (their tables differ in size),
    // as one Map.of iterates differently in two JVMs.
    HashMap<String, Object> one = filled(new HashMap<>());
    HashMap<String, Object> other = null;
    for (int capacity = 1; capacity <= 1 << 12 && other == null; capacity *= 2) {
      HashMap<String, Object> candidate = filled(new HashMap<>(capacity));
      if (!new ArrayList<>(candidate.keySet()).equals(new ArrayList<>(one.keySet()))) {
        other = candidate;
      }
    }
    assertNotNull(other, "no two table sizes iterate these keys differently");
    assertArrayEquals(digest(Map.of("smcp", one)), digest(Map.of("smcp", other)));
    assertArrayEquals(digest(one), digest(Map.copyOf(other)));
  }

  @Test
  void orderedMapsKeepTheirOrderInTheKeyBecauseTemplatesSeeIt() throws Exception {
    Map<String, Object> forward = filled(new LinkedHashMap<>());
    Map<String, Object> backward = new LinkedHashMap<>();
    for (int i = KEYS.size() - 1; i >= 0; i--) {
      backward.put(KEYS.get(i), "value of " + KEYS.get(i));
    }
    assertFalse(Arrays.equals(digest(forward), digest(backward)));
  }

  record Port(String name, int number) {}

  record Host(String name, int number) {}

  record Service(String name, List<Record> ports) {}

  @Test
  void recordsAreKeyedByTheirClassAndEveryComponentHoweverOftenAClassRecurs() throws Exception {
    Object model = List.of(new Service("api", List.of(new Port("http", 8080), new Port("grpc", 9090))), new Port("http", 8080));
    assertArrayEquals(digest(model),
        digest(List.of(new Service("api", List.of(new Port("http", 8080), new Port("grpc", 9090))), new Port("http", 8080))));
    List<Object> others = List.of(
        List.of(new Service("api", List.of(new Port("http", 8080), new Port("grpc", 9091))), new Port("http", 8080)),
        List.of(new Service("api", List.of(new Port("grpc", 9090), new Port("http", 8080))), new Port("http", 8080)),
        List.of(new Service("web", List.of(new Port("http", 8080), new Port("grpc", 9090))), new Port("http", 8080)),
        List.of(new Service("api", List.<Record>of(new Port("http", 8080), new Host("grpc", 9090))), new Port("http", 8080)),
        List.of(new Service("api", List.of(new Port("http", 8080), new Port("grpc", 9090))), new Host("http", 8080)),
        List.of(new Service("api", List.of(new Port("http", 8080))), new Port("grpc", 9090), new Port("http", 8080)));
    List<String> seen = new ArrayList<>();
    seen.add(Arrays.toString(digest(model)));
    for (Object other : others) {
      String key = Arrays.toString(digest(other));
      assertFalse(seen.contains(key), "another model, another key: " + other);
      seen.add(key);
    }
  }

  private static <M extends Map<String, Object>> M filled(M map) {
    KEYS.forEach(key -> map.put(key, "value of " + key));
    return map;
  }

  private static byte[] digest(Object model) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ModelDigest.add(sha, model);
    return sha.digest();
  }
}
