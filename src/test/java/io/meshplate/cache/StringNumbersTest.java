package io.meshplate.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StringNumbersTest {

  @Test
  void givesEachStringItsNumberAcrossGrowth() {
    StringNumbers numbers = new StringNumbers(0);
    for (int i = 0; i < 20_000; i++) {
      numbers.add("s" + i, i);
    }
    for (int i = 0; i < 20_000; i++) {
      assertEquals(i, numbers.get(new String("s" + i)), "s" + i); // equal, not the same instance
    }
    assertEquals(-1, numbers.get("s20000"));
    assertEquals(-1, numbers.get(""));
  }

  @Test
  void stringsWithTheSameHashAreToldApart() {
    // "Aa" and "BB" share a hash code, and so does every concatenation of them.
    StringNumbers numbers = new StringNumbers(4);
    List<String> colliding = new ArrayList<>();
    for (String a : List.of("Aa", "BB")) {
      for (String b : List.of("Aa", "BB")) {
        for (String c : List.of("Aa", "BB")) {
          colliding.add(a + b + c);
        }
      }
    }
    for (int i = 0; i < colliding.size(); i++) {
      numbers.add(colliding.get(i), 100 + i);
    }
    for (int i = 0; i < colliding.size(); i++) {
      assertEquals(100 + i, numbers.get(colliding.get(i)));
    }
  }

  @Test
  void readersOnOtherThreadsSeeEveryNumberAddedBeforeTheyLook() throws Exception {
    // One writer adds (growing the table many times) while readers look up what it added so far:
    // a reader never sees a string without its number, nor a wrong one.
    StringNumbers numbers = new StringNumbers(1);
    int total = 200_000;
    AtomicInteger added = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          int checked = 0;
          while (added.get() < total) {
            int upTo = added.get();
            for (int i = Math.max(0, upTo - 500); i < upTo; i++) {
              assertEquals(i, numbers.get("k" + i));
              checked++;
            }
          }
          return checked;
        }));
      }
      for (int i = 0; i < total; i++) {
        numbers.add("k" + i, i);
        added.set(i + 1);
      }
      for (Future<Integer> reader : readers) {
        reader.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < total; i += 997) {
      assertEquals(i, numbers.get("k" + i));
    }
  }
}
