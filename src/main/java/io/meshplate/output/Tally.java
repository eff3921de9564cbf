package io.meshplate.output;

import io.meshplate.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a session found, collected from several threads: counts, the first paths of each kind in
 * sorted order (a cold render of ten thousand tenants writes half a million files; listing them
 * all would cost more memory than the render), and problems.
 */
final class Tally {
  /** Paths kept per list; counts stay exact. */
  static final int MAX_PATHS = 10_000;
  /** New contents kept for a stale-file diff ({@code check}). */
  static final int MAX_PROPOSED = 50;

  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger unchanged = new AtomicInteger();
  private final AtomicInteger deleted = new AtomicInteger();
  private final TreeSet<String> writtenPaths = new TreeSet<>();
  private final TreeSet<String> deletedPaths = new TreeSet<>();
  private final TreeSet<String> foreignPaths = new TreeSet<>();
  private final TreeMap<String, byte[]> proposed = new TreeMap<>();
  private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());

  void written(String path) {
    written.incrementAndGet();
    keep(writtenPaths, path);
  }

  void deleted(String path) {
    deleted.incrementAndGet();
    keep(deletedPaths, path);
  }

  void unchanged() {
    unchanged.incrementAndGet();
  }

  void foreign(String path) {
    keep(foreignPaths, path);
  }

  /** The new content of a file that exists with other bytes, kept for the first few paths. */
  void proposed(String path, byte[] bytes) {
    synchronized (proposed) {
      proposed.put(path, bytes);
      if (proposed.size() > MAX_PROPOSED) {
        proposed.pollLastEntry();
      }
    }
  }

  void problem(Problem problem) {
    problems.add(problem);
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  List<Problem> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  int operations() {
    return written.get() + deleted.get();
  }

  WriteReport report() {
    synchronized (this) {
      SortedMap<String, byte[]> kept;
      synchronized (proposed) {
        kept = new TreeMap<>(proposed);
      }
      return new WriteReport(written.get(), unchanged.get(), deleted.get(), sorted(writtenPaths),
          sorted(deletedPaths), sorted(foreignPaths), kept);
    }
  }

  private static List<String> sorted(TreeSet<String> paths) {
    synchronized (paths) {
      return List.copyOf(paths);
    }
  }

  private static void keep(TreeSet<String> paths, String path) {
    synchronized (paths) {
      paths.add(path);
      if (paths.size() > MAX_PATHS) {
        paths.pollLast();
      }
    }
  }
}
