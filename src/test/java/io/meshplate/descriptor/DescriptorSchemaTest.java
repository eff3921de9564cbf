package io.meshplate.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The published schema itself: valid, documented field by field, closed. */
class DescriptorSchemaTest {
  private final JsonNode schema = DescriptorSchema.schemaNode();

  @Test
  void isValidAgainstTheDraft2020MetaSchema() {
    Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(meta.validate(schema)).isEmpty();
    assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void metaSchemaCheckCanFail() {
    Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    JsonNode broken = tools.jackson.databind.json.JsonMapper.builder().build()
        .readTree("{\"type\": \"objekt\", \"properties\": []}");

    assertThat(meta.validate(broken)).isNotEmpty();
  }

  @Test
  void everyPropertyHasATitleAndADescription() {
    List<String> undocumented = new ArrayList<>();
    walk(schema, "", (at, node) -> {
      node.path("properties").properties().forEach(p -> {
        JsonNode property = resolve(p.getValue());
        if (!property.has("title") || !property.has("description")) {
          undocumented.add(at + "/properties/" + p.getKey());
        }
      });
    });

    assertThat(undocumented).isEmpty();
  }

  @Test
  void everyObjectIsClosed() {
    List<String> open = new ArrayList<>();
    walk(schema, "", (at, node) -> {
      if (node.has("properties") && !node.path("additionalProperties").isBoolean()) {
        open.add(at);
      }
    });

    assertThat(open).isEmpty();
  }

  @Test
  void rejectsUnknownFieldsAtEveryLevelWeTry() {
    for (String pointer : List.of("", "/metadata", "/spec", "/spec/telemetry")) {
      Map<String, Object> tree = new LinkedHashMap<>(Map.of(
          "apiVersion", "meshplate.io/v1alpha1", "kind", "Tenant",
          "metadata", new LinkedHashMap<>(Map.of("name", "shop")),
          "spec", new LinkedHashMap<>(Map.of("telemetry", new LinkedHashMap<>()))));
      @SuppressWarnings("unchecked")
      Map<String, Object> target = (Map<String, Object>) Nodes.at(tree, pointer);
      target.put("surprise", 1);

      assertThat(DescriptorSchema.validate(tree))
          .extracting(Finding::rule, Finding::pointer)
          .containsExactly(Tuple.tuple("SCHEMA-UNKNOWN-FIELD", pointer + "/surprise"));
    }
  }

  private JsonNode resolve(JsonNode node) {
    if (node.has("title") || !node.has("$ref")) {
      return node;
    }
    return schema.at(node.get("$ref").asString().substring(1));
  }

  private interface Visitor {
    void visit(String at, JsonNode node);
  }

  private static void walk(JsonNode node, String at, Visitor visitor) {
    if (node.isObject()) {
      visitor.visit(at, node);
      node.properties().forEach(e -> walk(e.getValue(), at + "/" + e.getKey(), visitor));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, visitor);
      }
    }
  }
}
