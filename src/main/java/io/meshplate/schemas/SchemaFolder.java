package io.meshplate.schemas;

import io.meshplate.InvalidInputException;
import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas folder a command validates rendered objects with, and why that one.
 *
 * <p>A project keeps the CRDs and OpenAPI documents of its clusters in its own repository, in
 * the folder {@code validation.schemasDir} of {@code templates/base/defaults.yaml} names
 * (default {@code schemas}). {@code render}, {@code validate} and {@code check} use it whenever it
 * exists; {@code --schemas DIR} overrides it. Each overlay still picks its files inside the
 * folder with {@code validation.schemas}.
 *
 * @param dir the folder
 * @param origin how it was chosen, as printed: {@code validation.schemasDir in ...} or {@code --schemas}
 */
public record SchemaFolder(Path dir, String origin) {
  /** The key in {@code validation:} of the base defaults. */
  public static final String KEY = "schemasDir";
  static final String DEFAULT = "schemas";
  static final String DEFAULTS_FILE = "templates/base/defaults.yaml";

  /**
   * {@code --schemas} when given; else the project's folder when it exists; else empty (no
   * schema check).
   *
   * @throws InvalidInputException (exit 3) when {@code validation.schemasDir} is not a relative
   *     folder inside the project
   */
  public static Optional<SchemaFolder> resolve(Workspace workspace, Path explicit) {
    if (explicit != null) {
      return Optional.of(new SchemaFolder(explicit, "--schemas"));
    }
    Path project = projectFolder(workspace);
    return Files.isDirectory(project)
        ? Optional.of(new SchemaFolder(project, "validation." + KEY + " in " + DEFAULTS_FILE))
        : Optional.empty();
  }

  /** The project's folder as configured (it may not exist yet). */
  public static Path projectFolder(Workspace workspace) {
    Path defaults = workspace.baseTemplates().resolve("defaults.yaml");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(defaults);
    } catch (NoSuchFileException absent) {
      return workspace.root().resolve(DEFAULT);
    } catch (IOException e) {
      throw new OutputException("cannot read " + workspace.display(defaults) + ": " + e.getMessage(), e);
    }
    String shown = workspace.display(defaults);
    Object validation = rootOf(shown, bytes).get("validation");
    Object value = validation instanceof Map<?, ?> m ? m.get(KEY) : null;
    if (value == null) {
      return workspace.root().resolve(DEFAULT);
    }
    String folder = value instanceof String s ? s.replace('\\', '/') : "";
    boolean inside = !folder.isBlank() && !folder.startsWith("/") && !folder.matches("^[A-Za-z]:.*")
        && Arrays.stream(folder.split("/")).noneMatch(".."::equals);
    if (!inside) {
      StrictYaml.Document document = StrictYaml.read(shown, bytes, YamlLimits.PLATFORM);
      SourceMap.Position at = document.positions().value("/validation/" + KEY);
      throw new InvalidInputException(List.of(new Problem(document.positions().file(), at.line(), at.column(),
          "SCHEMAS-DIR-INVALID", "validation." + KEY + " must be a folder inside the project, relative to its root"
              + " (was " + Messages.escape(String.valueOf(value)) + ")", "e.g. " + KEY + ": " + DEFAULT)));
    }
    return workspace.root().resolve(folder).normalize();
  }

  /**
   * The root of the defaults, parsed without positions: every run reads it before anything else,
   * and positions cost a third of the parse (about 20 ms of every run's start). Anything that is
   * not one well-formed document is read again with positions, which places the problem; so is a
   * value refused above.
   */
  private static Map<String, Object> rootOf(String shown, byte[] bytes) {
    List<StrictYaml.Document> documents;
    try {
      documents = StrictYaml.readAll(shown, StrictYaml.text(shown, bytes, YamlLimits.PLATFORM), YamlLimits.PLATFORM,
          false);
    } catch (InvalidInputException unplaced) {
      documents = List.of();
    }
    return (documents.size() == 1 ? documents.get(0) : StrictYaml.read(shown, bytes, YamlLimits.PLATFORM)).rootMap();
  }

  /** {@code schemas/ (validation.schemasDir in templates/base/defaults.yaml)}, for messages. */
  public String describe(Workspace workspace) {
    return Messages.escape(workspace.display(dir)) + "/ (" + origin + ")";
  }
}
