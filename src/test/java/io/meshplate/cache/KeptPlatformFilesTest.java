package io.meshplate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshplate.InvalidInputException;
import io.meshplate.Workspace;
import io.meshplate.descriptor.ContentMemo;
import io.meshplate.testing.TestProject;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform files every run reads (the platform values, each overlay, the version table) are
 * remembered as descriptors are: a run that finds their content known takes the document and its
 * positions from {@code .meshplate/cache/descriptors} instead of parsing, and what it reports is
 * what a run that parses them reports.
 */
class KeptPlatformFilesTest {
  @TempDir Path dir;

  private static final String VALUES = """
      # platform values
      mesh:
        version: "v1.26.2"   # a string
        replicas: 2
        strict: true
        ratio: 0.25
      namespaces:
        - name: a
          labels: {team: x}
        - b
      """;

  @Test
  void aKnownPlatformFileReadsBackAsItParsedWithItsPositions() {
    CacheDir cache = CacheDir.open(dir);
    byte[] content = VALUES.getBytes(StandardCharsets.UTF_8);
    StrictYaml.Document parsed = StrictYaml.read("templates/base/defaults.yaml", content, YamlLimits.PLATFORM);

    ContentMemo first = DescriptorMemo.open(cache, new Workspace(dir));
    assertThat(first.read("templates/base/defaults.yaml", content, YamlLimits.PLATFORM).root())
        .isEqualTo(parsed.root());
    DescriptorMemo.save(first);
    // No descriptor was read: the memo's file holds the platform file only.
    assertThat(cache.dir().resolve("descriptors")).isRegularFile();

    ContentMemo second = DescriptorMemo.open(cache, new Workspace(dir));
    StrictYaml.Document kept = second.read("templates/base/defaults.yaml", content, YamlLimits.PLATFORM);
    assertThat(kept.root()).isEqualTo(parsed.root());
    for (String pointer : new String[] {"/mesh/version", "/mesh/ratio", "/namespaces/0/labels/team", "/namespaces/1"}) {
      assertThat(kept.positions().value(pointer)).as(pointer).isEqualTo(parsed.positions().value(pointer));
    }
    assertThat(kept.positions().file()).isEqualTo("templates/base/defaults.yaml");
  }

  @Test
  void aPlatformFileIsKnownUnderTheLimitsItWasReadWithOnly() {
    CacheDir cache = CacheDir.open(dir);
    byte[] content = VALUES.getBytes(StandardCharsets.UTF_8);
    ContentMemo memo = DescriptorMemo.open(cache, new Workspace(dir));
    memo.read("values.yaml", content, YamlLimits.PLATFORM);
    DescriptorMemo.save(memo);

    // The same bytes under limits they exceed are parsed, and refused, not taken from the memo.
    YamlLimits tiny = new YamlLimits(64, 64, 65_536, 500_000);
    assertThatThrownBy(() -> DescriptorMemo.open(cache, new Workspace(dir)).read("values.yaml", content, tiny))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aPlatformFileThatDoesNotParseIsReportedEveryRunAndNotRemembered() {
    CacheDir cache = CacheDir.open(dir);
    byte[] broken = "mesh:\n  version: [1, 2\n".getBytes(StandardCharsets.UTF_8);
    for (int run = 0; run < 2; run++) {
      ContentMemo memo = DescriptorMemo.open(cache, new Workspace(dir));
      assertThatThrownBy(() -> memo.read("values.yaml", broken, YamlLimits.PLATFORM))
          .isInstanceOf(InvalidInputException.class);
      DescriptorMemo.save(memo);
    }
  }

  @Test
  void aProblemInAnUnchangedPlatformFileIsReportedWhereAParseReportsIt() {
    TestProject project = TestProject.copyOf(dir);
    assertThat(project.run("validate").exitCode()).isZero();

    // The version table no longer lists the release the platform values name: the problem lies
    // in defaults.yaml, unchanged and so taken from the memo, and is reported where a parse puts it.
    project.edit("templates/base/mesh-versions.yaml", "\"1.20\": [v2.6]", "\"1.20\": [v2.6.1]");
    TestProject.Run kept = project.run("validate");
    TestProject.Run parsed = project.run("validate", "--no-cache");

    assertThat(kept.exitCode()).isEqualTo(parsed.exitCode()).isEqualTo(3);
    int line = project.read("templates/base/defaults.yaml").lines().toList().indexOf("  version: v2.6") + 1;
    assertThat(kept.err()).contains("templates/base/defaults.yaml:" + line + ":").isEqualTo(parsed.err());
  }
}
