package io.meshplate.policy.cel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One node of a CRD's structural schema, reduced to what rule evaluation needs: the types that
 * decide how a value looks to CEL, the children, schema defaults, and the rules on the node.
 *
 * @param type the OpenAPI type, or null when the schema gives none (int-or-string, free-form)
 * @param properties declared properties of an object, in schema order; empty for maps and scalars
 * @param additionalProperties the schema of a map's values, or null
 * @param items the schema of a list's items, or null
 * @param rules the rules on this node ({@code self} is the value here)
 * @param rulesBelow whether this node or any node under it has rules
 * @param path where the node sits, as a JSON Pointer with {@code *} for list items and map values
 */
record SchemaNode(
    String type,
    Map<String, Property> properties,
    SchemaNode additionalProperties,
    SchemaNode items,
    List<Rule> rules,
    boolean rulesBelow,
    String path) {

  /**
   * A declared property.
   *
   * @param celName the name rules select it by, or null when rules cannot reach it
   * @param defaultValue the schema default the API server fills in when the property is absent, or null
   */
  record Property(String name, String celName, SchemaNode schema, Object defaultValue) {}

  /**
   * One entry of {@code x-kubernetes-validations}.
   *
   * @param unsupported why meshplate cannot evaluate the rule where it sits, or null
   */
  record Rule(String expression, String message, String messageExpression, String fieldPath,
      String reason, String unsupported) {}

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final List<String> COMBINERS = List.of("allOf", "anyOf", "oneOf", "not");

  /**
   * The root of a custom resource: its schema plus what Kubernetes always lets rules read there,
   * {@code apiVersion}, {@code kind}, {@code metadata.name} and {@code metadata.generateName}
   * (no other metadata; the CRD's own schema and rules for those two fields are kept).
   */
  static SchemaNode resource(JsonNode openApiV3Schema) {
    SchemaNode declared = of(openApiV3Schema, "");
    SchemaNode string = scalar("string", "");
    Property declaredMetadata = declared.properties().get("metadata");
    Map<String, Property> metadata = new LinkedHashMap<>();
    for (String field : List.of("name", "generateName")) {
      Property kept = declaredMetadata == null ? null : declaredMetadata.schema().properties().get(field);
      metadata.put(field, kept != null ? kept : new Property(field, field, scalar("string", "/metadata/" + field), null));
    }
    List<Rule> metadataRules = declaredMetadata == null ? List.of() : declaredMetadata.schema().rules();
    boolean metadataRulesBelow = !metadataRules.isEmpty() || metadata.values().stream().anyMatch(p -> p.schema().rulesBelow());
    Map<String, Property> properties = new LinkedHashMap<>(declared.properties());
    properties.put("apiVersion", new Property("apiVersion", "apiVersion", string, null));
    properties.put("kind", new Property("kind", "kind", string, null));
    properties.put("metadata", new Property("metadata", "metadata",
        new SchemaNode("object", metadata, null, null, metadataRules, metadataRulesBelow, "/metadata"), null));
    return new SchemaNode("object", properties, null, null, declared.rules(), declared.rulesBelow(), "");
  }

  private static SchemaNode scalar(String type, String path) {
    return new SchemaNode(type, Map.of(), null, null, List.of(), false, path);
  }

  static SchemaNode of(JsonNode schema, String path) {
    Map<String, Property> properties = new LinkedHashMap<>();
    boolean below = false;
    for (Map.Entry<String, JsonNode> entry : schema.path("properties").properties()) {
      SchemaNode child = of(entry.getValue(), path + "/" + entry.getKey().replace("~", "~0").replace("/", "~1"));
      JsonNode defaultNode = entry.getValue().get("default");
      Object defaultValue = defaultNode == null || defaultNode.isNull() ? null : MAPPER.treeToValue(defaultNode, Object.class);
      properties.put(entry.getKey(), new Property(entry.getKey(),
          PropertyNames.escape(entry.getKey()).orElse(null), child, defaultValue));
      below |= child.rulesBelow();
    }
    JsonNode additional = schema.get("additionalProperties");
    SchemaNode values = additional != null && additional.isObject() ? of(additional, path + "/*") : null;
    JsonNode itemSchema = schema.get("items");
    SchemaNode items = itemSchema != null && itemSchema.isObject() ? of(itemSchema, path + "/*") : null;
    List<Rule> rules = rules(schema);
    below |= !rules.isEmpty() || values != null && values.rulesBelow() || items != null && items.rulesBelow();
    String type = schema.path("type").asString(null);
    return new SchemaNode(type, Collections.unmodifiableMap(properties), values, items, rules, below, path);
  }

  private static List<Rule> rules(JsonNode schema) {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      rules.add(new Rule(rule.path("rule").asString(""), text(rule, "message"),
          text(rule, "messageExpression"), text(rule, "fieldPath"), text(rule, "reason"), null));
    }
    // Structural schemas keep rules out of allOf/anyOf/oneOf/not; should one appear there it is
    // reported where it applies instead of passing unnoticed.
    for (String combiner : COMBINERS) {
      if (schema.has(combiner) && !schema.get(combiner).findValues("x-kubernetes-validations").isEmpty()) {
        rules.add(new Rule(combiner, null, null, null, null,
            "rules inside " + combiner + " are not evaluated by meshplate"));
      }
    }
    return List.copyOf(rules);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isString() || value.asString().isEmpty() ? null : value.asString();
  }
}
