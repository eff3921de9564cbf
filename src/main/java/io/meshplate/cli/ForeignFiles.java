package io.meshplate.cli;

import io.meshplate.FileKind;
import io.meshplate.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How a file in {@code output/} that meshplate did not render is reported: with what Argo CD
 * would do with it as the folder stands on disk, which is what a commit would give it.
 *
 * <p>The facts each message rests on: Argo CD builds a folder with Kustomize when it holds a
 * {@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization} and Kustomize is
 * not turned off ({@code kustomize.enable: "false"} in {@code argocd-cm}); otherwise it applies the
 * folder's {@code .yaml}, {@code .yml} and {@code .json} files as plain manifests (Argo CD,
 * user-guide/tool_detection.md and user-guide/directory.md). Kustomize refuses a folder with more
 * than one kustomization file ("Found multiple kustomization files", kustomize api/konfig). A
 * Kustomize build deploys only what the kustomization lists, and meshplate's lists only the files
 * it rendered.
 */
final class ForeignFiles {
  static final String RULE = "OUTPUT-FOREIGN-FILE";

  private static final List<String> KUSTOMIZATIONS = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private ForeignFiles() {}

  /** The problem for {@code path}, relative to {@code output}. */
  static Problem problem(Path output, String path) {
    return Problem.at("output/" + path, 0, 0, RULE, "not rendered by meshplate: " + effect(output, path))
        .withHint("remove it, or render it from a template; meshplate never changes or deletes it, and check fails while it is there");
  }

  private static String effect(Path output, String path) {
    Path file = output.resolve(path);
    Path folder = file.getParent();
    String shown = "output/" + output.relativize(folder).toString().replace('\\', '/');
    String name = file.getFileName().toString();
    long kustomizations = KUSTOMIZATIONS.stream()
        .filter(candidate -> FileKind.of(folder.resolve(candidate)) == FileKind.FILE)
        .count();
    if (KUSTOMIZATIONS.contains(name) && kustomizations > 1) {
      return "a second kustomization file in " + shown + ": Kustomize refuses to build the folder, so Argo CD"
          + " cannot sync it until one is gone";
    }
    if (KUSTOMIZATIONS.contains(name)) {
      return "Argo CD builds " + shown + " with this kustomization, unreviewed";
    }
    if (kustomizations > 0) {
      return "Argo CD builds " + shown + " with Kustomize and leaves this file out, unless a kustomization"
          + " lists it (meshplate's never does) or argocd-cm turns Kustomize off; then it deploys unreviewed";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
      return shown + " has no kustomization, so an Argo CD application whose path is that folder applies this"
          + " file as a plain manifest, unreviewed";
    }
    return "Argo CD does not apply it (only .yaml, .yml and .json files are manifests), but readers of output/"
        + " take what is there for generated";
  }
}
