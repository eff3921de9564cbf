package io.meshplate.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the OpenAPI 3.0 dialect of CRDs and Kubernetes documents into strict JSON Schema 2020-12.
 *
 * <p>The API server prunes unknown fields silently, so published schemas never say
 * {@code additionalProperties: false}. For typo detection every object schema with
 * {@code properties} is closed here unless it carries {@code x-kubernetes-preserve-unknown-fields}.
 * Kubernetes markers become plain JSON Schema: int-or-string becomes {@code [integer, string]},
 * {@code nullable} adds {@code null}, boolean {@code exclusiveMinimum} becomes numeric, and
 * {@code #/components/schemas/X} references become {@code #/$defs/X}. Descriptions, defaults,
 * formats and CEL rules are dropped: they are documentation or not JSON Schema.
 */
final class OpenApiSchemas {
  static final String COMPONENTS = "#/components/schemas/";
  static final String DEFS = "#/$defs/";

  private static final Set<String> COPIED = Set.of("type", "enum", "required", "minimum", "maximum",
      "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties",
      "maxProperties", "multipleOf", "const");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenApiSchemas() {}

  static JsonNode normalize(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = NODES.objectNode();
    boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false)
        || "int-or-string".equals(schema.path("format").asString(""));
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "properties", "patternProperties" -> {
          ObjectNode children = out.putObject(key);
          for (Map.Entry<String, JsonNode> child : value.properties()) {
            children.set(child.getKey(), normalize(child.getValue()));
          }
        }
        case "items", "additionalProperties", "not" -> out.set(key, normalize(value));
        case "allOf", "anyOf", "oneOf" -> {
          if (!intOrString) {
            ArrayNode list = out.putArray(key);
            value.forEach(item -> list.add(normalize(item)));
          }
        }
        case "$ref" -> out.put(key, value.asString().replace(COMPONENTS, DEFS));
        case "exclusiveMinimum", "exclusiveMaximum" -> {
          if (value.isNumber()) {
            out.set(key, value);
          }
        }
        default -> {
          if (COPIED.contains(key)) {
            out.set(key, value.deepCopy());
          }
        }
      }
    }
    if (intOrString) {
      out.set("type", NODES.arrayNode().add("integer").add("string"));
    }
    convertExclusiveBound(schema, out, "exclusiveMinimum", "minimum");
    convertExclusiveBound(schema, out, "exclusiveMaximum", "maximum");
    if (schema.path("nullable").asBoolean(false)) {
      allowNull(out);
    }
    if (out.has("properties") && !out.has("additionalProperties")
        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** Normalized copies of {@code root} and every definition it reaches, keyed by name. */
  static Map<String, JsonNode> closure(JsonNode components, String root) {
    Map<String, JsonNode> reached = new TreeMap<>();
    Deque<String> pending = new ArrayDeque<>();
    pending.add(root);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      JsonNode definition = components.get(name);
      if (reached.containsKey(name) || definition == null) {
        continue;
      }
      JsonNode normalized = normalize(definition);
      reached.put(name, normalized);
      collectRefs(normalized, pending);
    }
    return reached;
  }

  private static void collectRefs(JsonNode node, Deque<String> into) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString() && ref.asString().startsWith(DEFS)) {
        into.add(ref.asString().substring(DEFS.length()));
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collectRefs(field.getValue(), into);
      }
    } else if (node.isArray()) {
      node.forEach(item -> collectRefs(item, into));
    }
  }

  private static void convertExclusiveBound(JsonNode schema, ObjectNode out, String exclusive, String bound) {
    if (schema.path(exclusive).asBoolean(false) && out.has(bound)) {
      out.set(exclusive, out.get(bound));
      out.remove(bound);
    }
  }

  private static void allowNull(ObjectNode out) {
    JsonNode type = out.get("type");
    if (type != null && type.isString()) {
      out.set("type", NODES.arrayNode().add(type.asString()).add("null"));
    } else if (type != null && type.isArray()) {
      ((ArrayNode) type).add("null");
    }
    if (out.get("enum") instanceof ArrayNode values) {
      values.addNull();
    }
  }
}
