package io.meshplate.cli;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Ends a process that spends nearly all its time collecting garbage. When a tree needs about
 * as much memory as the heap ceiling allows, the collector may never throw
 * {@link OutOfMemoryError}: every full collection frees a little, and the run crawls for hours.
 * The watch turns that into the failure an exhausted heap gets ({@code RESOURCE-EXHAUSTED},
 * exit 3, naming the ceiling and the knob) once collections took {@value #LIMIT_PERCENT}% of
 * the last {@value #WINDOW_SECONDS} seconds. It halts the process: writes to {@code output/} are
 * journalled, so a halted run is completed or rolled back by the next one, as after a crash.
 */
final class HeapWatch {
  static final int WINDOW_SECONDS = 30;
  static final int LIMIT_PERCENT = 90;
  private static final long FIRST_SAMPLE_MILLIS = 5000;

  private HeapWatch() {}

  /** Starts watching this process's collector, reporting on {@code err}. */
  static void start(PrintWriter err) {
    Thread watch = new Thread(() -> {
      try {
        // The first sample waits: a share of a whole window needs the samples of 30 s, so the
        // watch fires a few seconds later in a run that thrashes for hours, and the many runs over
        // within seconds (a reach or validate of 1,000 tenants, an unchanged render) never pay
        // for the management beans, which loaded 57 classes in 45 ms in the middle of such a run.
        Thread.sleep(FIRST_SAMPLE_MILLIS);
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        Share share = new Share();
        while (true) {
          long gc = collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum();
          if (share.add(System.nanoTime() / 1_000_000, gc)) {
            err.println(Cli.resourceExhausted(new OutOfMemoryError("collections took " + LIMIT_PERCENT
                + "% of the last " + WINDOW_SECONDS + " s")).getMessage());
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.INVALID_INPUT);
          }
          Thread.sleep(1000);
        }
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
    }, "meshplate-heap-watch");
    watch.setDaemon(true);
    watch.start();
  }

  /** The share of wall time spent collecting over a sliding window of samples. */
  static final class Share {
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /**
     * Adds a sample: the wall clock and the total collection time so far, both in milliseconds.
     *
     * @return whether collections took at least the limit of a full window
     */
    boolean add(long wallMillis, long gcMillis) {
      samples.addLast(new long[] {wallMillis, gcMillis});
      while (samples.size() > 1 && wallMillis - samples.peekFirst()[0] > WINDOW_SECONDS * 1000L) {
        samples.removeFirst();
      }
      long[] first = samples.peekFirst();
      long wall = wallMillis - first[0];
      return wall >= (WINDOW_SECONDS - 1) * 1000L && (gcMillis - first[1]) * 100 >= wall * LIMIT_PERCENT;
    }
  }
}
