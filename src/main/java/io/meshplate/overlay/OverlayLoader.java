package io.meshplate.overlay;

import io.meshplate.InvalidInputException;
import io.meshplate.IoFailure;
import io.meshplate.PlatformFolders;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.descriptor.ContentMemo;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code templates/base/defaults.yaml} and every {@code templates/overlays/<name>/overlay.yaml}
 * and resolves each overlay's chain and values. All problems are reported together (exit 3).
 */
public final class OverlayLoader {
  static final String DEFAULTS = "defaults.yaml";
  static final String OVERLAY_FILE = "overlay.yaml";
  private static final Set<String> KEYS = Set.of("extends", "values", "labels", "annotations", "patches");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private OverlayLoader() {}

  /** Loads and resolves every overlay of the workspace. */
  public static OverlayCatalog load(Workspace workspace) {
    return load(workspace, ContentMemo.NONE);
  }

  /** As {@link #load(Workspace)}, taking the files {@code memo} knows as they parsed before. */
  public static OverlayCatalog load(Workspace workspace, ContentMemo memo) {
    PlatformFolders.require(workspace);
    List<Problem> problems = new ArrayList<>();
    Path defaultsFile = workspace.baseTemplates().resolve(DEFAULTS);
    StrictYaml.Document defaults = read(workspace, defaultsFile, problems, memo);
    Map<String, Object> defaultValues = Map.of();
    if (defaults != null) {
      if (defaults.root() instanceof Map<?, ?>) {
        defaultValues = defaults.rootMap();
      } else {
        problems.add(new Problem(workspace.display(defaultsFile), 1, 1, "VALUES-SHAPE",
            "platform values must be a map", "write key: value pairs at the top level"));
      }
    }
    SortedMap<String, Overlay> overlays = new TreeMap<>();
    // Overlays whose own file failed: those extending them say nothing more (their problem is reported).
    Set<String> failed = new HashSet<>();
    for (Path dir : overlayDirectories(workspace)) {
      Overlay overlay = overlay(workspace, dir, problems, memo);
      if (overlay != null) {
        overlays.put(overlay.name(), overlay);
      } else {
        failed.add(dir.getFileName().toString());
      }
    }
    SortedMap<String, OverlayChain> chains = new TreeMap<>();
    SourceMap defaultPositions =
        defaults == null ? SourceMap.empty(workspace.display(defaultsFile)) : defaults.positions();
    MeshVersions meshVersions = meshVersions(workspace, problems, memo);
    ValuesSchema valuesSchema = ValuesSchema.read(workspace, problems);
    List<Problem> valueRules = new ArrayList<>();
    for (Overlay overlay : overlays.values()) {
      List<Overlay> chain = chain(overlay, overlays, failed, problems);
      // Without the platform values every overlay's merged values are incomplete: checking them
      // would only repeat, overlay by overlay, that defaults.yaml could not be read.
      if (chain != null && defaults != null) {
        OverlayChain resolved = ValueLayers.resolve(defaultValues, defaultPositions, chain);
        if (!(resolved.values().get("namespaceSuffix") instanceof String)) {
          problems.add(new Problem(overlay.file(), 1, 1, "OVERLAY-NAMESPACE-SUFFIX",
              "overlay '" + overlay.name() + "' has no string value 'namespaceSuffix'",
              "set values.namespaceSuffix, e.g. '-" + overlay.name() + "', here or in the overlay it extends"));
          continue;
        }
        valueRules.addAll(PlatformValueRules.check(resolved));
        ValueLayers.Origins origins = new ValueLayers.Origins(defaultPositions, chain);
        if (meshVersions != null) {
          problems.addAll(MeshVersionCheck.check(resolved, meshVersions, origins));
        }
        problems.addAll(RolloutCheck.check(resolved, meshVersions, origins));
        chains.put(overlay.name(), resolved);
      }
    }
    problems.addAll(valueRules);
    // A value both refuse is reported once, in the words of meshplate's own rule: it says what
    // the value is for (the alert's `for`, the Route's plain-HTTP answer).
    Set<String> refusedAt = new HashSet<>();
    valueRules.forEach(p -> refusedAt.add(p.file() + ":" + p.line()));
    (valuesSchema == null ? List.<Problem>of() : valuesSchema.check(chains.values(), memo)).stream()
        .filter(p -> !refusedAt.contains(p.file() + ":" + p.line())).forEach(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new OverlayCatalog(defaultValues, chains, meshVersions);
  }

  /**
   * The version table, or null when the workspace has none (nothing to check against) or it is
   * malformed (then with problems, and the overlays are not checked against a broken table).
   */
  private static MeshVersions meshVersions(Workspace workspace, List<Problem> problems, ContentMemo memo) {
    if (PlatformFiles.refuse(workspace, MeshVersions.path(workspace), MeshVersions.RULE_FILE, false, problems)
        || !MeshVersions.exists(workspace)) {
      return null;
    }
    try {
      return MeshVersions.read(workspace, memo);
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static List<Path> overlayDirectories(Workspace workspace) {
    if (!Files.isDirectory(workspace.overlays())) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(workspace.overlays())) {
      return list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, workspace.display(workspace.overlays()), "cannot list", e);
    }
  }

  private static Overlay overlay(Workspace workspace, Path dir, List<Problem> problems, ContentMemo memo) {
    String name = dir.getFileName().toString();
    Path file = dir.resolve(OVERLAY_FILE);
    String shown = workspace.display(file);
    if (PlatformFiles.refuse(workspace, dir, "OVERLAY-NOT-FILE", true, problems)
        || PlatformFiles.refuse(workspace, file, "OVERLAY-NOT-FILE", false, problems)) {
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      problems.add(new Problem(workspace.display(dir), 0, 0, "OVERLAY-NAME",
          "overlay folder '" + Messages.escape(name) + "' is not a DNS-1123 label",
          "rename the folder using lower-case letters, digits and '-'"));
      return null;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(new Problem(shown, 0, 0, "OVERLAY-MISSING-FILE",
          "overlay folder '" + name + "' has no overlay.yaml", "add overlay.yaml (it may be just 'values: {}')"));
      return null;
    }
    StrictYaml.Document document = read(workspace, file, problems, memo);
    if (document == null) {
      return null;
    }
    if (!(document.root() instanceof Map<?, ?>)) {
      problems.add(new Problem(shown, 1, 1, "OVERLAY-SHAPE", "overlay.yaml must be a map",
          "write the keys extends, values, labels, annotations, patches"));
      return null;
    }
    Map<String, Object> root = document.rootMap();
    SourceMap positions = document.positions();
    int before = problems.size();
    for (String key : root.keySet()) {
      if (!KEYS.contains(key)) {
        SourceMap.Position at = positions.key(SourceMap.child("", key));
        problems.add(new Problem(shown, at.line(), at.column(), "OVERLAY-UNKNOWN-KEY",
            "unknown key '" + Messages.escape(key) + "'",
            "allowed keys: annotations, extends, labels, patches, values"));
      }
    }
    Object parent = root.get("extends");
    requireShape(parent == null || parent instanceof String, "/extends", "a string (an overlay name)", shown, positions, problems);
    Object values = root.get("values");
    requireShape(values == null || values instanceof Map<?, ?>, "/values", "a map", shown, positions, problems);
    requireShape(root.get("labels") == null || root.get("labels") instanceof Map<?, ?>, "/labels", "a map", shown, positions, problems);
    requireShape(root.get("annotations") == null || root.get("annotations") instanceof Map<?, ?>, "/annotations", "a map", shown, positions, problems);
    requireShape(root.get("patches") == null || root.get("patches") instanceof List<?>, "/patches", "a list", shown, positions, problems);
    if (problems.size() > before) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> valueMap = values == null ? Map.of() : (Map<String, Object>) values;
    return new Overlay(name, shown, dir, (String) parent, valueMap, root.get("labels"),
        root.get("annotations"), root.get("patches"), positions);
  }

  private static void requireShape(boolean ok, String pointer, String expected, String file,
      SourceMap positions, List<Problem> problems) {
    if (!ok) {
      SourceMap.Position at = positions.value(pointer);
      problems.add(new Problem(file, at.line(), at.column(), "OVERLAY-SHAPE",
          "'" + pointer.substring(1) + "' must be " + expected, null));
    }
  }

  /**
   * The chain base-most first, or null on a missing parent or a cycle (with a problem, unless the
   * parent's folder is among {@code failed}: its own problem says what is wrong).
   */
  private static List<Overlay> chain(Overlay overlay, Map<String, Overlay> overlays, Set<String> failed,
      List<Problem> problems) {
    Set<String> seen = new LinkedHashSet<>();
    List<Overlay> chain = new ArrayList<>();
    Overlay current = overlay;
    while (current != null) {
      if (!seen.add(current.name())) {
        SourceMap.Position at = overlay.positions().value("/extends");
        problems.add(new Problem(overlay.file(), at.line(), at.column(), "OVERLAY-EXTENDS-CYCLE",
            "the 'extends' chain of overlay '" + overlay.name() + "' loops: " + String.join(" -> ", seen) + " -> " + current.name(),
            "remove 'extends' from one overlay of the cycle"));
        return null;
      }
      chain.add(0, current);
      if (current.parent() == null) {
        return chain;
      }
      Overlay parent = overlays.get(current.parent());
      if (parent == null) {
        if (current == overlay && !failed.contains(current.parent())) {
          SourceMap.Position at = overlay.positions().value("/extends");
          problems.add(new Problem(overlay.file(), at.line(), at.column(), "OVERLAY-EXTENDS-MISSING",
              "overlay '" + overlay.name() + "' extends '" + Messages.escape(current.parent()) + "', which does not exist",
              "name a folder under templates/overlays/ or remove 'extends'"));
        }
        return null;
      }
      current = parent;
    }
    return chain;
  }

  private static StrictYaml.Document read(Workspace workspace, Path file, List<Problem> problems, ContentMemo memo) {
    String shown = workspace.display(file);
    if (PlatformFiles.refuse(workspace, file, "VALUES-NOT-FILE", false, problems)) {
      return null;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(new Problem(shown, 0, 0, "VALUES-MISSING-FILE", shown + " does not exist",
          "create it with the platform values every overlay starts from"));
      return null;
    }
    try {
      return memo.read(shown, Files.readAllBytes(file), YamlLimits.PLATFORM);
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return null;
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, shown, "cannot read", e);
    }
  }
}
