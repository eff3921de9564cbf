package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The heap ceiling an out-of-memory message names is the one the launcher sets, and users can override it. */
class LauncherSettingsTest {
  @Test
  void theLauncherSetsTheCeilingTheMessageNamesAndLetsUsersOverrideIt() throws Exception {
    String launcher = Files.readString(Path.of("meshplate"));

    assertThat(launcher).contains("opts=(-Xmx" + Launcher.DEFAULT_HEAP + " ");
    // Options given by the user come after the launcher's own, so the JVM takes theirs.
    assertThat(launcher.indexOf("${MESHPLATE_JAVA_OPTS:-}")).isGreaterThan(launcher.indexOf("\"${opts[@]}\" ${MESHPLATE"));
    assertThat(launcher).contains("exec java \"${opts[@]}\" ${MESHPLATE_JAVA_OPTS:-} -jar");
  }
}
