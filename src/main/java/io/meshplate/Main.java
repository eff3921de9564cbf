package io.meshplate;

import io.meshplate.cache.CacheDir;
import io.meshplate.cli.Cli;
import io.meshplate.cli.Utf8PrintWriter;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the runnable jar. */
public final class Main {
  private Main() {}

  /** The JDK's setting for how many threads the shared pool of parallel streams keeps. */
  private static final String POOL_THREADS = "java.util.concurrent.ForkJoinPool.common.parallelism";

  public static void main(String[] args) {
    // The JDK keeps one worker fewer than there are cores, counting on the thread that starts a
    // parallel stream to work beside them. Here that thread often waits instead: on an overlay
    // judged next to others, on a render's connectivity check, and meanwhile a core stays idle
    // (the last overlay of a reach ran on one core of two for a sixth of the run). One worker
    // per core keeps every core busy (bench/ab.sh, 1,000 tenants: reach with no table kept and
    // a cold render 2-5% faster, the rest unchanged). Set before anything starts the pool;
    // -D of the same name still decides.
    if (System.getProperty(POOL_THREADS) == null) {
      System.setProperty(POOL_THREADS, Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
    warmUpMeanwhile();
    PrintWriter out = new Utf8PrintWriter(System.out);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    Cli.watchHeap(err);
    System.exit(Cli.create(out, err, args).execute(args));
  }

  /**
   * Loads and first runs, on a core that is idle at this point, what every command reading the
   * project uses first after picocli has built the command line on this thread, in the order it
   * uses them: the YAML reader, then the id of this build, which keys the cache and is a SHA-256
   * digest (so the security providers load with it). Each would otherwise cost this thread
   * 15-30 ms of class loading and interpretation before it reads the first file.
   */
  private static void warmUpMeanwhile() {
    Thread warmUp = new Thread(() -> {
      StrictYaml.readAll("warm-up", "a: [1]\n", YamlLimits.PLATFORM, false);
      CacheDir.warmUp();
    }, "meshplate-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }
}
