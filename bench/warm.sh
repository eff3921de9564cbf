#!/usr/bin/env bash
# Benchmark: how much of a cold render is the JVM warming up, and how much is the work itself.
# Renders N synthetic tenants (bench/workspace.sh, plus the 7 examples) cold ROUNDS times in one
# JVM, with the launcher's settings (through MESHPLATE_JAR, so without the class archive), and
# prints each round's wall time. The first round is what a user waits for (less JVM start); the
# later ones run code the JIT has compiled already, so what they take is the pipeline's own work.
# Before each round, output/ and .meshplate/ are moved aside (see aside in common.sh).
#
#   bench/warm.sh [N=1000] [ROUNDS=5]    OVERLAYS="dev stage prod" KEEP=1 (keep the folder)
#                                         MESHPLATE_JAVA_OPTS=... (added to the launcher's settings,
#                                         e.g. -XX:TieredStopAtLevel=4 for both compilers)
#                                         MESHPLATE_JAR=path/to/meshplate-all.jar (another build)
set -euo pipefail
n=${1:-1000}
rounds=${2:-5}
overlays=${OVERLAYS:-"dev stage prod"}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder
mkdir "$work/tree" "$work/harness"
synthetic_tree "$n" "$overlays" "$work/tree"
"$here/meshplate" --version >/dev/null   # builds the jar when it is stale

# A main class that runs meshplate's command line ROUNDS times, packed in a jar whose manifest
# puts meshplate's jar on the class path, so the launcher can start it as it starts meshplate.
cat > "$work/harness/Warm.java" <<'JAVA'
import io.meshplate.cli.Cli;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

public class Warm {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path aside = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    String pool = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(pool) == null) { // as io.meshplate.Main does: a -D of the same name decides
      System.setProperty(pool, Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    for (int round = 1; round <= rounds; round++) {
      for (String name : new String[] {"output", ".meshplate"}) {
        if (Files.exists(root.resolve(name))) {
          Files.move(root.resolve(name), aside.resolve(name + round));
        }
      }
      String[] line = {"--root", root.toString(), "render", "-q"};
      long began = System.nanoTime();
      int code = Cli.create(out, err, line).execute(line);
      System.out.printf("round %d: %.2f s (exit %d)%n", round, (System.nanoTime() - began) / 1e9, code);
      if (code != 0) {
        System.exit(code);
      }
    }
  }
}
JAVA
jar=$(readlink -f "${MESHPLATE_JAR:-$here/target/meshplate-all.jar}")
javac -d "$work/harness" -cp "$jar" "$work/harness/Warm.java"
# The build sits next to the harness under a fixed name, so the manifest names it by a relative
# URL: a path with a space or another character a URL must escape then works too.
ln -s "$jar" "$work/harness/meshplate-all.jar"
printf 'Main-Class: Warm\nClass-Path: meshplate-all.jar\n' > "$work/harness/manifest"
(cd "$work/harness" && jar cfm warm.jar manifest Warm.class)
mkdir "$work/aside"

echo "meshplate bench/warm.sh: $n tenants + 7 examples, overlays: $(ls "$work/tree/templates/overlays" | tr '\n' ' ')"
echo "cold renders in one JVM; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
MESHPLATE_JAR="$work/harness/warm.jar" "$here/meshplate" "$work/tree" "$work/aside" "$rounds"
