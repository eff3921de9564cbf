package io.meshplate.output;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A large change set for the crash test: rewrites half of the files, removes whole tenants and
 * adds new ones, so a kill can land in every phase (plan, stage, commit, apply, prune).
 */
final class CrashScenario {
  static final List<String> SCOPES = List.of("dev/");
  private static final int FILES_PER_TENANT = 8;

  private CrashScenario() {}

  static SortedMap<String, byte[]> before() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int tenant = 0; tenant < 100; tenant++) {
      for (int file = 0; file < FILES_PER_TENANT; file++) {
        files.put(path(tenant, file), OutputTrees.owned("tenant " + tenant + " file " + file + " v1"));
      }
    }
    return files;
  }

  static SortedMap<String, byte[]> after() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int tenant = 20; tenant < 130; tenant++) {
      for (int file = 0; file < FILES_PER_TENANT; file++) {
        String version = tenant >= 100 || (tenant + file) % 2 == 0 ? "v2" : "v1";
        files.put(path(tenant, file), OutputTrees.owned("tenant " + tenant + " file " + file + " " + version));
      }
    }
    return files;
  }

  private static String path(int tenant, int file) {
    return String.format(Locale.ROOT, "dev/tenants/t%03d/f%02d.yaml", tenant, file);
  }

  /** Child-process entry: applies {@link #after()} to the root in args[0]. */
  static final class ApplyMain {
    public static void main(String[] args) {
      Path root = Path.of(args[0]);
      SortedMap<String, byte[]> desired = after();
      System.out.println("READY");
      System.out.flush();
      new OutputWriter().apply(root, desired, SCOPES);
      System.out.println("DONE");
    }
  }
}
