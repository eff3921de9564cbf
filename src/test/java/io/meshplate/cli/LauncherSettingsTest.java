package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
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

  /** The JVM arguments {@code jar} was started with through the launcher, with {@code javaOpts} as the user's. */
  private static List<String> runWith(Path jar, String javaOpts) throws Exception {
    ProcessBuilder launch = new ProcessBuilder("bash", "meshplate", "--version").redirectErrorStream(true);
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

  private static List<String> launch(Path checkout) throws Exception {
    ProcessBuilder launch = new ProcessBuilder("bash", checkout.resolve("meshplate").toString(), "--version")
        .redirectErrorStream(true);
    launch.environment().remove("MESHPLATE_JAR");
    launch.environment().remove("MESHPLATE_NO_CDS");
    launch.environment().remove("MESHPLATE_JAVA_OPTS");
    Process process = launch.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    assertThat(out).doesNotContain("building");
    return out.lines().toList();
  }

  /** A jar whose main class prints each JVM argument on a line, then its own arguments. */
  private Path jvmArgumentsJar() throws IOException {
    Path source = dir.resolve("src/PrintJvm.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        public class PrintJvm {
          public static void main(String[] args) {
            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(System.out::println);
            System.out.println("args: " + String.join(" ", args));
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
