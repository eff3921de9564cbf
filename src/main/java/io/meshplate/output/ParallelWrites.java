package io.meshplate.output;

import io.meshplate.OutputException;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs independent batches of file writes on a few threads, with a bounded backlog of batches
 * (the journal is read as the writes go, never held whole). The first failure stops further
 * writes and is rethrown by {@link #await}.
 */
final class ParallelWrites implements AutoCloseable {
  private static final int THREADS = Math.min(8, Math.max(2, Runtime.getRuntime().availableProcessors()));

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
    Thread thread = new Thread(runnable, "meshplate-apply");
    thread.setDaemon(true);
    return thread;
  });
  private final Semaphore backlog = new Semaphore(THREADS * 4);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  void submit(Runnable write) throws IOException {
    if (failure.get() != null) {
      return;
    }
    try {
      backlog.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while applying the journal", e);
    }
    pool.execute(() -> {
      try {
        if (failure.get() == null) {
          write.run();
        }
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, e);
      } finally {
        backlog.release();
      }
    });
  }

  /** Waits for every write; rethrows the first failure. */
  void await() throws IOException {
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        // a slow disk; keep waiting
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while applying the journal", e);
    }
    Throwable first = failure.get();
    if (first instanceof OutputException output) {
      throw output;
    }
    if (first instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (first instanceof Error error) {
      throw error;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
