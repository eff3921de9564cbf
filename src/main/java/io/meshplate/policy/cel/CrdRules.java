package io.meshplate.policy.cel;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import io.meshplate.policy.cel.RuleFinding.Outcome;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x-kubernetes-validations} rules of one CRD version, evaluated on an object the way
 * the API server does on create (k8s.io/apiextensions-apiserver, schema/cel/validation.go):
 *
 * <ul>
 *   <li>a rule's {@code self} is the value at the schema node the rule sits on; a rule on a list's
 *       {@code items} or a map's {@code additionalProperties} runs once per element;
 *   <li>absent and null values are not validated; schema defaults are filled in first, as the
 *       API server defaults before it validates;
 *   <li>objects show rules only their declared properties, under escaped names
 *       ({@link PropertyNames}); at the root also {@code apiVersion}, {@code kind},
 *       {@code metadata.name} and {@code metadata.generateName};
 *   <li>integers are CEL ints, numbers doubles, int-or-string either; other strings stay strings
 *       (a rule reading a {@code date-time} or {@code byte} field as a timestamp or bytes fails
 *       to evaluate and is reported, never passed);
 *   <li>a failing rule reports {@code messageExpression}'s result, else {@code message}, else
 *       {@code failed rule: <rule>}, at the value's path plus {@code fieldPath}, with
 *       {@code reason} when it is not the default FieldValueInvalid;
 *   <li>a rule that reads {@code oldSelf} compares with the stored object and is only reported
 *       as skipped: a render has no previous object.
 * </ul>
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class CrdRules {
  private static final Pattern EVALUATION_ERROR_PREFIX = Pattern.compile("^evaluation error at [^:]*:\\d+: ");
  private static final Pattern FIELD_PATH_STEP = Pattern.compile("\\.([^.\\[]+)|\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

  private final SchemaNode root;

  private CrdRules(SchemaNode root) {
    this.root = root;
  }

  /** The rules of a custom resource whose schema is {@code openApiV3Schema}. */
  public static CrdRules of(JsonNode openApiV3Schema) {
    return new CrdRules(SchemaNode.resource(openApiV3Schema));
  }

  /** Whether the schema has any rule at all. */
  public boolean isEmpty() {
    return !root.rulesBelow();
  }

  /** Every rule that fails, cannot be evaluated or is update-only, for the values present in {@code object}. */
  public List<RuleFinding> check(Map<String, Object> object) {
    List<RuleFinding> findings = new ArrayList<>();
    if (root.rulesBelow()) {
      visit(object, root, "", false, findings);
    }
    return findings;
  }

  /**
   * Walks {@code value} along {@code node}, evaluates the rules found on the way, and returns the
   * value as CEL sees it when {@code wanted} (a rule above needs it), else null.
   */
  private static Object visit(Object value, SchemaNode node, String pointer, boolean wanted, List<RuleFinding> findings) {
    boolean view = wanted || !node.rules().isEmpty();
    if (!view && !node.rulesBelow()) {
      return null;
    }
    if (value == null) {
      return view ? NullValue.NULL_VALUE : null;
    }
    Object cel;
    if (value instanceof Map<?, ?> map) {
      cel = node.additionalProperties() != null && node.properties().isEmpty()
          ? map(map, node.additionalProperties(), pointer, view, findings)
          : object(map, node, pointer, view, findings);
    } else if (value instanceof List<?> list) {
      List<Object> items = view ? new ArrayList<>(list.size()) : null;
      for (int i = 0; i < list.size(); i++) {
        Object item = node.items() == null
            ? CelValues.untyped(list.get(i))
            : visit(list.get(i), node.items(), SourceMap.child(pointer, i), view, findings);
        if (view) {
          items.add(item);
        }
      }
      cel = items;
    } else {
      cel = CelValues.scalar(value, node);
    }
    for (SchemaNode.Rule rule : node.rules()) {
      evaluate(rule, cel, node, pointer, findings);
    }
    return view ? cel : null;
  }

  private static Map<String, Object> object(Map<?, ?> map, SchemaNode node, String pointer, boolean view, List<RuleFinding> findings) {
    Map<String, Object> fields = view ? new HashMap<>() : null;
    for (SchemaNode.Property property : node.properties().values()) {
      boolean present = map.containsKey(property.name());
      if (!present && property.defaultValue() == null) {
        continue;
      }
      Object child = visit(present ? map.get(property.name()) : property.defaultValue(), property.schema(),
          SourceMap.child(pointer, property.name()), view, findings);
      if (view && property.celName() != null) {
        fields.put(property.celName(), child);
      }
    }
    return fields;
  }

  private static Map<String, Object> map(Map<?, ?> map, SchemaNode values, String pointer, boolean view, List<RuleFinding> findings) {
    Map<String, Object> entries = view ? new HashMap<>() : null;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object child = visit(entry.getValue(), values, SourceMap.child(pointer, key), view, findings);
      if (view) {
        entries.put(key, child);
      }
    }
    return entries;
  }

  private static void evaluate(SchemaNode.Rule rule, Object self, SchemaNode node, String pointer, List<RuleFinding> findings) {
    if (rule.unsupported() != null) {
      findings.add(new RuleFinding(Outcome.NOT_EVALUABLE, pointer, rule.unsupported(), rule.expression()));
      return;
    }
    KubernetesCel.Compiled compiled = KubernetesCel.compile(rule.expression());
    if (compiled.error() != null) {
      findings.add(new RuleFinding(Outcome.NOT_EVALUABLE, pointer,
          "the rule does not compile here: " + firstLine(compiled.error()), rule.expression()));
      return;
    }
    if (compiled.transition()) {
      findings.add(new RuleFinding(Outcome.UPDATE_ONLY, node.path().isEmpty() ? "/" : node.path(),
          rule.message() == null ? "" : rule.message(), rule.expression()));
      return;
    }
    Object result;
    try {
      result = compiled.eval(self);
    } catch (CelEvaluationException e) {
      // As the API server does: the object is refused, at the rule's node (fieldPath is not used).
      String error = EVALUATION_ERROR_PREFIX.matcher(firstLine(String.valueOf(e.getMessage()))).replaceFirst("");
      findings.add(new RuleFinding(Outcome.VIOLATED, pointer,
          message(rule, null) + " (the rule failed to evaluate: " + error + ")", rule.expression()));
      return;
    }
    if (Boolean.TRUE.equals(result)) {
      return;
    }
    String message = result instanceof Boolean ? message(rule, self) : "the rule returned " + result + ", not a bool";
    String prefix = switch (rule.reason() == null ? "FieldValueInvalid" : rule.reason()) {
      case "FieldValueForbidden" -> "Forbidden: ";
      case "FieldValueRequired" -> "Required value: ";
      case "FieldValueDuplicate" -> "Duplicate value: ";
      default -> "";
    };
    findings.add(new RuleFinding(Outcome.VIOLATED, withFieldPath(pointer, rule.fieldPath()), prefix + message,
        rule.expression()));
  }

  /**
   * The messageExpression's result when it gives a non-blank string, else message, else the
   * Kubernetes default. With a null {@code self} the messageExpression is not evaluated.
   */
  private static String message(SchemaNode.Rule rule, Object self) {
    if (rule.messageExpression() != null && self != null) {
      KubernetesCel.Compiled compiled = KubernetesCel.compile(rule.messageExpression());
      if (compiled.error() == null && !compiled.transition()) {
        try {
          if (compiled.eval(self) instanceof String text && !text.isBlank()) {
            return text;
          }
        } catch (CelEvaluationException e) {
          // the API server falls back to message as well
        }
      }
    }
    return rule.message() != null ? rule.message() : "failed rule: " + rule.expression();
  }

  /** {@code pointer} extended by a rule's {@code fieldPath} ({@code .spec.x}, {@code ['a.b']}, {@code [0]}). */
  static String withFieldPath(String pointer, String fieldPath) {
    if (fieldPath == null) {
      return pointer;
    }
    String result = pointer;
    Matcher step = FIELD_PATH_STEP.matcher(fieldPath);
    int at = 0;
    while (at < fieldPath.length() && step.find(at) && step.start() == at) {
      String token = step.group(1) != null ? step.group(1)
          : step.group(2) != null ? step.group(2).replaceAll("\\\\(.)", "$1") : step.group(3);
      result = SourceMap.child(result, token);
      at = step.end();
    }
    return at == fieldPath.length() ? result : pointer + " (fieldPath " + fieldPath + ")";
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
