package io.meshplate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.TestProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated completion script, sourced by the real bash and driven the way bash drives it
 * (COMP_WORDS, COMP_CWORD): names come from the project on disk when completing.
 */
class CompletionTest {
  @TempDir Path dir;

  /** The candidates bash would offer after {@code line} (which ends with the word being completed). */
  private String complete(Path script, Path cwd, String line) throws Exception {
    Path driver = dir.resolve("driver.sh");
    Files.writeString(driver, """
        compopt() { :; }   # only usable inside a real completion; a no-op here
        source "$1"
        COMP_LINE="$2"
        read -ra COMP_WORDS <<< "$2"
        [[ "$2" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        _complete_meshplate
        printf '%s\\n' "${COMPREPLY[@]}"
        """);
    Process bash = new ProcessBuilder("bash", driver.toString(), script.toString(), line)
        .directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void completesOverlaysTenantsAndFormatsFromTheProjectOnDisk() throws Exception {
    Path project = dir.resolve("project");
    for (String overlay : new String[] {"dev", "prod-eu"}) {
      Files.createDirectories(project.resolve("templates/overlays/" + overlay));
    }
    Files.createDirectories(project.resolve("tenants"));
    Files.writeString(project.resolve("tenants/payments.yaml"), "");
    Files.writeString(project.resolve("tenants/storefront.yaml"), "");
    TestProject.Run run = TestProject.cli(project, "completion");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path script = dir.resolve("meshplate.bash");
    Files.writeString(script, run.out());

    assertThat(complete(script, project, "meshplate render --env ")).isEqualTo("dev\nprod-eu\n");
    assertThat(complete(script, project, "meshplate check -t ")).isEqualTo("payments\nstorefront\n");
    assertThat(complete(script, project, "meshplate check --allow-deletion st")).isEqualTo("storefront\n");
    assertThat(complete(script, project, "meshplate diff --format ")).isEqualTo("text\nmarkdown\njson\n");
    // From elsewhere, --root decides where the names come from; a tenant added later shows up.
    Files.writeString(project.resolve("tenants/ledger.yaml"), "");
    assertThat(complete(script, dir, "meshplate --root " + project + " explain -e prod-eu -t "))
        .isEqualTo("ledger\npayments\nstorefront\n");
    assertThat(complete(script, dir, "meshplate render --env ")).isEqualTo("\n");
  }

  @Test
  void theCompletionCommandIsNamedCompletionInItsOwnHelp() {
    TestProject.Run run = TestProject.cli(dir, "completion", "--help");
    assertThat(run.out()).startsWith("Usage: meshplate completion").doesNotContain("generate-completion");
  }
}
