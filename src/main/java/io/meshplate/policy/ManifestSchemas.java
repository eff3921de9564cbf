package io.meshplate.policy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.policy.cel.CrdRules;
import io.meshplate.policy.cel.RuleFinding;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap.Position;
import io.meshplate.yaml.Trees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict validation of rendered objects against the CRD and Kubernetes OpenAPI schemas of the
 * target cluster ({@code render --schemas DIR}; the overlay value {@code validation.schemas}
 * selects the files per mesh target).
 *
 * <p>Strict means: unknown fields are errors (see {@link OpenApiSchemas} for how published
 * schemas are closed), as are wrong types, values outside an enum and missing required fields;
 * an object whose apiVersion and kind have no schema in the loaded set is itself an error, so a
 * wrong apiVersion for the target (v1 on OSSM 2.6) is caught. The {@code metadata} of custom
 * resources is checked against the Kubernetes ObjectMeta definition when a Kubernetes OpenAPI
 * file is loaded. {@code kustomization.yaml} objects ({@code kustomize.config.k8s.io}) are
 * skipped.
 *
 * <p>Custom resources are also checked against their CRD's CEL rules
 * ({@code x-kubernetes-validations}, see {@link CrdRules}), unless the object already has a
 * type error (the API server does not run rules on such objects either). A violated rule is
 * {@value #RULE_CEL}; a rule meshplate cannot evaluate is {@value #RULE_CEL_NOT_EVALUABLE}, so
 * the check never passes an object it could not judge; an update-only rule ({@code oldSelf}) is
 * counted in {@link #updateOnlyRules()}, not reported as a problem.
 *
 * <p>Each kind's validator and rules are built on first use and reused (each CEL expression is
 * compiled once per process); instances are safe for concurrent use.
 */
public final class ManifestSchemas {
  public static final String RULE_UNKNOWN_KIND = "SCHEMA-UNKNOWN-KIND";
  public static final String RULE_UNKNOWN_FIELD = "SCHEMA-UNKNOWN-FIELD";
  public static final String RULE_TYPE = "SCHEMA-TYPE";
  public static final String RULE_ENUM = "SCHEMA-ENUM";
  public static final String RULE_REQUIRED = "SCHEMA-REQUIRED";
  public static final String RULE_INVALID = "SCHEMA-INVALID";
  public static final String RULE_CEL = "SCHEMA-CEL";
  public static final String RULE_CEL_NOT_EVALUABLE = "SCHEMA-CEL-NOT-EVALUABLE";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SchemaCatalog catalog;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<GroupVersionKind, Schema> validators = new ConcurrentHashMap<>();
  private final Map<GroupVersionKind, CrdRules> rules = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> updateOnly = new ConcurrentHashMap<>();

  private ManifestSchemas(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Reads the schema files below {@code schemasDir} whose relative path matches one of
   * {@code globs} ({@code istio/istio-api-v1.24.6-*}, {@code kubernetes/v1.31/*}); an empty list
   * reads every file.
   *
   * @throws io.meshplate.InvalidInputException (exit 3) when the folder is missing, a pattern
   *     matches nothing, a file cannot be parsed or two files define the same kind and version
   */
  public static ManifestSchemas load(Path schemasDir, List<String> globs) {
    return new ManifestSchemas(SchemaCatalog.read(schemasDir, globs));
  }

  /** Every {@code apiVersion kind} this set can validate, sorted. */
  public SortedSet<String> kinds() {
    TreeSet<String> kinds = new TreeSet<>();
    catalog.kinds.keySet().forEach(gvk -> kinds.add(gvk.display()));
    return kinds;
  }

  /** Whether the loaded set has a schema for the object's apiVersion and kind. */
  public boolean describes(Map<String, Object> object) {
    return catalog.kinds.containsKey(GroupVersionKind.of(object));
  }

  /**
   * Validates one rendered object; problems carry no line (see the overload with positions).
   *
   * @param file the output file it belongs to, as shown in messages
   * @return the problems, sorted; empty when the object is valid
   */
  public List<Problem> validate(String file, Map<String, Object> object) {
    return validate(file, object, pointer -> Position.UNKNOWN);
  }

  /**
   * Validates one rendered object.
   *
   * @param file the output file it belongs to, as shown in messages
   * @param positions where a JSON Pointer into the object lies in {@code file}; asked only when
   *     there is a problem to report
   * @return the problems, sorted; empty when the object is valid
   */
  public List<Problem> validate(String file, Map<String, Object> object, Function<String, Position> positions) {
    GroupVersionKind gvk = GroupVersionKind.of(object);
    String subject = subject(object);
    if (gvk.group().equals("kustomize.config.k8s.io")) {
      return List.of(); // kustomize build instructions never reach the cluster
    }
    if (!catalog.kinds.containsKey(gvk)) {
      Position at = positions.apply("");
      return List.of(Problem.at(file, at.line(), at.column(), RULE_UNKNOWN_KIND,
              subject + ": no schema for apiVersion " + Messages.escape(gvk.apiVersion()) + " kind "
                  + Messages.escape(gvk.kind()) + " in the loaded schema set")
          .withHint("use an apiVersion the target serves, or add its CRD to validation.schemas"));
    }
    Schema schema = validators.computeIfAbsent(gvk, this::build);
    JsonNode instance = Trees.json(object);
    List<Error> errors;
    try {
      errors = schema.validate(instance);
    } catch (SchemaException e) {
      throw unusable(gvk, e);
    }
    List<Problem> problems = new ArrayList<>();
    for (Error error : errors) {
      String location = error.getInstanceLocation().toString();
      Position at = positions.apply(location);
      problems.add(Problem.at(file, at.line(), at.column(), ruleOf(error.getKeyword()), subject + ": "
          + (location.isEmpty() ? "/" : location) + ": " + Messages.escape(messageOf(error))));
    }
    boolean typeError = problems.stream().anyMatch(p -> p.rule().equals(RULE_TYPE));
    if (catalog.kinds.get(gvk).isCrd() && !typeError) {
      problems.addAll(ruleProblems(file, gvk, subject, object, positions));
    }
    return problems.stream().sorted().distinct().toList();
  }

  /** The CRD's CEL rules on one object; update-only rules are counted once per object instead. */
  private List<Problem> ruleProblems(String file, GroupVersionKind gvk, String subject, Map<String, Object> object,
      Function<String, Position> positions) {
    CrdRules crdRules = rules.computeIfAbsent(gvk, k -> CrdRules.of(catalog.kinds.get(k).schema()));
    List<Problem> problems = new ArrayList<>();
    Set<String> skipped = new TreeSet<>();
    for (RuleFinding finding : crdRules.check(object)) {
      if (finding.outcome() == RuleFinding.Outcome.UPDATE_ONLY) {
        skipped.add(gvk.display() + " " + finding.pointer() + ": " + oneLine(finding.rule())
            + (finding.message().isEmpty() ? "" : " (" + Messages.escape(finding.message()) + ")"));
      } else {
        problems.add(ruleProblem(file, gvk, subject, finding, positions));
      }
    }
    skipped.forEach(rule -> updateOnly.computeIfAbsent(rule, k -> new LongAdder()).increment());
    return problems;
  }

  /**
   * The update-only rules ({@code oldSelf}) met so far, each with the number of objects it was
   * skipped for: {@code "sailoperator.io/v1 IstioCNI /spec/namespace: self == oldSelf (Value is
   * immutable)"}. A render cannot evaluate them, as there is no stored object to compare with.
   */
  public SortedMap<String, Long> updateOnlyRules() {
    SortedMap<String, Long> counts = new TreeMap<>();
    updateOnly.forEach((rule, count) -> counts.put(rule, count.sum()));
    return counts;
  }

  private static Problem ruleProblem(String file, GroupVersionKind gvk, String subject, RuleFinding finding,
      Function<String, Position> positions) {
    Position at = positions.apply(finding.pointer());
    String path = finding.pointer().isEmpty() ? "/" : finding.pointer();
    if (finding.outcome() == RuleFinding.Outcome.NOT_EVALUABLE) {
      return Problem.at(file, at.line(), at.column(), RULE_CEL_NOT_EVALUABLE,
              subject + ": " + path + ": CRD rule cannot be evaluated: " + Messages.escape(finding.message()))
          .withHint("rule: " + oneLine(finding.rule()) + "; the object is not known to pass, so it is refused");
    }
    return Problem.at(file, at.line(), at.column(), RULE_CEL, subject + ": " + path + ": " + Messages.escape(finding.message()))
        .withHint("CRD rule of " + gvk.display() + ": " + oneLine(finding.rule()));
  }

  private static String oneLine(String rule) {
    return Messages.escape(rule.replaceAll("\\s+", " "));
  }

  private Schema build(GroupVersionKind gvk) {
    SchemaCatalog.Source source = catalog.kinds.get(gvk);
    ObjectNode root = NODES.objectNode();
    root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
    ObjectNode defs = NODES.objectNode();
    if (source.isCrd()) {
      ObjectNode body = (ObjectNode) OpenApiSchemas.normalize(source.schema());
      ObjectNode properties = body.has("properties") ? (ObjectNode) body.get("properties") : body.putObject("properties");
      properties.set("apiVersion", NODES.objectNode().put("type", "string"));
      properties.set("kind", NODES.objectNode().put("type", "string"));
      if (catalog.objectMetaComponents != null) {
        properties.set("metadata", NODES.objectNode().put("$ref", OpenApiSchemas.DEFS + SchemaCatalog.OBJECT_META));
        OpenApiSchemas.closure(catalog.objectMetaComponents, SchemaCatalog.OBJECT_META).forEach(defs::set);
      } else {
        properties.set("metadata", NODES.objectNode().put("type", "object"));
      }
      if (!source.schema().path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        body.put("additionalProperties", false);
      }
      root.setAll(body);
    } else {
      root.put("$ref", OpenApiSchemas.DEFS + source.definition());
      OpenApiSchemas.closure(source.components(), source.definition()).forEach(defs::set);
    }
    if (!defs.isEmpty()) {
      root.set("$defs", defs);
    }
    try {
      return registry.getSchema(root);
    } catch (SchemaException e) {
      throw unusable(gvk, e);
    }
  }

  private InvalidInputException unusable(GroupVersionKind gvk, SchemaException e) {
    return new InvalidInputException(List.of(Problem.at(catalog.kinds.get(gvk).file(), 0, 0, "SCHEMA-UNUSABLE",
            "the schema of " + gvk.display() + " cannot be used for validation: " + Messages.escape(String.valueOf(e.getMessage())))
        .withHint("export the CRD again or leave it out of validation.schemas")));
  }

  private static String subject(Map<String, Object> object) {
    String kind = object.get("kind") instanceof String s ? s : "<no kind>";
    Object metadata = object.get("metadata");
    String name = metadata instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : "<no name>";
    return Messages.escape(kind) + "/" + Messages.escape(name);
  }

  private static String messageOf(Error error) {
    String message = error.getMessage();
    String location = error.getInstanceLocation().toString();
    return message.startsWith(location + ": ") ? message.substring(location.length() + 2) : message;
  }

  private static String ruleOf(String keyword) {
    if (keyword == null) {
      return RULE_INVALID;
    }
    return switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> RULE_UNKNOWN_FIELD;
      case "type" -> RULE_TYPE;
      case "enum", "const" -> RULE_ENUM;
      case "required" -> RULE_REQUIRED;
      default -> RULE_INVALID;
    };
  }
}
