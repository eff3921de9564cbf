package io.meshplate.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Not a test: measures {@link OutputWriter} on a large tree. Run with
 * {@code java -cp <test classpath> io.meshplate.output.OutputBenchmark DIR TENANTS}.
 */
final class OutputBenchmark {
  public static void main(String[] args) throws Exception {
    Path root = Files.createDirectories(Path.of(args[0]));
    int tenants = Integer.parseInt(args[1]);
    List<String> overlays = List.of("dev", "stage", "prod");
    SortedMap<String, byte[]> desired = new TreeMap<>();
    for (String overlay : overlays) {
      for (int t = 0; t < tenants; t++) {
        for (int f = 0; f < 10; f++) {
          String path = String.format(Locale.ROOT, "%s/tenants/t%05d/template-%02d.yaml", overlay, t, f);
          desired.put(path, OutputTrees.owned(("kind: Example\nmetadata: {name: t" + t + "-" + f + "}\n").repeat(12)));
        }
      }
    }
    List<String> scopes = overlays.stream().map(o -> o + "/").toList();
    OutputWriter writer = new OutputWriter();
    time("first write", () -> writer.apply(root, desired, scopes));
    time("no change  ", () -> writer.apply(root, desired, scopes));
    SortedMap<String, byte[]> changed = new TreeMap<>(desired);
    changed.keySet().removeIf(p -> p.contains("t00001/"));
    desired.keySet().stream().filter(p -> p.endsWith("template-03.yaml")).forEach(p -> changed.put(p, OutputTrees.owned("changed " + p)));
    time("10% change ", () -> writer.apply(root, changed, scopes));
  }

  private static void time(String label, Supplier<WriteReport> run) {
    long start = System.nanoTime();
    WriteReport report = run.get();
    System.out.printf(Locale.ROOT, "%s: %6d ms  written %d unchanged %d deleted %d%n", label,
        (System.nanoTime() - start) / 1_000_000, report.written(), report.unchanged(), report.deleted());
  }
}
