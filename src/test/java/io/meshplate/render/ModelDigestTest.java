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
