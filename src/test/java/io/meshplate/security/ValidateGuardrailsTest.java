package io.meshplate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} refuses what {@code render} refuses across tenants, with the same exit code. */
class ValidateGuardrailsTest {
  @TempDir Path root;

  @Test
  void validateReportsAHostClaimedFromAnotherTenant() throws IOException {
    Path project = ProjectTrees.projectRoot();
    ProjectTrees.link(project.resolve("templates"), root.resolve("templates"));
    ProjectTrees.copy(project.resolve("tenants"), root.resolve("tenants"));
    Files.writeString(root.resolve("tenants/evil.yaml"), """
        apiVersion: meshplate.io/v1alpha1
        kind: Tenant
        metadata:
          name: evil
        spec:
          owners: ["@acme/evil"]
          services:
            - name: web
              ports: [{name: http, port: 8080, protocol: HTTP}]
          ingress:
            hosts:
              - {name: shop, service: web}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("--root", root.toString(), "validate");

    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).contains("tenants/evil.yaml:12:16: GUARD-INGRESS-HOST-OWNER: ")
        .contains("tenants/storefront.yaml:28:16: GUARD-INGRESS-HOST-OWNER: ");
    assertThat(root.resolve("output")).doesNotExist();
  }
}
