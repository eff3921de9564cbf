package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM settings: the heap ceiling an out-of-memory message names is the one it
 * sets, users can override it, and another build runs with the same settings.
 */
class LauncherSettingsTest {
  @TempDir Path dir;

  @Test
  void theLauncherSetsTheCeilingTheMessageNamesAndLetsUsersOverrideIt() throws Exception {
    String launcher = Files.readString(Path.of("meshplate"));

    assertThat(launcher).contains("opts=(-Xmx" + Launcher.DEFAULT_HEAP + " ");
    // Options given by the user come after the launcher's own, so the JVM takes theirs.
    assertThat(launcher.lastIndexOf("${MESHPLATE_JAVA_OPTS:-}")).isGreaterThan(launcher.indexOf("\"${opts[@]}\" ${MESHPLATE"));
    assertThat(launcher).contains("exec java \"${opts[@]}\" ${MESHPLATE_JAVA_OPTS:-} -jar");
  }

  /**
   * {@code MESHPLATE_JAR} (what {@code bench/ab.sh} times builds with) runs the given jar, with
   * its arguments, under the launcher's settings, user options last, and without the class
   * archive recorded for this checkout's jar. The jar here prints what its JVM was started with.
   */
  @Test
  void anotherBuildRunsWithTheLaunchersSettingsAndNoClassArchive() throws Exception {
    Path jar = jvmArgumentsJar();
    ProcessBuilder launch = new ProcessBuilder("bash", "meshplate", "--version", "-q").redirectErrorStream(true);
    launch.environment().put("MESHPLATE_JAR", jar.toString());
    launch.environment().put("MESHPLATE_JAVA_OPTS", "-Xmx300m");
    launch.environment().remove("MESHPLATE_NO_CDS");
    Process process = launch.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();

    List<String> lines = out.lines().toList();
    assertThat(lines).last().isEqualTo("args: --version -q");
    assertThat(lines).contains("-Xmx" + Launcher.DEFAULT_HEAP, "-XX:+UseParallelGC", "-XX:OldPLABSize=16384",
        "-XX:TenuredGenerationSizeIncrement=10", "-XX:TenuredGenerationSizeSupplement=0", "-XX:TieredStopAtLevel=1",
        "-XX:CICompilerCount=1", "-XX:-UsePerfData");
    assertThat(lines.indexOf("-Xmx300m")).isGreaterThan(lines.indexOf("-Xmx" + Launcher.DEFAULT_HEAP));
    assertThat(lines).noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
    // The heap's floor is left out under a ceiling of the user's: 512 MiB above 300 would stop the JVM.
    assertThat(lines).doesNotContain("-Xms512m");
  }

  /**
   * The launcher keeps the heap from shrinking below its floor unless the user sizes the heap
   * (a ceiling, a floor or an initial size, in either spelling), and the JVM starts either way.
   */
  @Test
  void theHeapFloorGivesWayToAHeapTheUserSizes() throws Exception {
    Path jar = jvmArgumentsJar();
    assertThat(runWith(jar, "-XX:+UseParallelGC")).contains("-Xms512m");
    assertThat(runWith(jar, "")).contains("-Xms512m");
    for (String sized : List.of("-Xmx256m", "-Xms64m", "-XX:MaxHeapSize=256m", "-XX:+UseParallelGC -XX:InitialHeapSize=64m")) {
      assertThat(runWith(jar, sized)).as(sized).doesNotContain("-Xms512m");
    }
  }

  /**
   * {@code diff} holds both sides of a review and gets a floor of 1 GiB; every other command keeps
   * 512 MiB. The command is the first word that is not an option, nor the folder {@code --root}
   * names.
   */
  @Test
  void diffGetsTheLargerHeapFloor() throws Exception {
    Path jar = jvmArgumentsJar();
    for (String diff : List.of("diff", "diff --base HEAD", "-q diff", "--root project diff", "--root=diff diff",
        "--no-color --root render diff --format markdown")) {
      assertThat(runWith(jar, "", diff.split(" "))).as(diff).contains("-Xms1g").doesNotContain("-Xms512m");
    }
    for (String other : List.of("render", "check --base diff", "--root diff check", "reach --from diff")) {
      assertThat(runWith(jar, "", other.split(" "))).as(other).contains("-Xms512m").doesNotContain("-Xms1g");
    }
    assertThat(runWith(jar, "-Xmx800m", "diff")).noneMatch(arg -> arg.startsWith("-Xms"));
  }

  /** The JVM arguments {@code jar} was started with through the launcher, with {@code javaOpts} as the user's. */
  private static List<String> runWith(Path jar, String javaOpts) throws Exception {
    return runWith(jar, javaOpts, "--version");
  }

  /** As {@link #runWith(Path, String)}, with {@code args} as meshplate's command line. */
  private static List<String> runWith(Path jar, String javaOpts, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "meshplate"));
    command.addAll(List.of(args));
    ProcessBuilder launch = new ProcessBuilder(command).redirectErrorStream(true);
    launch.environment().put("MESHPLATE_JAR", jar.toString());
    launch.environment().put("MESHPLATE_JAVA_OPTS", javaOpts);
    Process process = launch.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out.lines().toList();
  }

  /**
   * A checkout's own jar runs with the class archive the launcher dumps for it, mapped where it was
   * dumped (Java 17.0.15 and later relocate it at every start unless told not to); the archive is
   * dumped once for a jar and a JVM and reused by the next run. The checkout here is a copy of the
   * launcher beside a jar that prints its JVM arguments, with sources older than the jar.
   */
  @Test
  void aCheckoutsJarRunsWithItsClassArchiveMappedWhereItWasDumped() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Files.copy(Path.of("meshplate"), checkout.resolve("meshplate"));
    Files.createDirectories(checkout.resolve("src/main"));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>");
    Path jar = Files.createDirectories(checkout.resolve("target")).resolve("meshplate-all.jar");
    Files.copy(jvmArgumentsJar(), jar);
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    for (Path p : List.of(checkout.resolve("pom.xml"), checkout.resolve("src/main"), checkout.resolve("src"))) {
      Files.setLastModifiedTime(p, old);
    }

    List<String> first = launch(checkout);
    Path archive = checkout.resolve("target/meshplate.jsa");
    assertThat(archive).isRegularFile();
    assertThat(first).contains("-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions",
        "-XX:ArchiveRelocationMode=0");
    FileTime dumped = Files.getLastModifiedTime(archive);

    List<String> second = launch(checkout);
    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(dumped);
  }

  /**
   * The archive lists the classes of the runs users make: a check of the project, then, on a copy
   * of a small project, a first render, a render after a descriptor changed and reach; the copy is
   * removed afterwards. A project of more than 100 descriptors trains with the check alone.
   */
  @Test
  void theTrainingRunsCheckTheProjectAndRenderACopyOfASmallOne() throws Exception {
    Path small = checkout("small", 3);
    List<String> runs = trainingRuns(small, null);
    assertThat(runs).hasSize(4);
    assertThat(runs.get(0)).isEqualTo("--root " + small + " check --no-cache -q");
    String copy = runs.get(1).split(" ")[1];
    assertThat(Path.of(copy)).isNotEqualTo(small).doesNotExist();
    assertThat(runs.subList(1, 4)).containsExactly("--root " + copy + " render -q", "--root " + copy + " render -q",
        "--root " + copy + " reach");
    // The descriptor changed before the second render is the copy's, never the project's.
    assertThat(Files.readString(small.resolve("tenants/t0.yaml"))).doesNotContain("# changed");

    Path large = checkout("large", 101);
    assertThat(trainingRuns(large, null)).containsExactly("--root " + large + " check --no-cache -q");

    // No temporary folder to copy into: the check alone, and the launcher still runs the command.
    Path noTemp = checkout("no-temp", 3);
    assertThat(trainingRuns(noTemp, dir.resolve("missing").toString()))
        .containsExactly("--root " + noTemp + " check --no-cache -q");
  }

  /** A checkout of the launcher and a jar that logs its arguments, with {@code descriptors} tenants. */
  private Path checkout(String name, int descriptors) throws Exception {
    Path checkout = Files.createDirectories(dir.resolve(name));
    Files.copy(Path.of("meshplate"), checkout.resolve("meshplate"));
    Files.createDirectories(checkout.resolve("src/main"));
    Files.createDirectories(checkout.resolve("templates/base"));
    Files.createDirectories(checkout.resolve("tenants"));
    for (int i = 0; i < descriptors; i++) {
      Files.writeString(checkout.resolve("tenants/t" + i + ".yaml"), "metadata: {name: t" + i + "}\n");
    }
    Files.writeString(checkout.resolve("pom.xml"), "<project/>");
    Files.copy(jvmArgumentsJar(), Files.createDirectories(checkout.resolve("target")).resolve("meshplate-all.jar"));
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    for (Path p : List.of(checkout.resolve("pom.xml"), checkout.resolve("src/main"), checkout.resolve("src"))) {
      Files.setLastModifiedTime(p, old);
    }
    return checkout;
  }

  /**
   * The arguments of each run the jar made while the launcher of {@code checkout} trained, before
   * it ran {@code --version}; {@code tmpdir}, when not null, is the launcher's {@code TMPDIR}.
   */
  private List<String> trainingRuns(Path checkout, String tmpdir) throws Exception {
    Path log = checkout.resolve("runs.log");
    Map<String, String> environment = new HashMap<>(Map.of("RUNS_LOG", log.toString()));
    if (tmpdir != null) {
      environment.put("TMPDIR", tmpdir);
    }
    launch(checkout, environment);
    List<String> runs = Files.readAllLines(log);
    assertThat(runs).last().isEqualTo("--version");
    return runs.subList(0, runs.size() - 1);
  }

  private static List<String> launch(Path checkout) throws Exception {
    return launch(checkout, Map.of());
  }

  /** The output of the launcher of {@code checkout} running {@code --version}, with {@code environment} added. */
  private static List<String> launch(Path checkout, Map<String, String> environment) throws Exception {
    ProcessBuilder launch = new ProcessBuilder("bash", checkout.resolve("meshplate").toString(), "--version")
        .redirectErrorStream(true);
    launch.environment().remove("MESHPLATE_JAR");
    launch.environment().remove("MESHPLATE_NO_CDS");
    launch.environment().remove("MESHPLATE_JAVA_OPTS");
    launch.environment().putAll(environment);
    Process process = launch.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    assertThat(out).doesNotContain("building");
    return out.lines().toList();
  }

  /**
   * A jar whose main class prints each JVM argument on a line, then its own arguments, and appends
   * its arguments as a line to the file {@code RUNS_LOG} names, when set.
   */
  private Path jvmArgumentsJar() throws IOException {
    Path source = dir.resolve("src/PrintJvm.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        public class PrintJvm {
          public static void main(String[] args) throws Exception {
            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(System.out::println);
            System.out.println("args: " + String.join(" ", args));
            String log = System.getenv("RUNS_LOG");
            if (log != null) {
              java.nio.file.Files.writeString(java.nio.file.Path.of(log), String.join(" ", args) + "\\n",
                  java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
          }
        }
        """);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
    assertThat(compiled).isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "PrintJvm");
    Path jar = dir.resolve("print-jvm.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry("PrintJvm.class"));
      out.write(Files.readAllBytes(classes.resolve("PrintJvm.class")));
      out.closeEntry();
    }
    return jar;
  }
}
