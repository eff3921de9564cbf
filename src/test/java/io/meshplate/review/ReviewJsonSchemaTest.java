package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON review validates against the schema it publishes, and the schema is strict enough to catch drift. */
class ReviewJsonSchemaTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Schema schema() throws Exception {
    try (InputStream in = ReviewJsonSchemaTest.class.getResourceAsStream("/schema/review-v1.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  @ParameterizedTest
  @EnumSource(Scenarios.class)
  void jsonOfScriptedPullRequestMatchesPublishedSchema(Scenarios scenario) throws Exception {
    String json = Reviewer.format(ScenarioRepo.review(scenario, DeletionPolicy.DEFAULT), ReportFormat.JSON, false);
    List<Error> errors = schema().validate(JSON.readTree(json));
    assertThat(errors).as(json).isEmpty();
    assertThat(JSON.readTree(json).get("schemaVersion").asString()).isEqualTo("meshplate.io/review/v1");
  }

  @Test
  void schemaRejectsUnknownCategoryAndMissingFields() throws Exception {
    JsonNode json = JSON.readTree(Reviewer.format(ScenarioRepo.review(Scenarios.NEW_CALLER, DeletionPolicy.DEFAULT), ReportFormat.JSON, false));
    ((ObjectNode) json.get("findings").get(0)).put("category", "ACCESS_MAYBE");
    ((ObjectNode) json).remove("counts");
    assertThat(schema().validate(json)).extracting(e -> e.getInstanceLocation() + " " + e.getMessage())
        .anySatisfy(m -> assertThat(m).contains("/findings/0/category").contains("enumeration"))
        .anySatisfy(m -> assertThat(m).contains("counts"));
  }

  @Test
  void scopeAndStaleOutputMatchTheSchema() throws Exception {
    Review review = ScenarioRepo.review(Scenarios.NEW_CALLER, DeletionPolicy.DEFAULT).with(
        new OutputCheck(OutputCheck.State.STALE_RENDERED, List.of("dev/tenants/payments/sidecar.yaml"), null),
        ChangeScope.of(List.of("tenants/payments.yaml", "output/dev/tenants/payments/sidecar.yaml", "ci/pr.sh")));
    JsonNode json = JSON.readTree(Reviewer.format(review, ReportFormat.JSON, false));

    assertThat(schema().validate(json)).as(json.toString()).isEmpty();
    assertThat(json.get("output").get("state").asString()).isEqualTo("STALE_RENDERED");
    assertThat(json.get("scope").get("tenants").toString()).isEqualTo("[\"payments\"]");
    assertThat(json.get("scope").get("platformPaths").toString()).isEqualTo("[\"ci/pr.sh\"]");
  }

  @Test
  void jsonIsByteStableAcrossRuns() throws Exception {
    String first = Reviewer.format(ScenarioRepo.review(Scenarios.WIDENED_PATH, DeletionPolicy.DEFAULT), ReportFormat.JSON, false);
    String second = Reviewer.format(ScenarioRepo.review(Scenarios.WIDENED_PATH, DeletionPolicy.DEFAULT), ReportFormat.JSON, false);
    assertThat(second).isEqualTo(first);
    assertThat(first).contains("\"added\" : [ \"DELETE\" ]");
  }
}
