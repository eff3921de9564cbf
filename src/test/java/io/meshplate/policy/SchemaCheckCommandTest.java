package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.SharedFiles;
import io.meshplate.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --schemas} on real output with the upstream schemas: CRD rules included. */
@Requires(Requirement.SHARED_SCHEMAS)
class SchemaCheckCommandTest {
  @TempDir Path root;

  @Test
  void theShippedOutputPassesTheSchemaCheckWithCelRulesAndNamesTheRulesItSkipped() {
    Path schemas = SharedFiles.require("schemas");

    TestProject.Run run = TestProject.cli(Path.of("").toAbsolutePath(), "check", "--schemas", schemas.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains(
        // dev's and stage's (mid-migration) IstioCNI
        "note: update-only CRD rule not evaluated (it compares with the object already in the cluster) for 2 objects:"
            + " sailoperator.io/v1 IstioCNI /spec/namespace: self == oldSelf (Value is immutable)");
  }

  @Test
  void aRenderedObjectBreakingACrdRuleFailsTheCheckAtItsLine() {
    Path schemas = SharedFiles.require("schemas");
    TestProject project = TestProject.copyOf(root);
    // An overlay patch gives dev's Sidecars a connect timeout the Istio 1.30 CRD refuses (< 1ms).
    project.edit("templates/overlays/dev/overlay.yaml", "patches:\n", """
        patches:
          - target: {kind: Sidecar, namespace: ledger-dev}
            patch: |-
              - {op: add, path: /spec/inboundConnectionPool, value: {tcp: {connectTimeout: 0s}}}
        """);
    assertThat(project.run("render", "--env", "dev").exitCode()).isZero(); // without --schemas it renders

    TestProject.Run run = project.run("check", "--env", "dev", "--schemas", schemas.toString());

    assertThat(run.exitCode()).isEqualTo(4);
    Matcher problem = Pattern.compile("output/dev/tenants/ledger/sidecar\\.yaml:(\\d+):(\\d+): SCHEMA-CEL: Sidecar/default: "
        + "/spec/inboundConnectionPool/tcp/connectTimeout: must be a valid duration greater than 1ms "
        + "\\(CRD rule of networking\\.istio\\.io/v1 Sidecar: duration\\(self\\) >= duration\\('1ms'\\)\\)").matcher(run.err());
    assertThat(problem.find()).as(run.err()).isTrue();
    List<String> lines = project.read("output/dev/tenants/ledger/sidecar.yaml").lines().toList();
    String line = lines.get(Integer.parseInt(problem.group(1)) - 1);
    assertThat(line.substring(Integer.parseInt(problem.group(2)) - 1)).isEqualTo("0s");
    assertThat(line).contains("connectTimeout: 0s");
  }
}
