package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.SharedFiles;
import io.meshplate.testing.TestProject;
import io.meshplate.testing.TestProject.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strict schema check of the whole example output against the upstream schemas, and how it
 * treats the kinds that set does not describe (Route, PodDisruptionBudget, admission policies, Kiali):
 * each is named in a note with its reason, never skipped silently, and a kind that is neither
 * described nor listed still fails.
 */
@Requires(Requirement.SHARED_SCHEMAS)
class KindsWithoutSchemaTest {
  @TempDir Path dir;

  @Test
  void wholeOutputPassesTheStrictCheckAndEveryKindWithoutASchemaIsNamedInANote() {
    Path schemas = SharedFiles.require("schemas");
    Run check = TestProject.copyOf(dir).run("check", "--schemas", schemas.toString());

    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.err().lines().filter(l -> l.startsWith("note: ") && l.contains("not schema-checked")))
        .containsExactly(
            "note: 4 admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy objects (dev, prod, prod-eu, stage)"
                + " not schema-checked, no schema loaded for the kind (validation.kindsWithoutSchema): Kubernetes"
                + " admissionregistration/v1 OpenAPI document not in the upstream schema set; the API server compiles"
                + " its CEL expressions when it is applied",
            "note: 4 admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding objects (dev, prod, prod-eu, stage)"
                + " not schema-checked, no schema loaded for the kind (validation.kindsWithoutSchema): Kubernetes"
                + " admissionregistration/v1 OpenAPI document not in the upstream schema set; the API server validates"
                + " it on sync",
            "note: 4 kiali.io/v1alpha1 Kiali objects (dev, prod, prod-eu, stage) not schema-checked, no schema loaded"
                + " for the kind (validation.kindsWithoutSchema): the Kiali operator's CRD is not in the upstream schema"
                + " set; the operator validates the CR when it reconciles",
            "note: 8 policy/v1 PodDisruptionBudget objects (dev, prod, prod-eu, stage) not schema-checked, no schema"
                + " loaded for the kind (validation.kindsWithoutSchema): Kubernetes policy/v1 OpenAPI document not in"
                + " the upstream schema set; the API server validates it on sync",
            "note: 12 route.openshift.io/v1 Route objects (dev, prod, prod-eu, stage) not schema-checked, no schema"
                + " loaded for the kind (validation.kindsWithoutSchema): OpenShift API (openshift/api route/v1), not in"
                + " the upstream schema set; INV-ROUTE checks host, target Service and TLS");
  }

  @Test
  void aKindNeitherDescribedNorListedFailsAndAListedKindTheSchemasDescribeIsStillChecked() {
    Path schemas = SharedFiles.require("schemas");
    TestProject project = TestProject.copyOf(dir);
    project.edit("templates/base/defaults.yaml", "    - apiVersion: route.openshift.io/v1\n      kind: Route\n",
        "    - apiVersion: networking.k8s.io/v1\n      kind: NetworkPolicy\n");
    project.edit("templates/overlays/stage/overlay.yaml", "values:\n", """
        patches:
          - target: {kind: NetworkPolicy, name: default-deny-all}
            patch: |-
              - {op: add, path: /spec/bogus, value: 1}
        values:
        """);

    Run check = project.run("check", "--env", "stage", "--schemas", schemas.toString());

    assertThat(check.exitCode()).isEqualTo(4);
    assertThat(check.err())
        .contains("output/stage/tenants/identity/route.yaml:3:1: SCHEMA-UNKNOWN-KIND: Route/id-acme-example: no schema for"
            + " apiVersion route.openshift.io/v1 kind Route in the loaded schema set")
        .containsPattern("output/stage/tenants/identity/network-policy.yaml:\\d+:3: SCHEMA-UNKNOWN-FIELD:"
            + " NetworkPolicy/default-deny-all")
        .doesNotContain("NetworkPolicy objects (stage) not schema-checked");
  }
}
