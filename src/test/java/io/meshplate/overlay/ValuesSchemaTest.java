package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.descriptor.ContentMemo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * templates/base/values.schema.json over each overlay's merged values: the project's own schema
 * on the project's own values, then values it must refuse, each at the line that set it.
 */
class ValuesSchemaTest {
  @TempDir Path root;

  /** The project's templates/ folder, copied, with {@code overlay}'s overlay.yaml replaced by {@code text}. */
  private Workspace project(String overlay, String text) throws IOException {
    Path from = Path.of("templates").toAbsolutePath();
    try (var files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path to = root.resolve("templates").resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    }
    if (overlay != null) {
      Files.writeString(root.resolve("templates/overlays").resolve(overlay).resolve("overlay.yaml"), text);
    }
    return new Workspace(root);
  }

  private static List<String> problems(Workspace workspace) {
    try {
      OverlayLoader.load(workspace);
    } catch (InvalidInputException e) {
      return e.problems().stream().map(Problem::format).toList();
    }
    throw new AssertionError("expected InvalidInputException");
  }

  @Test
  void theProjectsValuesPassTheProjectsSchema() throws IOException {
    Workspace workspace = project(null, null);
    List<Problem> problems = new ArrayList<>();
    ValuesSchema schema = ValuesSchema.read(workspace, problems);

    assertThat(schema).isNotNull();
    assertThat(schema.check(OverlayLoader.load(workspace).chains().values(), ContentMemo.NONE)).isEmpty();
    assertThat(problems).isEmpty();
  }

  /** Editors show each value's description while the platform team types it. */
  @Test
  void everyValueOfTheProjectsSchemaIsDescribed() throws IOException {
    JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(Path.of("templates/base/values.schema.json")));
    List<String> undescribed = new ArrayList<>();
    undescribed(schema, "", undescribed);

    assertThat(undescribed).isEmpty();
    assertThat(schema.path("properties").size()).isGreaterThan(10);
  }

  private static void undescribed(JsonNode node, String at, List<String> undescribed) {
    node.path("properties").properties().forEach(entry -> {
      JsonNode value = entry.getValue();
      if (!value.has("description") && !value.has("$ref")) {
        undescribed.add(at + "/" + entry.getKey());
      }
      undescribed(value, at + "/" + entry.getKey(), undescribed);
    });
    if (node.path("items").isObject()) {
      undescribed(node.path("items"), at + "[]", undescribed);
    }
  }

  /**
   * Before: a list where the replica count goes failed the render as a template error in
   * lib/yaml.ftl; a list where the access log mode goes rendered as its text; a misspelt section
   * was never read; a map where the domain goes was blamed on a tenant's descriptor.
   */
  @Test
  void aValueOfTheWrongShapeOrAMisspeltKeyIsRefusedAtTheLineThatSetIt() throws IOException {
    Workspace workspace = project("dev", """
        values:
          namespaceSuffix: -dev
          ingress:
            replicas: [1]
            domain: {apps: dev}
          telemetry:
            defaultAccessLog: [all]
          kiali:
            verison: v2
          monitring: {}
        """);

    assertThat(problems(workspace)).containsExactly(
        "templates/overlays/dev/overlay.yaml:4: VALUES-SCHEMA: `ingress.replicas` must be an integer, found a list",
        "templates/overlays/dev/overlay.yaml:5: VALUES-SCHEMA: `ingress.domain` must be a string, found a map",
        "templates/overlays/dev/overlay.yaml:7: VALUES-SCHEMA: `telemetry.defaultAccessLog` must be a string,"
            + " found a list",
        "templates/overlays/dev/overlay.yaml:9: VALUES-SCHEMA: unknown field `verison` in `kiali` (did you mean"
            + " `version`? A new value a template reads is declared in templates/base/values.schema.json first)",
        "templates/overlays/dev/overlay.yaml:10: VALUES-SCHEMA: unknown field `monitring` (did you mean"
            + " `monitoring`? A new value a template reads is declared in templates/base/values.schema.json first)");
  }

  /** A field below a section is named by its whole path: sections repeat names such as port and namespace. */
  @Test
  void aNestedValueIsNamedByItsWholePath() throws IOException {
    Workspace workspace = project("dev", """
        values:
          namespaceSuffix: -dev
          telemetry:
            tracing: {prot: 4317}
          ingress:
            proxyResources: {limits: {cpu: null}}
        """);

    assertThat(problems(workspace)).containsExactly(
        "templates/overlays/dev/overlay.yaml:4: VALUES-SCHEMA: unknown field `prot` in `telemetry.tracing` (did you"
            + " mean `port`? A new value a template reads is declared in templates/base/values.schema.json first)",
        "templates/overlays/dev/overlay.yaml:6: VALUES-SCHEMA: overlay dev: missing required field `cpu` in"
            + " `ingress.proxyResources.limits` (templates read it: remove the null, or set a value)");
  }

  /** A value every template reads, deleted by an overlay, failed the render as a template error. */
  @Test
  void aValueTheTemplatesReadCannotBeDeleted() throws IOException {
    Workspace workspace = project("dev", """
        values:
          namespaceSuffix: -dev
          ingress:
            replicas: null
        """);

    assertThat(problems(workspace)).containsExactly(
        "templates/overlays/dev/overlay.yaml:4: VALUES-SCHEMA: overlay dev: missing required field `replicas` in"
            + " `ingress` (templates read it: remove the null, or set a value)");
  }

  /** A port both the schema and meshplate's own rule refuse is reported once, in the rule's words. */
  @Test
  void aValueBothCheckersRefuseIsReportedOnce() throws IOException {
    Workspace workspace = project("dev", """
        values:
          namespaceSuffix: -dev
          dns:
            ports: [53, 70000]
          telemetry:
            tracing: {port: "4317"}
        """);

    assertThat(problems(workspace)).containsExactly(
        "templates/overlays/dev/overlay.yaml:4: VALUES-INVALID: dns.ports is '[53, 70000]'; it must be a list of port"
            + " numbers (1 to 65535) (write the numbers unquoted, one per item, such as [5353, 53])",
        "templates/overlays/dev/overlay.yaml:6: VALUES-INVALID: telemetry.tracing.port is '4317'; it must be a port"
            + " number (1 to 65535) (write the collector's OTLP port unquoted, such as 4317)");
  }

  @Test
  void aSchemaThatIsNotJsonOrNotASchemaOrReachesOutsideIsItselfTheProblem() throws IOException {
    Workspace workspace = project(null, null);
    Path file = ValuesSchema.path(workspace);

    Files.writeString(file, "{\n  \"type\": \"object\",\n  \"properties\": {,}\n}\n");
    assertThat(problems(workspace)).singleElement().asString()
        .startsWith("templates/base/values.schema.json:3:18: VALUES-SCHEMA-FILE: not JSON: ");

    Files.writeString(file, "{\"type\": \"objekt\"}");
    assertThat(problems(workspace)).singleElement().asString()
        .startsWith("templates/base/values.schema.json: VALUES-SCHEMA-FILE: not a JSON Schema (draft 2020-12): ");

    Files.writeString(file, "{\"$ref\": \"file:///etc/hostname\"}");
    assertThat(problems(workspace)).singleElement().asString()
        .startsWith("templates/base/values.schema.json: VALUES-SCHEMA-FILE: cannot be used as a schema: ")
        .endsWith("(keep every definition in the file's $defs: a $ref to another file or address is never followed)");

    Path elsewhere = Files.writeString(root.resolve("schema.json"), "{}");
    Files.delete(file);
    Files.createSymbolicLink(file, elsewhere);
    assertThat(problems(workspace)).singleElement().asString()
        .startsWith("templates/base/values.schema.json: VALUES-SCHEMA-FILE: a symbolic link");

    Files.delete(file);
    assertThat(OverlayLoader.load(workspace).names()).contains("dev"); // no schema: nothing to check against
  }

  /** Merged values that passed are not checked again; a change to the schema or the values is. */
  @Test
  void valuesThatPassedBeforeAreNotCheckedAgain() throws IOException {
    Workspace workspace = project(null, null);
    var chains = OverlayLoader.load(workspace).chains().values();
    Recording memo = new Recording();

    assertThat(ValuesSchema.read(workspace, new ArrayList<>()).check(chains, memo)).isEmpty();
    assertThat(memo.passed).hasSize(1);
    assertThat(ValuesSchema.read(workspace, new ArrayList<>()).check(chains, memo)).isEmpty();
    assertThat(memo.asked).isEqualTo(2);
    assertThat(memo.passed).hasSize(1);

    // The same values against a schema that refuses them: a new key, checked, refused.
    Path file = ValuesSchema.path(workspace);
    Files.writeString(file, "{\"properties\": {\"ingress\": {\"properties\": {\"replicas\": {\"minimum\": 5}}}}}");
    assertThat(ValuesSchema.read(workspace, new ArrayList<>()).check(chains, memo)).extracting(Problem::rule)
        .isNotEmpty().containsOnly(ValuesSchema.RULE);
    assertThat(memo.passed).hasSize(1);
  }

  /** A memo that remembers what passed, in this test only, and keeps no documents. */
  private static final class Recording implements ContentMemo {
    final Set<String> passed = new HashSet<>();
    int asked;

    @Override
    public boolean passed(byte[] contentDigest) {
      asked++;
      return passed.contains(HexFormat.of().formatHex(contentDigest));
    }

    @Override
    public void remember(byte[] contentDigest) {
      passed.add(HexFormat.of().formatHex(contentDigest));
    }
  }
}
