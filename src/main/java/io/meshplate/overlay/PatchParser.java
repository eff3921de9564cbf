package io.meshplate.overlay;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap.Position;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code patches:}, {@code labels:} and {@code annotations:} sections of an overlay
 * (already parsed by {@link StrictYaml}) into validated values, reporting every problem at the
 * line and column the platform team wrote.
 */
final class PatchParser {
  private static final Set<String> ENTRY_KEYS = Set.of("target", "patch", "options", "optional", "path");
  private static final Set<String> TARGET_KEYS =
      Set.of("group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");
  private static final Set<String> OPTION_KEYS = Set.of("allowNameChange", "allowKindChange");

  private final SourceMap positions;
  private final Set<String> renderedKinds;
  private final List<Problem> problems = new ArrayList<>();
  private boolean checkKinds = true;

  private PatchParser(SourceMap positions, Set<String> renderedKinds) {
    this.positions = positions;
    this.renderedKinds = renderedKinds;
  }

  /**
   * Parses an overlay's {@code patches:} list.
   *
   * @param raw the value of {@code patches} (null when absent: no patches)
   * @param positions the overlay file's source map
   * @param pointer the JSON pointer of {@code patches} in that file, e.g. {@code /patches}
   * @param renderedKinds the kinds meshplate can render; a target kind matching none is an error
   * @throws InvalidInputException with every problem found
   */
  public static List<Patch> parsePatches(
      Object raw, SourceMap positions, String pointer, Set<String> renderedKinds) {
    PatchParser parser = new PatchParser(positions, Set.copyOf(renderedKinds));
    List<Patch> patches = parser.patches(raw, pointer);
    if (!parser.problems.isEmpty()) {
      throw new InvalidInputException(parser.problems);
    }
    return patches;
  }

  /**
   * Parses a {@code labels:} or {@code annotations:} map: string keys to string values, in
   * document order.
   *
   * @throws InvalidInputException with every problem found
   */
  public static Map<String, String> parseStringMap(Object raw, SourceMap positions, String pointer) {
    PatchParser parser = new PatchParser(positions, Set.of());
    Map<String, String> result = new LinkedHashMap<>();
    if (raw != null && !(raw instanceof Map<?, ?>)) {
      parser.problem(pointer, "OVERLAY-METADATA-SHAPE", "expected a map of names to text values",
          "write e.g. team: payments");
    } else if (raw instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        String at = SourceMap.child(pointer, (String) k);
        if (v instanceof String s) {
          result.put((String) k, s);
        } else {
          parser.problem(at, "OVERLAY-METADATA-VALUE",
              "the value of " + Messages.escape((String) k) + " must be text, Kubernetes stores only strings",
              "quote it, e.g. \"" + v + "\"");
        }
      });
    }
    if (!parser.problems.isEmpty()) {
      throw new InvalidInputException(parser.problems);
    }
    return Collections.unmodifiableMap(result);
  }

  private List<Patch> patches(Object raw, String pointer) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      problem(pointer, "OVERLAY-PATCH-SHAPE", "patches must be a list", "start each patch with '- target:'");
      return List.of();
    }
    List<Patch> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Patch patch = entry(list.get(i), SourceMap.child(pointer, i));
      if (patch != null) {
        result.add(patch);
      }
    }
    return List.copyOf(result);
  }

  @SuppressWarnings("unchecked")
  private Patch entry(Object raw, String at) {
    if (!(raw instanceof Map<?, ?> map)) {
      problem(at, "OVERLAY-PATCH-SHAPE", "a patch must be a map with target and patch", "see README, Overlays");
      return null;
    }
    int before = problems.size();
    unknownKeys((Map<String, Object>) map, ENTRY_KEYS, at, "patch");
    if (map.containsKey("path")) {
      problem(SourceMap.child(at, "path"), "OVERLAY-PATCH-PATH",
          "patches from separate files are not supported", "write the patch inline under 'patch: |-'");
    }
    // An optional patch may select nothing, including a kind no current tenant renders (the
    // gateway Deployment exists only while some tenant exposes a host).
    checkKinds = !bool(map.get("optional"), SourceMap.child(at, "optional"));
    PatchTarget target = map.get("target") == null ? null : target(map.get("target"), SourceMap.child(at, "target"));
    boolean allowName = false;
    if (map.get("options") != null) {
      String optAt = SourceMap.child(at, "options");
      if (map.get("options") instanceof Map<?, ?> options) {
        unknownKeys((Map<String, Object>) options, OPTION_KEYS, optAt, "options");
        allowName = bool(options.get("allowNameChange"), SourceMap.child(optAt, "allowNameChange"));
        if (bool(options.get("allowKindChange"), SourceMap.child(optAt, "allowKindChange"))) {
          problem(SourceMap.child(optAt, "allowKindChange"), "OVERLAY-PATCH-OPTION",
              "allowKindChange is not supported: an overlay cannot turn one rendered kind into another",
              "delete the object with $patch: delete and add a template for the new kind");
        }
      } else {
        problem(optAt, "OVERLAY-PATCH-SHAPE", "options must be a map", "e.g. options: {allowNameChange: true}");
      }
    }
    boolean optional = !checkKinds;
    String patchAt = SourceMap.child(at, "patch");
    Object body = map.get("patch");
    boolean inline = body instanceof String;
    int parsedBefore = problems.size();
    BodyReporter reporter = new BodyReporter(patchAt, null, false);
    if (inline) {
      String text = (String) body;
      StrictYaml.Document inner = parseInline(text, patchAt);
      body = inner == null ? null : inner.root();
      reporter = new BodyReporter(patchAt, inner == null ? null : inner.positions(), isBlock(patchAt, text));
    }
    Map<String, Object> merge = null;
    List<JsonPatchOperation> ops = null;
    if (body instanceof Map<?, ?> m) {
      merge = (Map<String, Object>) m;
      PatchBodies.checkMergePatch(reporter, merge, "");
      if (map.get("target") == null) {
        target = implicitTarget(merge, patchAt);
      }
    } else if (body instanceof List<?> l) {
      ops = PatchBodies.operations(reporter, l);
      if (map.get("target") == null) {
        problem(at, "OVERLAY-PATCH-NO-TARGET", "a JSON 6902 patch needs a target", "add target: {kind: …, name: …}");
      }
    } else if (!map.containsKey("path") && !(inline && problems.size() > parsedBefore)) {
      problem(map.containsKey("patch") ? patchAt : at, "OVERLAY-PATCH-MISSING",
          "patch must be a strategic-merge map or a JSON 6902 list of operations",
          "write 'patch: |-' followed by the patch");
    }
    if (problems.size() > before) {
      return null;
    }
    Position p = positions.value(at);
    return new Patch(positions.file(), p.line(), p.column(), target, merge, ops, allowName, optional);
  }

  private StrictYaml.Document parseInline(String text, String patchAt) {
    try {
      return StrictYaml.read(positions.file(), text, YamlLimits.PLATFORM);
    } catch (InvalidInputException e) {
      boolean block = isBlock(patchAt, text);
      Position start = positions.value(patchAt);
      for (Problem inner : e.problems()) {
        int line = block ? start.line() + inner.line() : start.line();
        problems.add(new Problem(positions.file(), line, block ? blockColumn(patchAt, inner.column()) : start.column(), inner.rule(),
            "in the patch: " + inner.message(), inner.hint()));
      }
      return null;
    }
  }

  /** The file column of column {@code column} of a block string's text; 0 when unknown. */
  private int blockColumn(String patchAt, int column) {
    int indent = positions.blockContent(patchAt).column();
    return indent > 0 && column > 0 ? indent + column - 1 : 0;
  }

  /** A {@code |-} block string starts on the key's line and holds its text from the next line. */
  private boolean isBlock(String patchAt, String text) {
    return text != null && text.contains("\n") && positions.key(patchAt).line() == positions.value(patchAt).line();
  }

  /**
   * Places a patch body's problems: a map body by its own positions; a block string by line and
   * column of the file (its text shifted by the block's indentation); any other string at its start.
   */
  private final class BodyReporter implements PatchBodies.Reporter {
    private final String patchAt;
    private final SourceMap inner;
    private final boolean block;

    BodyReporter(String patchAt, SourceMap inner, boolean block) {
      this.patchAt = patchAt;
      this.inner = inner;
      this.block = block;
    }

    @Override
    public Position position(String pointer) {
      if (inner == null) {
        return positions.value(patchAt + pointer);
      }
      Position start = positions.value(patchAt);
      Position within = inner.value(pointer);
      return block ? new Position(start.line() + within.line(), blockColumn(patchAt, within.column())) : start;
    }

    @Override
    public void report(String pointer, String rule, String message, String hint) {
      Position p = position(pointer);
      problems.add(new Problem(positions.file(), p.line(), p.column(), rule, message, hint));
    }
  }

  @SuppressWarnings("unchecked")
  private PatchTarget target(Object raw, String at) {
    if (!(raw instanceof Map<?, ?> map)) {
      problem(at, "OVERLAY-TARGET-SHAPE", "target must be a map", "e.g. target: {kind: Gateway, name: ingress}");
      return null;
    }
    unknownKeys((Map<String, Object>) map, TARGET_KEYS, at, "target");
    Map<String, String> fields = new TreeMap<>();
    for (String key : new TreeSet<>(TARGET_KEYS)) { // Set.of iterates in a per-JVM order
      Object value = map.get(key);
      if (value == null) {
        continue;
      }
      if (value instanceof String s) {
        fields.put(key, s);
      } else {
        problem(SourceMap.child(at, key), "OVERLAY-TARGET-SHAPE", key + " must be text", "quote the value");
      }
    }
    PatchTarget target = new PatchTarget(fields.get("group"), fields.get("version"), fields.get("kind"),
        fields.get("name"), fields.get("namespace"), fields.get("labelSelector"), fields.get("annotationSelector"));
    for (String key : List.of("group", "version", "kind", "name", "namespace")) {
      try {
        TargetMatcher.anchored(fields.get(key));
      } catch (PatternSyntaxException e) {
        problem(SourceMap.child(at, key), "OVERLAY-TARGET-REGEX",
            key + " is not a valid regular expression: " + Messages.escape(e.getDescription()),
            "escape special characters with \\ or match literally");
        return null;
      }
    }
    for (String key : List.of("labelSelector", "annotationSelector")) {
      try {
        if (fields.get(key) != null) {
          LabelSelector.parse(fields.get(key));
        }
      } catch (IllegalArgumentException e) {
        problem(SourceMap.child(at, key), "OVERLAY-TARGET-SELECTOR", Messages.escape(e.getMessage()),
            "use k=v, k!=v, k in (a,b), k notin (a,b), k or !k, separated by commas");
        return null;
      }
    }
    if (fields.get("kind") != null && checkKinds && !renderedKinds.isEmpty()) {
      TargetMatcher matcher = new TargetMatcher(target);
      if (renderedKinds.stream().noneMatch(matcher::matchesKind)) {
        problem(SourceMap.child(at, "kind"), "OVERLAY-TARGET-KIND",
            "no object rendered in this overlay has a kind matching " + Messages.escape(fields.get("kind")),
            "rendered kinds: " + String.join(", ", new TreeSet<>(renderedKinds)));
      }
    }
    return target;
  }

  /** Kustomize identifies a patch without target by the object the patch itself names. */
  private PatchTarget implicitTarget(Map<String, Object> merge, String patchAt) {
    Map<?, ?> metadata = merge.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    if (!(merge.get("apiVersion") instanceof String apiVersion) || !(merge.get("kind") instanceof String kind)
        || !(metadata.get("name") instanceof String name)) {
      problem(patchAt, "OVERLAY-PATCH-NO-TARGET",
          "a patch without target must name its object with apiVersion, kind and metadata.name",
          "add target: {kind: …, name: …} or name the object in the patch");
      return null;
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    String namespace = metadata.get("namespace") instanceof String ns ? ns : "";
    if (checkKinds && !renderedKinds.isEmpty() && !renderedKinds.contains(kind)) {
      problem(patchAt, "OVERLAY-TARGET-KIND", "no object rendered in this overlay has kind " + Messages.escape(kind),
          "rendered kinds: " + String.join(", ", new TreeSet<>(renderedKinds)));
    }
    return PatchTarget.exactly(group, version, kind, name, namespace);
  }

  private boolean bool(Object raw, String at) {
    if (raw == null) {
      return false;
    }
    if (raw instanceof Boolean b) {
      return b;
    }
    problem(at, "OVERLAY-PATCH-SHAPE", "expected true or false", "write true or false without quotes");
    return false;
  }

  private void unknownKeys(Map<String, Object> map, Set<String> allowed, String at, String what) {
    for (String key : new TreeSet<>(map.keySet())) {
      if (!allowed.contains(key)) {
        Position p = positions.key(SourceMap.child(at, key));
        problems.add(new Problem(positions.file(), p.line(), p.column(), "OVERLAY-UNKNOWN-KEY",
            "unknown field " + Messages.escape(key) + " in " + what,
            "allowed: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  private void problem(String pointer, String rule, String message, String hint) {
    Position p = positions.value(pointer);
    problems.add(new Problem(positions.file(), p.line(), p.column(), rule, message, hint));
  }
}
