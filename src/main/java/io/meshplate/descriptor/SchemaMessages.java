package io.meshplate.descriptor;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Words for schema errors: a stable rule id per keyword, the field as the author wrote it, and
 * a hint (the nearest allowed key, the allowed values, how to write the expected type).
 */
public final class SchemaMessages {
  /** Hints for the patterns of the schema, keyed by the schema location of the pattern. */
  private static final Map<String, String> PATTERN_HINTS = Map.of(
      "/$defs/dnsLabel/pattern", "lowercase letters a-z, digits and '-', starting and ending with a letter or digit",
      "/$defs/serviceName/pattern", "lowercase letters a-z, digits and '-', starting with a letter and ending with a letter or digit",
      "/$defs/dnsName/pattern", "a lower-case DNS name such as `api.example.com`",
      "/$defs/path/pattern",
          "an exact path `/v1/items` or a prefix `/v1/items/*`; `*` only as the last segment, no `..`, `//` or regular expressions",
      "/$defs/ingressHost/properties/paths/items/pattern", "a path prefix such as `/login`; no `*`, `..` or `//`",
      "/properties/spec/properties/owners/items/pattern", "a GitHub team `@org/team` or user `@user`",
      "/$defs/port/properties/name/pattern", "an IANA service name such as `http` or `grpc-api`");

  private final JsonNode schema;
  private final JsonNode instance;
  /**
   * Name fields by their whole path ({@code ingress.replicas}) and fall back to a pattern's
   * description for its hint: for a document other than a descriptor, whose sections repeat
   * field names ({@code namespace}, {@code port}) and whose patterns have no hint of their own here.
   */
  private final boolean otherDocument;

  SchemaMessages(JsonNode schema, JsonNode instance) {
    this(schema, instance, false);
  }

  private SchemaMessages(JsonNode schema, JsonNode instance, boolean otherDocument) {
    this.schema = schema;
    this.instance = instance;
    this.otherDocument = otherDocument;
  }

  Finding describe(Error error) {
    return describe(error, null);
  }

  /**
   * A schema error in these words: where, the keyword that failed and the property it names (a
   * missing or unknown key; else null), what is wrong, how to fix it (null when no hint fits).
   */
  public record Explained(String pointer, String keyword, String property, String message, String hint) {}

  /**
   * {@code errors} of {@code instance} against {@code schema}, in the words descriptors get: for
   * another document meshplate checks against a schema of its own (the platform values).
   */
  public static List<Explained> explain(JsonNode schema, JsonNode instance, List<Error> errors) {
    SchemaMessages messages = new SchemaMessages(schema, instance, true);
    List<Explained> explained = new ArrayList<>();
    for (Error error : errors) {
      Finding finding = messages.describe(error);
      explained.add(new Explained(finding.pointer(), String.valueOf(error.getKeyword()), error.getProperty(),
          finding.message(), finding.hint()));
    }
    return explained;
  }

  /**
   * @param missingRequired for an unknown field: the required field it misspells, which is
   *     therefore missing (reported here, not on its own); null otherwise
   */
  Finding describe(Error error, String missingRequired) {
    String at = pointer(error.getInstanceLocation());
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String schemaAt = pointer(error.getSchemaLocation().getFragment());
    JsonNode value = instance.at(at);
    String field = at.isEmpty() ? "the document" : "`" + label(at) + "`";
    return switch (keyword) {
      case "additionalProperties" -> unknownField(at, error.getProperty(), schemaAt, missingRequired);
      case "propertyNames" -> Finding.atKey(SourceMap.child(at, error.getProperty()), "SCHEMA-PATTERN",
          "key " + Hints.quote(error.getProperty()) + " is not a valid name",
          PATTERN_HINTS.get("/$defs/dnsLabel/pattern"));
      case "required" -> Finding.atValue(at, "SCHEMA-REQUIRED",
          "missing required field `" + error.getProperty() + "`" + (at.isEmpty() ? "" : " in " + field),
          "add `" + error.getProperty() + ":`");
      case "type" -> typeMismatch(at, field, value, schema.at(schemaAt).asString(),
          schemaAt.substring(0, schemaAt.lastIndexOf('/')));
      case "enum" -> {
        List<String> allowed = texts(schema.at(schemaAt));
        yield Finding.atValue(at, "SCHEMA-ENUM", field + " is " + shown(value) + ", not one of the allowed values",
            Hints.suggest(value.isString() ? value.asString() : value.toString(), allowed, "use one of"));
      }
      case "const" -> Finding.atValue(at, "SCHEMA-CONST",
          field + " must be " + literal(schema.at(schemaAt)) + ", found " + shown(value),
          "write `" + Hints.field(at) + ": " + literal(schema.at(schemaAt)).replace("`", "") + "`");
      case "pattern" -> Finding.atValue(at, "SCHEMA-PATTERN", field + " " + shown(value) + " is not valid",
          patternHint(schemaAt));
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> range(at, field, value, schemaAt);
      case "minLength", "maxLength" -> Finding.atValue(at, "SCHEMA-LENGTH",
          field + " must be " + ("minLength".equals(keyword) ? "at least " : "at most ")
              + schema.at(schemaAt).asInt() + " characters long", null);
      case "minItems" -> Finding.atValue(at, "SCHEMA-EMPTY-LIST", field + " must not be empty",
          "add an entry or remove " + field);
      case "uniqueItems" -> Finding.atValue(at, "SCHEMA-DUPLICATE-ITEM", field + " lists the same value twice",
          "remove the repeated entry");
      case "oneOf" -> Finding.atValue(at, "SCHEMA-ONE-OF", field + " matches none of its allowed forms",
          description(schemaAt));
      default -> Finding.atValue(at, "SCHEMA-INVALID", field + ": " + Messages.escape(String.valueOf(error.getMessage())), null);
    };
  }

  private Finding unknownField(String at, String property, String schemaAt, String missingRequired) {
    String parentAt = schemaAt.substring(0, schemaAt.lastIndexOf('/'));
    List<String> allowed = new ArrayList<>(schema.at(parentAt).path("properties").propertyNames());
    String hint;
    if (parentAt.equals("/$defs/override")
        && schema.at("/properties/spec/properties").has(property)) {
      hint = "`" + property + "` cannot be changed per environment; set it in `spec`";
    } else {
      hint = Hints.suggest(property, allowed, "allowed here:");
    }
    String required = missingRequired == null ? ""
        : "; the required field `" + missingRequired + "` is missing";
    return Finding.atKey(SourceMap.child(at, property), "SCHEMA-UNKNOWN-FIELD",
        "unknown field " + Hints.quote(property) + (at.isEmpty() ? "" : " in `" + label(at) + "`") + required,
        hint);
  }

  /** @param ownerAt where the schema the {@code type} keyword belongs to is (its pattern decides the hint) */
  private Finding typeMismatch(String at, String field, JsonNode value, String expected, String ownerAt) {
    String found = kind(value);
    String hint;
    if (("integer".equals(expected) || "number".equals(expected)) && value.isString()) {
      hint = "write the number without quotes or leading zeros, e.g. `8080`";
    } else if ("integer".equals(expected) && value.isNumber()) {
      hint = "write a whole number";
    } else if ("string".equals(expected) && schema.at(ownerAt).has("pattern")
        && (value.isNull() || value.isNumber() || value.isBoolean())) {
      // A name or an owner: quoting `true` or `123` gives a string that the pattern or the name
      // rules refuse next (`"123"` reads as a number in YAML 1.1 tools); never propose that.
      hint = "write " + PATTERN_HINTS.getOrDefault(ownerAt + "/pattern", "a value of the documented form")
          + (ownerAt.endsWith("/dnsLabel") ? ", with at least one letter, e.g. `web`" : "");
    } else if ("string".equals(expected) && value.isNull()) {
      hint = "write a value, or remove the key";
    } else if ("string".equals(expected) && (value.isNumber() || value.isBoolean())) {
      hint = "quote it: `\"" + value.asString() + "\"`";
    } else if ("object".equals(expected)) {
      hint = "write a map of fields (`key: value` lines)";
    } else if ("array".equals(expected)) {
      hint = "write a list (`- item` lines or `[a, b]`)";
    } else {
      hint = null;
    }
    return Finding.atValue(at, "SCHEMA-TYPE", field + " must be " + article(expected) + ", found " + found, hint);
  }

  private Finding range(String at, String field, JsonNode value, String schemaAt) {
    String keyword = schemaAt.substring(schemaAt.lastIndexOf('/') + 1);
    String parentAt = schemaAt.substring(0, schemaAt.lastIndexOf('/'));
    JsonNode parent = schema.at(parentAt);
    String bounds = parent.has("minimum") && parent.has("maximum")
        ? "between " + parent.get("minimum").asString() + " and " + parent.get("maximum").asString()
        : keyword + " " + schema.at(schemaAt).asString();
    return Finding.atValue(at, "SCHEMA-RANGE", field + " is " + shown(value) + ", it must be " + bounds, null);
  }

  /** The field at {@code pointer} as messages name it. */
  private String label(String pointer) {
    return otherDocument ? Hints.path(pointer) : Hints.field(pointer);
  }

  private String patternHint(String schemaAt) {
    if (PATTERN_HINTS.containsKey(schemaAt)) {
      return PATTERN_HINTS.get(schemaAt);
    }
    String described = otherDocument ? description(schemaAt) : null;
    return described != null ? described : "see the schema's description of this field";
  }

  private String description(String schemaAt) {
    String parentAt = schemaAt.substring(0, schemaAt.lastIndexOf('/'));
    JsonNode description = schema.at(parentAt).get("description");
    return description == null ? null : description.asString();
  }

  private static String kind(JsonNode value) {
    if (value.isString()) {
      return "the string " + shown(value);
    }
    if (value.isIntegralNumber()) {
      return "the integer " + value.asString();
    }
    if (value.isNumber()) {
      return "the number " + value.asString();
    }
    if (value.isBoolean()) {
      return "the boolean " + value.asString();
    }
    if (value.isNull()) {
      return "nothing (null)";
    }
    return value.isArray() ? "a list" : "a map";
  }

  private static String article(String type) {
    return switch (type) {
      case "integer" -> "an integer";
      case "array" -> "a list";
      case "object" -> "a map";
      case "string" -> "a string";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> type;
    };
  }

  private static String shown(JsonNode value) {
    if (value.isMissingNode()) {
      return "missing";
    }
    return value.isString() ? Hints.quote(value.asString()) : Hints.quote(value.toString());
  }

  private static String literal(JsonNode value) {
    return "`" + (value.isString() ? value.asString() : value.toString()) + "`";
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(v -> texts.add(v.isString() ? v.asString() : v.toString()));
    return texts;
  }

  /** A networknt path as an RFC 6901 pointer, escaped the way {@link SourceMap} keys are. */
  static String pointer(NodePath path) {
    String pointer = "";
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer = element instanceof Integer index
          ? SourceMap.child(pointer, index)
          : SourceMap.child(pointer, String.valueOf(element));
    }
    return pointer;
  }
}
