package io.meshplate.descriptor;

import io.meshplate.FileKind;
import io.meshplate.InvalidInputException;
import io.meshplate.IoFailure;
import io.meshplate.PlatformFolders;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.SourceMap.Position;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The platform settings descriptor checks depend on: reserved namespace names and prefixes
 * ({@code guardrails:} in {@code templates/base/defaults.yaml}) and the overlays that exist.
 *
 * <p>A missing file, section or key falls back to the built-in lists below, so reserved names
 * stay reserved even in a half-configured repository; an explicit empty list turns a list off.
 *
 * @param overlays names of the directories under {@code templates/overlays/}; empty when that
 *     folder does not exist (then environment names are not checked)
 */
record PlatformConfig(
    SortedSet<String> reservedNamespaces, List<String> reservedPrefixes, Optional<SortedSet<String>> overlays) {

  static final List<String> DEFAULT_RESERVED_NAMESPACES = List.of(
      "argocd", "default", "istio-system", "kube-node-lease", "kube-public", "kube-system",
      "openshift-gitops", "openshift-monitoring", "openshift-user-workload-monitoring");
  static final List<String> DEFAULT_RESERVED_PREFIXES = List.of("argocd-", "istio-", "kube-", "openshift-");

  static PlatformConfig read(Workspace workspace, ContentMemo memo) {
    PlatformFolders.require(workspace);
    Path defaults = workspace.baseTemplates().resolve("defaults.yaml");
    List<String> namespaces = DEFAULT_RESERVED_NAMESPACES;
    List<String> prefixes = DEFAULT_RESERVED_PREFIXES;
    // A link or special file here is refused with its own rule when the overlays are loaded; the
    // built-in lists stand in until then, and nothing is read through it.
    if (FileKind.of(defaults) == FileKind.FILE) {
      String file = workspace.display(defaults);
      StrictYaml.Document document = memo.read(file, bytes(defaults, file), YamlLimits.PLATFORM);
      List<Problem> problems = new ArrayList<>();
      Object guardrails = document.rootMap().get("guardrails");
      if (guardrails instanceof Map<?, ?> section) {
        namespaces = strings(section.get("reservedNamespaces"), "/guardrails/reservedNamespaces",
            document.positions(), problems, namespaces);
        prefixes = strings(section.get("reservedPrefixes"), "/guardrails/reservedPrefixes",
            document.positions(), problems, prefixes);
      } else if (guardrails != null || document.rootMap().containsKey("guardrails")) {
        problems.add(platformProblem(document.positions(), "/guardrails", "`guardrails` must be a map"));
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
    }
    return new PlatformConfig(new TreeSet<>(namespaces), prefixes.stream().sorted().toList(),
        overlays(workspace));
  }

  /** The built-in lists, for callers without a workspace (tests). */
  static PlatformConfig defaults() {
    return new PlatformConfig(new TreeSet<>(DEFAULT_RESERVED_NAMESPACES), DEFAULT_RESERVED_PREFIXES,
        Optional.empty());
  }

  private static List<String> strings(
      Object value, String pointer, SourceMap positions, List<Problem> problems, List<String> fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    problems.add(platformProblem(positions, pointer, Hints.field(pointer) + " must be a list of strings"));
    return fallback;
  }

  private static Problem platformProblem(SourceMap positions, String pointer, String message) {
    Position at = positions.value(pointer);
    return new Problem(positions.file(), at.line(), at.column(), "PLATFORM-GUARDRAILS", message,
        "see the comment at the top of the guardrails section");
  }

  private static Optional<SortedSet<String>> overlays(Workspace workspace) {
    Path dir = workspace.overlays();
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      SortedSet<String> names = new TreeSet<>();
      entries.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
      return Optional.of(names);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, workspace.display(dir), "cannot list", e);
    }
  }

  private static byte[] bytes(Path path, String shown) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, shown, "cannot read", e);
    }
  }
}
