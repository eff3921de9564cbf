package io.meshplate.overlay;

import io.meshplate.FileKind;
import io.meshplate.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a platform value is for, as {@code templates/base/values.schema.json} describes it: the
 * line {@code meshplate explain --value} prints under a value, so the reader of a value's chain
 * also learns what it does without opening the schema.
 */
public final class ValueDocs {
  private ValueDocs() {}

  /**
   * The description of the value at {@code path} ({@code ingress}, {@code replicas}; list items
   * as their index); empty when the workspace has no readable schema or it does not describe it.
   */
  public static Optional<String> of(Workspace workspace, List<String> path) {
    JsonNode schema;
    try {
      if (FileKind.of(ValuesSchema.path(workspace)) != FileKind.FILE) {
        return Optional.empty();
      }
      schema = JsonMapper.builder().build().readTree(Files.readAllBytes(ValuesSchema.path(workspace)));
    } catch (IOException | JacksonException unreadable) {
      return Optional.empty(); // the checks of every command report it
    }
    JsonNode node = schema;
    String description = null;
    for (String token : path) {
      JsonNode resolved = resolved(schema, node);
      node = token.chars().allMatch(Character::isDigit) && resolved.has("items") ? resolved.get("items")
          : resolved.path("properties").path(token);
      if (node.isMissingNode()) {
        return Optional.empty();
      }
      // A description beside a $ref says what this value is; the referenced one says what form it takes.
      description = node.has("description") ? node.get("description").asString()
          : resolved(schema, node).path("description").asString(null);
    }
    return Optional.ofNullable(description);
  }

  /** {@code node}, or the definition its {@code $ref} names within the schema ({@code #/$defs/port}). */
  private static JsonNode resolved(JsonNode schema, JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref != null && ref.isString() && ref.asString().startsWith("#") ? schema.at(ref.asString().substring(1)) : node;
  }
}
