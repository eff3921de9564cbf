package io.meshplate.render;

import io.meshplate.overlay.OverlayLoader;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.yaml.CanonicalYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl kustomize} builds every rendered folder (runs in CI; skipped elsewhere without kubectl). */
@Requires(Requirement.KUBECTL)
class KustomizeBuildTest {
  @TempDir Path output;

  @Test
  void kubectlKustomizeBuildsEveryRenderedFolder() throws IOException, InterruptedException {
    Workspace ws = TestTenants.project();
    RenderedTree tree = Renderer.freemarker().render(ws, OverlayLoader.load(ws), TestTenants.load(ws), Set.of(), Set.of());
    Set<Path> folders = new TreeSet<>();
    for (RenderedFile file : tree.files().values()) {
      Path target = output.resolve(file.path());
      Files.createDirectories(target.getParent());
      Files.writeString(target, CanonicalYaml.write(file), StandardCharsets.UTF_8);
      folders.add(target.getParent());
    }
    List<String> failures = new ArrayList<>();
    for (Path folder : folders) {
      Process process = new ProcessBuilder("kubectl", "kustomize", folder.toString())
          .redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        failures.add(output.relativize(folder) + ": " + text);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(folders).hasSizeGreaterThan(20);
  }

}
