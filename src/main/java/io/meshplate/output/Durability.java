package io.meshplate.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Flushes files to stable storage. A run flushes only its pack and journal (see {@link
 * RetainedRuns}); flushing every written file is the fallback where the kernel's boot cannot be
 * identified. One fsync costs a journal commit (about a millisecond on our VMs), so that fallback
 * issues them from several threads at once and the file system folds them into shared commits.
 */
final class Durability {
  private static final int THREADS = 32;
  private static final int SEQUENTIAL_BELOW = 64;

  private Durability() {}

  static void syncAll(List<Path> files) throws IOException {
    syncAll(files, false);
  }

  /** As {@link #syncAll(List)}; for directories a platform that cannot open them is no error. */
  static void syncAll(List<Path> files, boolean directories) throws IOException {
    if (files.size() < SEQUENTIAL_BELOW) {
      for (Path file : files) {
        sync(file, directories);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "meshplate-fsync");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> pending = new ArrayList<>();
      int slice = (files.size() + THREADS - 1) / THREADS;
      for (int start = 0; start < files.size(); start += slice) {
        List<Path> part = files.subList(start, Math.min(files.size(), start + slice));
        pending.add(pool.submit(() -> {
          for (Path file : part) {
            sync(file, directories);
          }
          return null;
        }));
      }
      for (Future<?> future : pending) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while flushing staged files", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io
          : e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause()
          : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Makes renames inside {@code dir} durable; a no-op where directories cannot be opened. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Windows cannot open a directory; there the rename itself is the best available.
    }
  }

  private static void sync(Path file, boolean directory) {
    // Linux flushes through a read-only descriptor too, the only kind a directory allows.
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!directory) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
