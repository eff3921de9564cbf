package io.meshplate.descriptor;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.meshplate.yaml.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published JSON Schema ({@code schema/tenant-v1alpha1.schema.json}) applied to a parsed
 * descriptor, with every error turned into a {@link Finding} a tenant can act on.
 *
 * <p>{@code oneOf} failures are reduced to the branch the author evidently meant (the one with
 * the fewest unknown fields), so {@code from: {ingress: yes}} says "must be true" rather than
 * listing why it is not a {@code tenant}+{@code service} pair as well.
 */
final class DescriptorSchema {
  static final String RESOURCE = "/schema/tenant-v1alpha1.schema.json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNode SCHEMA_NODE = load();
  /** Library messages in one fixed locale; the rest is the draft 2020-12 default. */
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
              builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                  .locale(Locale.ROOT)
                  .build()))
          .getSchema(SCHEMA_NODE);

  private DescriptorSchema() {}

  /** The schema document itself (read-only). */
  static JsonNode schemaNode() {
    return SCHEMA_NODE;
  }

  /** Validates a descriptor tree as read by {@code StrictYaml}. */
  static List<Finding> validate(Object descriptorTree) {
    JsonNode instance = Trees.json(descriptorTree);
    List<Error> errors = reduceOneOf(SCHEMA.validate(instance));
    List<Finding> findings = new ArrayList<>();
    SchemaMessages messages = new SchemaMessages(SCHEMA_NODE, instance);
    Map<String, String> misspelt = misspeltRequired(errors);
    for (Error error : errors) {
      if ("required".equals(error.getKeyword()) && misspelt.containsValue(site(error, error.getProperty()))) {
        continue; // the misspelt key is the cause, reported once as an unknown field
      }
      String required = misspelt.get(site(error, error.getProperty()));
      findings.add(messages.describe(error, required == null ? null : required.substring(required.indexOf('#') + 1)));
    }
    return findings;
  }

  /**
   * Required fields that are missing only because an unknown key next to them is a misspelling
   * of theirs ({@code protcol} for {@code protocol}), as the unknown key's site to the missing
   * field's site ({@code instance pointer + "#" + field}). Reporting the typo (the cause) and not
   * the missing field (the consequence) tells the author the one thing to change.
   */
  private static Map<String, String> misspeltRequired(List<Error> errors) {
    Map<String, List<String>> unknownByObject = new LinkedHashMap<>();
    for (Error error : errors) {
      if ("additionalProperties".equals(error.getKeyword())) {
        unknownByObject.computeIfAbsent(SchemaMessages.pointer(error.getInstanceLocation()), k -> new ArrayList<>())
            .add(error.getProperty());
      }
    }
    Map<String, String> misspelt = new LinkedHashMap<>();
    for (Error error : errors) {
      if (!"required".equals(error.getKeyword())) {
        continue;
      }
      String field = error.getProperty();
      for (String unknown : unknownByObject.getOrDefault(SchemaMessages.pointer(error.getInstanceLocation()), List.of())) {
        if (!misspelt.containsKey(site(error, unknown)) && Hints.didYouMean(unknown, List.of(field)).isPresent()) {
          misspelt.put(site(error, unknown), site(error, field));
          break;
        }
      }
    }
    return misspelt;
  }

  private static String site(Error error, String field) {
    return SchemaMessages.pointer(error.getInstanceLocation()) + "#" + field;
  }

  /** Where an error arose: the same {@code oneOf} is evaluated once per list item. */
  private record Site(String instance, String evaluation) {
    static Site of(Error error) {
      return new Site(SchemaMessages.pointer(error.getInstanceLocation()), error.getEvaluationPath().toString());
    }

    /** The branch index when {@code this} lies inside the branches of the {@code oneOf} at {@code site}. */
    String branchWithin(Site site) {
      boolean sameInstance = instance.equals(site.instance) || instance.startsWith(site.instance + "/");
      if (!sameInstance || !evaluation.startsWith(site.evaluation + "/")) {
        return null;
      }
      String rest = evaluation.substring(site.evaluation.length() + 1);
      return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    }
  }

  /**
   * Replaces each failed {@code oneOf} and its branch errors by the errors of the one branch
   * with the fewest unknown fields; keeps the {@code oneOf} error itself when that is a tie.
   */
  private static List<Error> reduceOneOf(List<Error> errors) {
    Map<Site, Error> oneOfs = new LinkedHashMap<>();
    for (Error error : errors) {
      if ("oneOf".equals(error.getKeyword())) {
        oneOfs.put(Site.of(error), error);
      }
    }
    if (oneOfs.isEmpty()) {
      return errors;
    }
    List<Error> kept = new ArrayList<>();
    Map<Site, Map<String, List<Error>>> branches = new LinkedHashMap<>();
    for (Error error : errors) {
      if ("oneOf".equals(error.getKeyword())) {
        continue;
      }
      Site site = Site.of(error);
      Site owner = oneOfs.keySet().stream().filter(o -> site.branchWithin(o) != null)
          .max(Comparator.comparingInt((Site o) -> o.evaluation().length())).orElse(null);
      if (owner == null) {
        kept.add(error);
      } else {
        branches.computeIfAbsent(owner, k -> new LinkedHashMap<>())
            .computeIfAbsent(site.branchWithin(owner), k -> new ArrayList<>()).add(error);
      }
    }
    oneOfs.forEach((site, oneOf) -> kept.addAll(bestBranch(oneOf, branches.getOrDefault(site, Map.of()))));
    return kept;
  }

  private static List<Error> bestBranch(Error oneOf, Map<String, List<Error>> byBranch) {
    List<Error> best = null;
    long bestUnknown = Long.MAX_VALUE;
    boolean tie = false;
    for (List<Error> branchErrors : byBranch.values()) {
      long unknown = branchErrors.stream()
          .filter(e -> "additionalProperties".equals(e.getKeyword()) || "type".equals(e.getKeyword())
              && e.getInstanceLocation().equals(oneOf.getInstanceLocation()))
          .count();
      if (unknown < bestUnknown) {
        best = branchErrors;
        bestUnknown = unknown;
        tie = false;
      } else if (unknown == bestUnknown) {
        tie = true;
      }
    }
    return best == null || tie ? List.of(oneOf) : best;
  }

  private static JsonNode load() {
    try (InputStream in = DescriptorSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + RESOURCE);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
