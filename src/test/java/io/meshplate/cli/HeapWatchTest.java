package io.meshplate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the heap watch ends a run: collections taking nearly all of a full window, nothing less. */
class HeapWatchTest {
  @Test
  void aRunCollectingNinetyFivePercentOfThirtySecondsIsEnded() {
    HeapWatch.Share share = new HeapWatch.Share();
    boolean ended = false;
    for (int second = 0; second <= 40 && !ended; second++) {
      ended = share.add(second * 1000L, second * 950L);
      if (second < HeapWatch.WINDOW_SECONDS - 1) {
        assertFalse(ended, "ended before a full window at second " + second);
      }
    }
    assertTrue(ended);
  }

  @Test
  void heavyCollectionBelowTheLimitOrShorterThanTheWindowIsLeftAlone() {
    HeapWatch.Share busy = new HeapWatch.Share();
    for (int second = 0; second <= 300; second++) {
      assertFalse(busy.add(second * 1000L, second * 850L), "85% is below the limit, second " + second);
    }
    // A burst of full collections (20 s at 100%) inside otherwise normal work.
    HeapWatch.Share burst = new HeapWatch.Share();
    long gc = 0;
    for (int second = 0; second <= 120; second++) {
      gc += second >= 50 && second < 70 ? 1000 : 100;
      assertFalse(burst.add(second * 1000L, gc), "burst shorter than the window, second " + second);
    }
  }
}
