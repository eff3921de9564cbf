package io.meshplate.overlay;

import io.meshplate.InvalidInputException;
import io.meshplate.OutputException;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code templates/base/mesh-versions.yaml}: which control-plane versions each mesh target's
 * operator accepts, and which schema files hold the Istio CRDs of each Istio minor. Platform
 * facts, read with the strict reader; a malformed file is refused with positions
 * ({@value #RULE_FILE}).
 *
 * @param file the file as shown in messages
 * @param targets by target name, sorted
 * @param istioSchemas by Istio minor, the {@code validation.schemas} pattern selecting its CRDs
 * @param migrations by OSSM 2 target, the Istio minors an OSSM 3 control plane may run beside its
 *     ServiceMeshControlPlane while namespaces move in waves (the side-by-side migration)
 */
public record MeshVersions(String file, SortedMap<String, MeshTarget> targets, SortedMap<String, String> istioSchemas,
    SortedMap<String, List<String>> migrations) {
  static final String FILE = "mesh-versions.yaml";
  static final String RULE_FILE = "MESH-VERSIONS-FILE";
  private static final Set<String> KEYS = Set.of("builds", "targets", "istioSchemas", "migrations");
  private static final Set<String> TARGET_KEYS = Set.of("build", "istio");
  private static final Pattern MINOR = Pattern.compile("[1-9][0-9]*\\.[0-9]+");
  /** The build of OSSM 2 targets: a ServiceMeshControlPlane, namespaces join as ServiceMeshMembers. */
  public static final String MAISTRA = "maistra";

  public MeshVersions {
    targets = Collections.unmodifiableSortedMap(new TreeMap<>(targets));
    istioSchemas = Collections.unmodifiableSortedMap(new TreeMap<>(istioSchemas));
    SortedMap<String, List<String>> copy = new TreeMap<>();
    migrations.forEach((from, minors) -> copy.put(from, List.copyOf(minors)));
    migrations = Collections.unmodifiableSortedMap(copy);
  }

  /** A table without side-by-side migrations. */
  public MeshVersions(String file, SortedMap<String, MeshTarget> targets, SortedMap<String, String> istioSchemas) {
    this(file, targets, istioSchemas, new TreeMap<>());
  }

  /** Whether the workspace has the file. */
  static boolean exists(Workspace workspace) {
    return Files.isRegularFile(path(workspace));
  }

  /**
   * Reads and checks the file.
   *
   * @throws InvalidInputException (exit 3) with every problem of the file, positioned
   */
  public static MeshVersions read(Workspace workspace) {
    return read(workspace, ContentMemo.NONE);
  }

  /** As {@link #read(Workspace)}, taking the file as it parsed before when {@code memo} knows it. */
  static MeshVersions read(Workspace workspace, ContentMemo memo) {
    Path path = path(workspace);
    String shown = workspace.display(path);
    StrictYaml.Document document;
    try {
      document = memo.read(shown, Files.readAllBytes(path), YamlLimits.PLATFORM);
    } catch (IOException e) {
      throw new OutputException("cannot read " + shown + ": " + e.getMessage(), e);
    }
    return new Reader(shown, document).read();
  }

  /**
   * The target named {@code name} as an overlay writes it, or null when it names none: not set,
   * not a string, or not in the table. Every lookup by a value from the overlays goes through
   * here, since the sorted table refuses to look up null.
   */
  public MeshTarget target(Object name) {
    return name instanceof String s ? targets.get(s) : null;
  }

  /** Whether {@code target} is an OSSM 2 (Maistra) target: a ServiceMeshControlPlane, namespaces join as members. */
  public boolean isOssm2(String target) {
    MeshTarget t = target(target);
    return t != null && MAISTRA.equals(t.build());
  }

  /** The targets that accept {@code version}, sorted: for the hint of a refused version. */
  public List<String> targetsAccepting(String version) {
    return targets.values().stream().filter(t -> t.istioMinorOf(version).isPresent()).map(MeshTarget::name).toList();
  }

  static Path path(Workspace workspace) {
    return workspace.baseTemplates().resolve(FILE);
  }

  /** Turns the document into the record, collecting every problem with its position. */
  private static final class Reader {
    private final String file;
    private final SourceMap positions;
    private final Object root;
    private final List<Problem> problems = new ArrayList<>();

    Reader(String file, StrictYaml.Document document) {
      this.file = file;
      this.positions = document.positions();
      this.root = document.root();
    }

    MeshVersions read() {
      Map<String, Object> top = map(root, "");
      Map<String, Map<String, List<String>>> builds = new TreeMap<>();
      SortedMap<String, MeshTarget> targets = new TreeMap<>();
      SortedMap<String, String> schemas = new TreeMap<>();
      if (top != null) {
        top.keySet().stream().filter(k -> !KEYS.contains(k))
            .forEach(k -> problem(SourceMap.child("", k), "unknown key '" + Messages.escape(k) + "' (allowed: builds, istioSchemas, migrations, targets)"));
        Map<String, Object> buildMap = map(top.get("builds"), "/builds");
        if (buildMap != null) {
          buildMap.forEach((name, minors) -> builds.put(name, minors(minors, SourceMap.child("/builds", name))));
        }
        Map<String, Object> targetMap = map(top.get("targets"), "/targets");
        if (targetMap != null) {
          targetMap.forEach((name, target) -> target(name, target, builds).ifPresent(t -> targets.put(name, t)));
        }
        Map<String, Object> schemaMap = map(top.get("istioSchemas"), "/istioSchemas");
        if (schemaMap != null) {
          schemaMap.forEach((minor, glob) -> {
            String at = SourceMap.child("/istioSchemas", minor);
            if (!MINOR.matcher(minor).matches()) {
              problem(at, "'" + Messages.escape(minor) + "' is not an Istio minor such as \"1.30\"");
            } else if (glob instanceof String s && !s.isEmpty()) {
              schemas.put(minor, s);
            } else {
              problem(at, "the schema pattern of Istio " + minor + " must be a non-empty string");
            }
          });
        }
      }
      SortedMap<String, List<String>> migrations = new TreeMap<>();
      if (top != null && top.containsKey("migrations")) {
        Map<String, Object> migrationMap = map(top.get("migrations"), "/migrations");
        if (migrationMap != null) {
          migrationMap.forEach((from, minors) -> migration(from, minors, targets).ifPresent(m -> migrations.put(from, m)));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      return new MeshVersions(file, targets, schemas, migrations);
    }

    /** One side-by-side migration: an OSSM 2 target and the Istio minors allowed beside it. */
    private Optional<List<String>> migration(String from, Object minors, Map<String, MeshTarget> targets) {
      String at = SourceMap.child("/migrations", from);
      MeshTarget target = targets.get(from);
      if (target == null || !MAISTRA.equals(target.build())) {
        problem(at, "'" + Messages.escape(from) + "' is not an OSSM 2 target of this table (build " + MAISTRA + ")");
        return Optional.empty();
      }
      if (!(minors instanceof List<?> list) || list.isEmpty()
          || !list.stream().allMatch(m -> m instanceof String s && MINOR.matcher(s).matches())) {
        problem(at, "the migration from " + from + " must list the Istio minors an OSSM 3 control plane may run beside it");
        return Optional.empty();
      }
      return Optional.of(list.stream().map(String.class::cast).toList());
    }

    private Map<String, List<String>> minors(Object value, String pointer) {
      Map<String, List<String>> minors = new LinkedHashMap<>();
      Map<String, Object> map = map(value, pointer);
      if (map == null) {
        return minors;
      }
      map.forEach((minor, versions) -> {
        String at = SourceMap.child(pointer, minor);
        if (!MINOR.matcher(minor).matches()) {
          problem(at, "'" + Messages.escape(minor) + "' is not an Istio minor such as \"1.30\"");
        } else if (versions instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof String s && !s.isEmpty())) {
          minors.put(minor, list.stream().map(String.class::cast).toList());
        } else {
          problem(at, "the versions of Istio " + minor + " must be a non-empty list of strings");
        }
      });
      return minors;
    }

    private Optional<MeshTarget> target(String name, Object value, Map<String, Map<String, List<String>>> builds) {
      String pointer = SourceMap.child("/targets", name);
      Map<String, Object> target = map(value, pointer);
      if (target == null) {
        return Optional.empty();
      }
      target.keySet().stream().filter(k -> !TARGET_KEYS.contains(k)).forEach(k -> problem(SourceMap.child(pointer, k),
          "unknown key '" + Messages.escape(k) + "' (allowed: build, istio)"));
      Map<String, List<String>> build = target.get("build") instanceof String b ? builds.get(b) : null;
      if (build == null) {
        problem(SourceMap.child(pointer, "build"), "target '" + Messages.escape(name) + "' must name one of builds: "
            + String.join(", ", builds.keySet()));
        return Optional.empty();
      }
      if (!(target.get("istio") instanceof List<?> list) || list.isEmpty()) {
        problem(SourceMap.child(pointer, "istio"), "target '" + Messages.escape(name)
            + "' must list the Istio minors its operator accepts, newest first");
        return Optional.empty();
      }
      List<MeshTarget.IstioMinor> minors = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object minor = list.get(i);
        if (minor instanceof String m && build.containsKey(m)) {
          minors.add(new MeshTarget.IstioMinor(m, build.get(m)));
        } else {
          problem(SourceMap.child(SourceMap.child(pointer, "istio"), i), "Istio minor '" + Messages.escape(String.valueOf(minor))
              + "' has no versions under builds." + Messages.escape((String) target.get("build")));
        }
      }
      return minors.size() == list.size() ? Optional.of(new MeshTarget(name, (String) target.get("build"), minors))
          : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, String pointer) {
      if (value instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      problem(pointer, (pointer.isEmpty() ? "the file" : "'" + pointer.substring(1) + "'") + " must be a map");
      return null;
    }

    private void problem(String pointer, String message) {
      SourceMap.Position at = positions.value(pointer);
      problems.add(new Problem(file, at.line(), at.column(), RULE_FILE, message,
          "see the comment at the top of " + FILE));
    }
  }
}
