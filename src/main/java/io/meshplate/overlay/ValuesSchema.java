package io.meshplate.overlay;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.meshplate.IoFailure;
import io.meshplate.Problem;
import io.meshplate.Sha256;
import io.meshplate.Workspace;
import io.meshplate.descriptor.ContentMemo;
import io.meshplate.descriptor.SchemaMessages;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.Trees;
import io.meshplate.yaml.ValueCodec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code templates/base/values.schema.json}: the platform team's contract for the values its
 * templates read, as a JSON Schema (draft 2020-12) over each overlay's merged values. A value of
 * the wrong type used to surface as a template failure naming a line of {@code yaml.ftl}, or not
 * at all (a list where a word goes rendered as its text); a misspelt key in an overlay was never
 * read. The schema names the line that set the value, and, being closed, the misspelt key.
 * Values meshplate's own code reads keep their rules in {@link PlatformValueRules} as well, so a
 * workspace without this file is still checked where the model depends on them.
 */
final class ValuesSchema {
  static final String FILE = "values.schema.json";
  static final String RULE = "VALUES-SCHEMA";
  static final String RULE_FILE = "VALUES-SCHEMA-FILE";
  private static final String META = "https://json-schema.org/draft/2020-12/schema";
  private static final String UNUSABLE_HINT =
      "keep every definition in the file's $defs: a $ref to another file or address is never followed";

  private final String shown;
  private final byte[] bytes;

  private ValuesSchema(String shown, byte[] bytes) {
    this.shown = shown;
    this.bytes = bytes;
  }

  static Path path(Workspace workspace) {
    return workspace.baseTemplates().resolve(FILE);
  }

  /**
   * The schema file's content, or null when the workspace has none (nothing to check) or it is a
   * link or special file (then with a problem). It is parsed only when values are checked.
   */
  static ValuesSchema read(Workspace workspace, List<Problem> problems) {
    Path file = path(workspace);
    if (PlatformFiles.refuse(workspace, file, RULE_FILE, false, problems) || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      return new ValuesSchema(workspace.display(file), Files.readAllBytes(file));
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, workspace.display(file), "cannot read", e);
    }
  }

  /**
   * Every value of each chain the schema refuses, at the line that set it, or the problem with
   * the schema itself (not JSON, not a draft 2020-12 schema). Merged values that passed this
   * schema before (the same bytes, per {@code memo}) are not checked again: a run with nothing
   * changed then never starts the validator.
   */
  List<Problem> check(Collection<OverlayChain> chains, ContentMemo memo) {
    byte[] key = key(chains);
    if (memo.passed(key)) {
      memo.remember(key);
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    JsonNode node = parse(problems);
    Schema schema = node == null ? null : compile(node, problems);
    if (schema == null) {
      return problems;
    }
    for (OverlayChain chain : chains) {
      JsonNode values = Trees.json(chain.values());
      List<Error> found;
      try {
        found = schema.validate(values);
      } catch (RuntimeException unusable) {
        // A $ref the schema does not hold: the loader reads no file and no address for it.
        problems.add(new Problem(shown, 0, 0, RULE_FILE, "cannot be used as a schema: "
            + Messages.escape(String.valueOf(unusable.getMessage())), UNUSABLE_HINT));
        return problems;
      }
      problems.addAll(problems(chain, SchemaMessages.explain(node, values, found)));
    }
    if (problems.isEmpty()) {
      memo.remember(key);
    }
    return problems;
  }

  /** The errors of one chain as problems, each once: a value of the wrong type fails its enum or pattern too. */
  private static List<Problem> problems(OverlayChain chain, List<SchemaMessages.Explained> errors) {
    Set<String> mistyped = new HashSet<>();
    errors.stream().filter(e -> e.keyword().equals("type")).forEach(e -> mistyped.add(e.pointer()));
    List<Problem> problems = new ArrayList<>();
    for (SchemaMessages.Explained error : errors) {
      if (mistyped.contains(error.pointer()) && !error.keyword().equals("type")) {
        continue; // the type is the one thing to fix
      }
      String hint = error.hint();
      if ("additionalProperties".equals(error.keyword())) {
        hint += (hint.endsWith("?") ? " A" : "; a") + " new value a template reads is declared in templates/base/"
            + FILE + " first";
      }
      problems.add("required".equals(error.keyword()) ? missing(chain, error)
          : chain.problemAt(error.pointer(), RULE, error.message(), hint));
    }
    return problems;
  }

  private JsonNode parse(List<Problem> problems) {
    try {
      return JsonMapper.builder().build().readTree(bytes);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      problems.add(new Problem(shown, at == null ? 0 : Math.max(0, at.getLineNr()), at == null ? 0 : Math.max(0, at.getColumnNr()),
          RULE_FILE, "not JSON: " + e.getOriginalMessage(), "fix the JSON syntax at that position"));
      return null;
    }
  }

  private Schema compile(JsonNode node, List<Problem> problems) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ROOT).build()));
    List<Error> wrong = registry.getSchema(SchemaLocation.of(META)).validate(node);
    if (!node.isObject() || !wrong.isEmpty()) {
      String what = wrong.isEmpty() ? "the top level is not an object" : wrong.get(0).getMessage();
      problems.add(new Problem(shown, 0, 0, RULE_FILE, "not a JSON Schema (draft 2020-12): " + what,
          "fix the schema; editors check it against " + META));
      return null;
    }
    try {
      return registry.getSchema(node);
    } catch (RuntimeException unusable) {
      problems.add(new Problem(shown, 0, 0, RULE_FILE, "cannot be used as a schema: "
          + Messages.escape(String.valueOf(unusable.getMessage())), UNUSABLE_HINT));
      return null;
    }
  }

  /**
   * A value the templates read that the chain does not set: at the {@code null} that deleted it,
   * in the most specific overlay that wrote one; else (never set) where its section is set.
   */
  private static Problem missing(OverlayChain chain, SchemaMessages.Explained error) {
    String pointer = SourceMap.child(error.pointer(), error.property());
    String message = "overlay " + chain.name() + ": " + error.message();
    for (int i = chain.overlays().size() - 1; i >= 0; i--) {
      Overlay overlay = chain.overlays().get(i);
      if (deletes(overlay.values(), pointer)) {
        SourceMap.Position at = overlay.positions().value("/values" + pointer);
        return new Problem(overlay.file(), at.line(), 0, RULE, message,
            "templates read it: remove the null, or set a value");
      }
    }
    return chain.problemAt(error.pointer(), RULE, message, error.hint());
  }

  /** Whether {@code values} holds an explicit null at {@code pointer} or above it. */
  private static boolean deletes(Map<String, Object> values, String pointer) {
    Object current = values;
    for (String key : SourceMap.tokens(pointer)) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return false;
      }
      current = map.get(key);
      if (current == null) {
        return true;
      }
    }
    return false;
  }

  /** The schema's bytes and every chain's name and merged values. */
  private byte[] key(Collection<OverlayChain> chains) {
    MessageDigest digest = Sha256.digest();
    digest.update(("platform values checked against " + FILE + "\n").getBytes(StandardCharsets.US_ASCII));
    digest.update(bytes);
    try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
      for (OverlayChain chain : chains) {
        out.writeUTF(chain.name());
        ValueCodec.write(chain.values(), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return digest.digest();
  }
}
