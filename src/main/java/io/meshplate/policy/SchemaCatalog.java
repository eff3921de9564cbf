package io.meshplate.policy;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a folder of CRD YAML and Kubernetes OpenAPI v3 JSON files (as exported from a cluster)
 * and indexes the raw schema of every served group/version/kind. Schema files are trusted
 * platform input, read with Jackson; tenant input never comes here.
 */
final class SchemaCatalog {
  static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  /** Where one kind's schema comes from. */
  record Source(String file, JsonNode schema, JsonNode components, String definition) {
    boolean isCrd() {
      return definition == null;
    }
  }

  final Map<GroupVersionKind, Source> kinds = new TreeMap<>();
  JsonNode objectMetaComponents;
  private final List<Problem> problems = new ArrayList<>();

  static SchemaCatalog read(Path dir, List<String> globs) {
    SchemaCatalog catalog = new SchemaCatalog();
    String shownDir = dir.toString().replace('\\', '/');
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(List.of(Problem.at(shownDir, 0, 0, "SCHEMA-DIR-MISSING",
          "schema folder " + Messages.escape(shownDir) + " does not exist")
          .withHint("pass --schemas with a folder of CRD YAML and OpenAPI v3 JSON files")));
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException("cannot list " + shownDir + ": " + e.getMessage(), e);
    }
    List<PathMatcher> matchers = globs.stream()
        .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    boolean[] used = new boolean[globs.size()];
    for (Path file : files) {
      Path relative = dir.relativize(file);
      boolean wanted = globs.isEmpty();
      for (int i = 0; i < matchers.size(); i++) {
        if (matchers.get(i).matches(relative)) {
          used[i] = true;
          wanted = true;
        }
      }
      if (wanted) {
        catalog.readFile(file, shownDir + "/" + relative.toString().replace('\\', '/'));
      }
    }
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        catalog.problems.add(Problem.at(shownDir, 0, 0, "SCHEMA-GLOB-EMPTY",
            "schema pattern '" + Messages.escape(globs.get(i)) + "' matches no file in " + shownDir)
            .withHint("fix validation.schemas in the overlay or add the schema file"));
      }
    }
    if (!catalog.problems.isEmpty()) {
      throw new InvalidInputException(catalog.problems);
    }
    return catalog;
  }

  private void readFile(Path file, String shown) {
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".json")) {
        readOpenApi(JsonMapper.builder().build().readTree(file), shown);
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        try (MappingIterator<JsonNode> docs =
            YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(file)) {
          while (docs.hasNextValue()) {
            JsonNode doc = docs.nextValue();
            if (doc != null && "CustomResourceDefinition".equals(doc.path("kind").asString(""))) {
              readCrd(doc, shown);
            }
          }
        }
      }
    } catch (JacksonException e) {
      problems.add(Problem.at(shown, 0, 0, "SCHEMA-UNREADABLE",
          "cannot parse schema file: " + Messages.escape(e.getOriginalMessage()))
          .withHint("export the file again; it must be CRD YAML or OpenAPI v3 JSON"));
    }
  }

  private void readCrd(JsonNode crd, String shown) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asString("");
    String kind = spec.path("names").path("kind").asString("");
    for (JsonNode version : spec.path("versions")) {
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (version.path("served").asBoolean(true) && schema.isObject()) {
        register(new GroupVersionKind(group, version.path("name").asString(""), kind),
            new Source(shown, schema, null, null));
      }
    }
  }

  private void readOpenApi(JsonNode document, String shown) {
    JsonNode components = document.path("components").path("schemas");
    if (objectMetaComponents == null && components.has(OBJECT_META)) {
      objectMetaComponents = components;
    }
    for (Map.Entry<String, JsonNode> definition : components.properties()) {
      // Meta types (DeleteOptions, WatchEvent) claim a kind in every group; they are never rendered.
      if (definition.getKey().startsWith("io.k8s.apimachinery.")) {
        continue;
      }
      for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
        register(new GroupVersionKind(gvk.path("group").asString(""), gvk.path("version").asString(""),
                gvk.path("kind").asString("")),
            new Source(shown, definition.getValue(), components, definition.getKey()));
      }
    }
  }

  private void register(GroupVersionKind gvk, Source source) {
    Source earlier = kinds.putIfAbsent(gvk, source);
    // Kubernetes group documents repeat the types they reference (PersistentVolumeClaim in apps/v1).
    boolean sameType = earlier != null && !earlier.isCrd() && !source.isCrd()
        && earlier.definition().equals(source.definition());
    if (earlier != null && !sameType && !earlier.file().equals(source.file())) {
      problems.add(Problem.at(source.file(), 0, 0, "SCHEMA-DUPLICATE-KIND",
          gvk.display() + " is defined both here and in " + earlier.file())
          .withHint("select one schema set per target in validation.schemas"));
    }
  }
}
